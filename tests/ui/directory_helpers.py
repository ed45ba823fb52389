"""Finding rows and dialogs of the directory view in tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlite_utils import Database

from signapp.ui.app import build_main_window
from signapp.ui.directory.view import DirectoryView
from signapp.ui.main_window import ORGANISATIONS, MainWindow
from signapp.ui.settings import Settings
from signapp.ui.undo import UndoStack


def shown_names(view: DirectoryView) -> list[str]:
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def row_named(view: DirectoryView, name: str) -> int:
    return shown_names(view).index(name)


def click_row(qtbot, view: DirectoryView, row: int, *, add: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Click a row the way a user does; ``add`` holds Ctrl to extend the selection."""
    index = view.model.index(row, 0)
    view.table.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        modifier,
        view.table.visualRect(index).center(),
    )


def click_ok(qtbot, buttons: QDialogButtonBox) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def directory_window(qtbot, db: Database, stack: UndoStack, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    """The assembled main window, shown, on the directory page."""
    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.show_view(ORGANISATIONS)
    return window
