"""Running long work off the GUI thread: the one helper every view uses.

A task is a plain function ``work(progress, cancel)`` run on a :class:`QThreadPool`. Its
result, its error or its cancellation comes back as a signal of the :class:`TaskHandle`,
delivered on the GUI thread; progress comes back the same way. Work that reads the
database gets its own connection, opened in the worker thread from the database file:
SQLite connections belong to the thread that made them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from signapp.core.db import database_path, open_database, reopen_database
from signapp.core.errors import Cancelled, SignappError
from signapp.i18n import _
from signapp.ui.error_log import offer_log, unexpected_error_text

log = logging.getLogger("signapp.ui.tasks")

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Work = Callable[[ProgressCallback, CancelCheck], Any]
DatabaseWork = Callable[[Database, ProgressCallback, CancelCheck], Any]
DatabaseOpener = Callable[[], Database]

_PROGRESS_INTERVAL_SECONDS = 0.03

# Handles of running tasks, kept alive until their result has been delivered.
_running: set[TaskHandle] = set()


class _WorkerSignals(QObject):
    """Emitted from the worker thread; the handle receives them queued on the GUI thread."""

    progressed = Signal(int, int)
    done = Signal(str, object)


class TaskHandle(QObject):
    """One running task: its signals arrive on the GUI thread, ``cancel()`` asks it to stop.

    Exactly one of ``succeeded(result)``, ``failed(error)`` or ``cancelled()`` is
    emitted, then ``finished()``.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel_requested = threading.Event()
        self._running = True
        self.worker_signals = _WorkerSignals()
        self.worker_signals.progressed.connect(self._relay_progress)
        self.worker_signals.done.connect(self._relay_done)

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it ends with ``cancelled()``."""
        self._cancel_requested.set()

    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    @property
    def is_running(self) -> bool:
        return self._running

    @Slot(int, int)
    def _relay_progress(self, done: int, total: int) -> None:
        if self._running:
            self.progressed.emit(done, total)

    @Slot(str, object)
    def _relay_done(self, outcome: str, value: object) -> None:
        self._running = False
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.finished.emit()
        _running.discard(self)


class _Runnable(QRunnable):
    def __init__(self, work: Work, handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._signals = handle.worker_signals
        self._cancel_check = handle.cancel_requested
        self._last_progress = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= _PROGRESS_INTERVAL_SECONDS:
            self._last_progress = now
            self._signals.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel_check)
        except Cancelled:
            self._signals.done.emit("cancelled", None)
        except Exception as error:  # every error goes to the one handler, on the GUI thread
            if not isinstance(error, SignappError):
                log.exception("background task failed")
            self._signals.done.emit("failed", error)
        else:
            self._signals.done.emit("succeeded", result)


def run_task(
    work: Work,
    *,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle:
    """Start ``work(progress, cancel)`` on the pool and return its handle.

    Connect to the handle's signals right away: nothing is delivered before control
    returns to the event loop.
    """
    handle = TaskHandle(parent)
    _running.add(handle)
    # A parent closed mid-task deletes the handle: nothing more is delivered then.
    handle.destroyed.connect(lambda: _running.discard(handle))
    (pool or QThreadPool.globalInstance()).start(_Runnable(work, handle))
    return handle


def database_opener(database: str | Path | DatabaseOpener) -> DatabaseOpener:
    """A function that opens a new connection: from a file path, or the opener given."""
    if callable(database):
        return database
    path = Path(database)
    return lambda: open_database(path)


def worker_database_opener(db: Database) -> DatabaseOpener:
    """A function that opens a new connection to the file behind ``db``.

    The connection has ``db``'s passphrase when it is protected, and makes no daily
    backup (the window's own opening did).
    """
    if database_path(db) is None:
        raise SignappError(
            _("This database lives only in memory; it cannot be read in the background.")
        )
    return lambda: reopen_database(db)


def run_database_task(
    open_worker_database: DatabaseOpener,
    work: DatabaseWork,
    *,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle:
    """Like :func:`run_task`, with a connection of the worker's own as first argument."""

    def with_connection(progress: ProgressCallback, cancel: CancelCheck) -> Any:
        worker_db = open_worker_database()
        try:
            return work(worker_db, progress, cancel)
        finally:
            worker_db.close()

    return run_task(with_connection, parent=parent, pool=pool)


def error_message(error: BaseException) -> str:
    """What to tell the user about ``error``: its own message, or a general one for a bug."""
    if isinstance(error, SignappError):
        return error.message
    return unexpected_error_text(type(error))


def show_error(parent: QWidget | None, error: BaseException, title: str = "signapp") -> None:
    """The one place errors of views and tasks are shown to the user."""
    if not isinstance(error, SignappError):
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_message(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and values as typed
    if not isinstance(error, SignappError):
        offer_log(box)
    box.exec()
