"""On a dark palette the status colours stay readable and the charts are dark too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from sqlite_utils import Database

from signapp.core.model import SignOnStatus
from signapp.core.progress import collection_progress
from signapp.core.sample import load_sample_campaign
from signapp.ui.palette import TEXT_CONTRAST, contrast_ratio, readable
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.roles import show_as_error
from signapp.ui.statements.progress import TALLY_COLOURS, status_chart
from signapp.ui.statements.signons_model import STATUS, STATUS_COLOURS, SignOnTableModel


@pytest.fixture(params=["#1e1e1e", "#ffffff"], ids=["dark", "light"])
def palette_base(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QColor]:
    before = qapp.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.Base, QColor(request.param))
    palette.setColor(QPalette.ColorRole.Window, QColor(request.param))
    qapp.setPalette(palette)
    yield QColor(request.param)
    qapp.setPalette(before)


def test_status_colours_reach_the_contrast_for_text(db: Database, palette_base: QColor) -> None:
    statement_id = load_sample_campaign(db, SAMPLE_CAMPAIGN).statement_id
    model = SignOnTableModel(db)
    model.set_statement(statement_id)
    seen = set()
    for row in range(model.rowCount()):
        status = model.signon_row(row).signon.status
        brush = model.index(row, STATUS).data(Qt.ItemDataRole.ForegroundRole)
        if status in STATUS_COLOURS and brush is not None:
            assert contrast_ratio(brush.color(), palette_base) >= TEXT_CONTRAST, status
            seen.add(status)
    assert SignOnStatus.DECLINED in seen and SignOnStatus.CONFIRMED in seen


def test_the_status_chart_follows_the_palette(db: Database, palette_base: QColor) -> None:
    statement_id = load_sample_campaign(db, SAMPLE_CAMPAIGN).statement_id
    chart = status_chart(collection_progress(db, statement_id))
    dark_chart = chart.theme() is QChart.ChartTheme.ChartThemeDark
    assert dark_chart == (palette_base.lightnessF() < 0.5)
    if dark_chart:  # the theme did not undo the status colours
        bar_colours = {bar.color().name() for bar in chart.series()[0].barSets()}
        assert bar_colours == {colour.name() for colour in TALLY_COLOURS.values()}


def test_declined_red_was_unreadable_on_dark_and_is_lightened() -> None:
    dark = QColor("#1e1e1e")
    red = STATUS_COLOURS[SignOnStatus.DECLINED]
    assert contrast_ratio(red, dark) < 3
    assert contrast_ratio(readable(red, dark), dark) >= TEXT_CONTRAST
    assert readable(red, QColor("#ffffff")) == red  # already fine on white


def test_error_lines_are_readable_on_either_palette(palette_base: QColor) -> None:
    label = QLabel("is required")
    show_as_error(label)

    shown = label.palette().color(QPalette.ColorRole.WindowText)
    assert contrast_ratio(shown, palette_base) >= TEXT_CONTRAST
    assert shown.red() > shown.green() and shown.red() > shown.blue()  # still red
