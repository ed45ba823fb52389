"""``--screenshot FILE [--view NAME]``: a PNG of the loaded main window, then quit.

Used for the pictures of the user guide and by tests that look at a whole window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

log = logging.getLogger("signapp.ui")

# The view names --view accepts: a page of the window, or a tab of the statements page.
PAGE_VIEWS = ("welcome", "statements", "organisations")
STATEMENT_TABS = ("text", "versions", "sign-ons", "replies", "progress")
VIEW_NAMES = (*PAGE_VIEWS, *STATEMENT_TABS)
# Time for views that read their data after being shown to draw it.
SETTLE_MS = 400


def show_named_view(window: QMainWindow, name: str) -> None:
    """Bring the view ``name`` (one of :data:`VIEW_NAMES`) to the front."""
    if name in PAGE_VIEWS:
        window.show_view(name)  # type: ignore[attr-defined]
        return
    window.show_view("statements")  # type: ignore[attr-defined]
    tabs = getattr(window.statements, "tabs", None)  # type: ignore[attr-defined]
    if isinstance(tabs, QTabWidget):
        tabs.setCurrentIndex(STATEMENT_TABS.index(name))


def save_window_picture(window: QMainWindow, path: Path) -> bool:
    """Write the window as it is drawn now to ``path`` (PNG); False if it could not."""
    picture = window.grab()
    saved = picture.save(str(path), "PNG")
    if not saved:
        log.error("could not write the screenshot %s", path)
    return saved


def screenshot_when_loaded(
    window: QMainWindow, path: Path, view: str | None, done: Callable[[int], None] | None = None
) -> None:
    """Once the first view has loaded: show ``view``, let it draw, save the PNG, quit.

    ``done(status)`` is called instead of quitting the application when given (tests).
    """

    def finish() -> None:
        status = 0 if save_window_picture(window, path) else 1
        if done is not None:
            done(status)
        else:
            QApplication.exit(status)

    def take() -> None:
        if view is not None:
            show_named_view(window, view)
        QTimer.singleShot(SETTLE_MS, finish)

    window.first_view_loaded.connect(lambda: QTimer.singleShot(0, take))  # type: ignore[attr-defined]
