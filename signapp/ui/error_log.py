"""Uncaught errors go to the log file and to the person, with a way to open the log.

No traceback reaches a user: an error nobody caught is written to the log (see
:mod:`signapp.core.logfile`) and shown as a plain message whose "Open the log"
button shows the details to whoever is asked to look.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from signapp.core.logfile import active_log_path
from signapp.i18n import _

log = logging.getLogger("signapp.ui.errors")


def unexpected_error_text(kind: type[BaseException]) -> str:
    """What a person is told about an error signapp did not expect (a bug)."""
    return _(
        "Something went wrong that signapp did not expect; nothing further was changed. Details are in the log ({kind})."
    ).format(kind=kind.__name__)


def offer_log(box: QMessageBox) -> None:
    """Add an "Open the log" button to ``box`` when a log file is being written."""
    path = active_log_path()
    if path is None:
        return
    button = box.addButton(_("Open the log"), QMessageBox.ButtonRole.ActionRole)
    # An action button would close the box; the person may want to read it still.
    button.clicked.disconnect()
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)


def unexpected_error_box(parent: QWidget | None, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "signapp", message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    offer_log(box)
    return box


def _report_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    log.critical("uncaught error", exc_info=(kind, error, trace))
    if QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
        return
    unexpected_error_box(QApplication.activeWindow(), unexpected_error_text(kind)).exec()


def _report_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    log.critical(
        "uncaught error in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


@contextmanager
def uncaught_errors_reported() -> Iterator[None]:
    """While inside, errors nobody caught are logged and shown instead of printed."""
    previous, previous_thread_hook = sys.excepthook, threading.excepthook
    sys.excepthook = _report_uncaught
    threading.excepthook = _report_uncaught_in_thread
    try:
        yield
    finally:
        sys.excepthook, threading.excepthook = previous, previous_thread_hook
