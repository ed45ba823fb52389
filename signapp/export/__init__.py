"""Public exports of a statement: PDF and CSV. No Qt here."""
