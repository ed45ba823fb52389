"""The organisation directory: table, search and filters, detail pane, undoable edits."""
