"""Finding rows and dialogs of the directory view in tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from signapp.ui.directory.view import DirectoryView


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
