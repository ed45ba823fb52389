"""What the statements view shows can be read: the full status of a sign-on that needs
reconfirmation, and the menu buttons' arrows clear of their text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QStyle
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.model import VersionKind
from signapp.ui.statements.signons_model import COUNTRY, DATE, LISTED, ORGANISATION, STATUS
from signapp.ui.statements.view import SIGNONS_TAB, StatementsView
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import build_sample

INK_LIGHTNESS = 120
EDGE = 4  # the button's frame, left out when looking for ink


def _ink_runs(button: QPushButton) -> list[tuple[int, int]]:
    """Runs of pixel columns inside the button holding dark pixels (letters, the arrow)."""
    image = button.grab().toImage()
    rows = range(EDGE, image.height() - EDGE)
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x in range(EDGE, image.width() - EDGE + 1):
        inked = x < image.width() - EDGE and any(
            QColor(image.pixel(x, y)).lightness() < INK_LIGHTNESS for y in rows
        )
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append((start, x))
            start = None
    return runs


@pytest.fixture
def signons_tab(db: Database, statements_view: StatementsView) -> int:
    """The sample statement's sign-ons shown in the view; its id."""
    sample = build_sample(db)
    statements_view.refresh()
    statements_view.select_statement(sample.statement_id)
    statements_view.tabs.setCurrentIndex(SIGNONS_TAB)
    return sample.statement_id


def test_a_status_needing_reconfirmation_is_not_cut(
    qtbot: QtBot, db: Database, statements_view: StatementsView, signons_tab: int
) -> None:
    view = statements_view
    statements.save_draft_text(db, signons_tab, "en", "A new demand.")
    statements.save_draft_text(db, signons_tab, "km", "ការទាមទារថ្មី។")
    view.editor.sync()
    assert view.editor.issue(VersionKind.SUBSTANTIVE, "new demand") == 2

    table = view.signons.table
    proxy = view.signons.proxy
    marked = [
        proxy.index(row, STATUS)
        for row in range(proxy.rowCount())
        if "needs reconfirmation" in proxy.index(row, STATUS).data()
    ]
    assert marked
    text = marked[0].data()
    icon = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    needed = table.fontMetrics().horizontalAdvance(text) + icon
    assert table.columnWidth(STATUS) >= needed
    qtbot.wait(20)
    save_shot(view, "signons-status-column")


def test_menu_buttons_keep_their_arrow_clear_of_the_text(
    statements_view: StatementsView, signons_tab: int
) -> None:
    view = statements_view
    buttons = (view.status_button, view.signons.status_button, view.signons.reminder_button)
    QApplication.processEvents()
    for button in buttons:
        assert button.menu() is not None
        *_, (_, text_end), (arrow_start, _) = _ink_runs(button)
        assert arrow_start - text_end >= EDGE, button.text()
    save_shot(view.signons.status_button.parentWidget(), "menu-buttons")


def test_on_a_laptop_window_the_columns_checked_first_need_no_scrolling(
    qtbot: QtBot, statements_view: StatementsView, signons_tab: int
) -> None:
    statements_view.resize(1000 - 180, 700)  # a 1,000 px window, less the sidebar
    qtbot.wait(20)
    table = statements_view.signons.table

    for column in (ORGANISATION, STATUS, COUNTRY, LISTED, DATE):
        right_edge = table.columnViewportPosition(column) + table.columnWidth(column)
        assert table.columnViewportPosition(column) >= 0 and right_edge <= table.viewport().width()
