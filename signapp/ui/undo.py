"""The undo stack shared by every view, and the base of signapp's undo commands."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from signapp.core.errors import SignappError

log = logging.getLogger("signapp.ui.undo")


class UndoStack(QUndoStack):
    """A :class:`QUndoStack` that reports commands the store refused.

    Signals:
        command_failed(str): a message for the user; nothing was changed.
    """

    command_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)


class StoreCommand(QUndoCommand):
    """An undoable change made through core functions.

    A change the store refuses (the record was deleted elsewhere, the database is busy)
    is reported through the stack's ``command_failed`` and the command is dropped from
    the stack, so the history never claims a change that did not happen.
    """

    def __init__(self, stack: UndoStack, text: str) -> None:
        # The stack's text becomes the Edit menu's "Undo …" entry, where a single "&"
        # would mark a shortcut key and vanish ("Wasser & Boden" showing as "Wasser
        # _Boden"), so it is doubled there; :meth:`text` gives the text as typed.
        super().__init__(text.replace("&", "&&"))
        self._plain_text = text
        self._stack = stack

    def text(self) -> str:
        return self._plain_text

    def redo(self) -> None:
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except SignappError as error:
            log.info("%s refused: %s", self.text(), error.message)
            self.setObsolete(True)
            self._stack.command_failed.emit(f"{self.text()}: {error.message}")
