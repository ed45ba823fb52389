"""Ctrl+Z in a text field: the field's typing first, then the app's last change.

A focused QLineEdit takes Ctrl+Z for itself even when it has nothing to undo (a field
just filled from the store has no history), so the key did nothing while Edit › Undo
worked. :class:`TextUndoRouter` lets the key through to the window's Undo action when
the field has nothing of its own to undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def focused_text_field() -> QLineEdit | QPlainTextEdit | QTextEdit | None:
    """The editable text field with the keyboard focus, if any."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
        return widget
    return None


def can_undo_typing(field: QWidget, *, redo: bool = False) -> bool:
    """Whether ``field`` has typing of its own to undo (or redo)."""
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable() if redo else field.isUndoAvailable()
    if isinstance(field, QPlainTextEdit | QTextEdit):
        document = field.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


def undo_typing(*, redo: bool = False) -> bool:
    """Undo (or redo) typing in the focused field; False if it had none."""
    field = focused_text_field()
    if field is None or not can_undo_typing(field, redo=redo):
        return False
    if redo:
        field.redo()
    else:
        field.undo()
    return True


class TextUndoRouter(QObject):
    """Installed on the application: passes Ctrl+Z / Ctrl+Shift+Z on to the shortcut
    of the window when the focused text field has nothing to undo or redo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if watched is not focused_text_field():
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            redo = False
        elif event.matches(QKeySequence.StandardKey.Redo):
            redo = True
        else:
            return False
        if can_undo_typing(watched, redo=redo):  # type: ignore[arg-type]
            return False
        event.ignore()  # not taken by the field: the window's Undo shortcut runs
        return True
