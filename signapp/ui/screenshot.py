"""``--screenshot FILE [--view NAME]``: a PNG of the loaded main window, then quit.

Used for the pictures of the user guide and by tests that look at a whole window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

log = logging.getLogger("signapp.ui")

# The view names --view accepts: a page of the window, or a tab of the statements page.
PAGE_VIEWS = ("welcome", "statements", "organisations", "people")
# Each tab of the statements page, by the attribute of the view that holds it.
STATEMENT_TABS = {
    "text": "editor",
    "versions": "versions",
    "sign-ons": "signons",
    "replies": "replies",
    "progress": "progress",
}
VIEW_NAMES = (*PAGE_VIEWS, *STATEMENT_TABS)
# Time for views that read their data after being shown to draw it.
SETTLE_MS = 400


def show_named_view(window: QMainWindow, name: str) -> None:
    """Bring the view ``name`` (one of :data:`VIEW_NAMES`) to the front."""
    if name in PAGE_VIEWS:
        window.show_view(name)  # type: ignore[attr-defined]
        return
    window.show_view("statements")  # type: ignore[attr-defined]
    statements = window.statements  # type: ignore[attr-defined]
    tabs = getattr(statements, "tabs", None)
    tab = getattr(statements, STATEMENT_TABS[name], None)
    if isinstance(tabs, QTabWidget) and tab is not None:
        tabs.setCurrentIndex(tab_index(tabs, tab))


def tab_index(tabs: QTabWidget, view: QWidget) -> int:
    """The tab showing ``view``: its page, or the page it was built into."""
    pages = (tabs.widget(index) for index in range(tabs.count()))
    return next(
        i for i, page in enumerate(pages) if page is view or (page and page.isAncestorOf(view))
    )


def save_window_picture(window: QMainWindow, path: Path) -> bool:
    """Write the window as it is drawn now to ``path`` (PNG); False if it could not."""
    picture = window.grab()
    saved = picture.save(str(path), "PNG")
    if not saved:
        log.error("could not write the screenshot %s", path)
    return saved


def screenshot_when_loaded(window: QMainWindow, path: Path, view: str | None) -> None:
    """Once the first view has loaded: show ``view``, let it draw, save the PNG, quit
    (with status 1 if the picture could not be made)."""

    def finish() -> None:
        QApplication.exit(0 if save_window_picture(window, path) else 1)

    def take() -> None:
        try:
            if view is not None:
                show_named_view(window, view)
        finally:  # an error is reported by the app's handler; the app still quits
            QTimer.singleShot(SETTLE_MS, finish)

    window.first_view_loaded.connect(lambda: QTimer.singleShot(0, take))  # type: ignore[attr-defined]
