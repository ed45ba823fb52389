"""The undo stack shared by every view, which also announces every change to the data.

Each undo command runs one core operation (see :mod:`signapp.core.ops`) and keeps the
operation that takes it back; the stack's ``changed`` signal carries the
:class:`~signapp.core.ops.Changes` of every step done, undone or redone, and of changes
made outside the history (an import, an erasure), so that each view re-reads only what
it shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlite_utils import Database

from signapp.core.errors import SignappError
from signapp.core.ops import Changes, Done
from signapp.i18n import N_, _

log = logging.getLogger("signapp.ui.undo")

UNEXPECTED_ERROR = N_("it could not be done because of an unexpected error; details are in the log")


class UndoStack(QUndoStack):
    """A :class:`QUndoStack` that reports what changed and what the store refused.

    Signals:
        changed(Changes): data changed (a command done, undone or redone, or a change
            announced with :meth:`announce`).
        command_failed(str): a message for the user; nothing was changed.
        command_broke(str): the same for an error nobody expected (a bug): nothing was
            changed, and the details are in the log.
    """

    changed = Signal(object)
    command_failed = Signal(str)
    command_broke = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def announce(self, changes: Changes) -> None:
        """Tell the views about a change made outside the undo history."""
        if changes:
            self.changed.emit(changes)


class StoreCommand(QUndoCommand):
    """An undoable change: one core operation, and the one its result says undoes it.

    Subclasses give the first run in :meth:`operate`; undo and redo then follow the
    chain of inverse operations. Any error (a change the store refuses, or one nobody
    expected) leaves the store as it was, since each operation is one transaction: it
    is reported through the stack's ``command_failed`` and the command is dropped, so
    the history never claims a change that did not happen.
    """

    def __init__(self, stack: UndoStack, db: Database, text: str) -> None:
        # The stack's text becomes the Edit menu's "Undo …" entry, where a single "&"
        # would mark a shortcut key and vanish ("Wasser & Boden" showing as "Wasser
        # _Boden"), so it is doubled there; :meth:`text` gives the text as typed.
        super().__init__(text.replace("&", "&&"))
        self._plain_text = text
        self._stack = stack
        self._db = db
        self._forward: Callable[[], Done] = self._first_run
        self._backward: Callable[[], Done] | None = None
        self._last_changes = Changes()

    def text(self) -> str:
        return self._plain_text

    def operate(self) -> Done:
        """Make the change the first time."""
        raise NotImplementedError

    def done(self, result: Done) -> None:
        """Called after the change is first made, with its result (ids created ...)."""

    def _first_run(self) -> Done:
        result = self.operate()
        self.done(result)
        return result

    def redo(self) -> None:
        result = self._guarded(self._forward)
        if result is not None:
            self._backward = self._inverse(result)

    def undo(self) -> None:
        if self._backward is None:
            return
        result = self._guarded(self._backward)
        if result is not None:
            self._forward = self._inverse(result)

    def _inverse(self, result: Done) -> Callable[[], Done]:
        undo = result.undo
        if undo is None:
            raise TypeError(f"{self.text()}: an undo command needs an operation that undoes")
        return lambda: undo(self._db)

    def _guarded(self, step: Callable[[], Done]) -> Done | None:
        try:
            result = step()
        except SignappError as error:
            log.info("%s refused: %s", type(self).__name__, error.message)
            self._drop(self._stack.command_failed, error.message)
            return None
        except Exception:
            log.exception("%s failed", type(self).__name__)
            self._drop(self._stack.command_broke, _(UNEXPECTED_ERROR))
            return None
        self._last_changes = result.changes
        self._stack.announce(result.changes)
        return result

    def _drop(self, signal: SignalInstance, message: str) -> None:
        self.setObsolete(True)
        signal.emit(f"{self.text()}: {message}")
        # A refused undo or redo usually means the rows changed elsewhere: the views
        # of what this command touched read them again.
        self._stack.announce(self._last_changes)
