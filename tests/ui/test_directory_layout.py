"""The directory page shares a 1200 pixel wide window between the table and the detail
(about a third for the detail, which says only "Select an organisation…" at first)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.ui.settings import Settings
from signapp.ui.undo import UndoStack
from tests.ui.directory_helpers import directory_window


def test_the_table_gets_most_of_the_width_and_shows_every_column(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = directory_window(qtbot, sample_db, stack, settings)
    window.resize(1200, 800)
    QApplication.processEvents()
    directory = window.directory
    table_width, detail_width = directory.splitter.sizes()
    assert 0.25 <= detail_width / (table_width + detail_width) <= 0.36
    assert directory.table.horizontalScrollBar().maximum() == 0  # nothing to scroll to
    widths = [directory.table.columnWidth(c) for c in range(directory.model.columnCount())]
    assert min(widths[0], widths[1]) > max(widths[2:])  # the name and the own-script name
    assert max(widths[5:]) < widths[2] + 10  # the counts are as narrow as the acronym
    metrics = directory.table.fontMetrics()
    assert widths[3] >= metrics.horizontalAdvance("Cambodia") + 12
    header = directory.table.horizontalHeader()
    for column, width in enumerate(widths):  # every title fits its column
        title = directory.model.headerData(column, header.orientation())
        assert width >= header.fontMetrics().horizontalAdvance(title) + 8, title
