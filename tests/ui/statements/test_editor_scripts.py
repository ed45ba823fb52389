"""The editor's preview (Qt's own text layout) follows the PDF's direction rule and
never breaks a line inside a written cluster."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from signapp.export.bidi import BidiParagraph
from signapp.export.breaks import grapheme_breaks, line_breaks
from signapp.ui.fonts import register_script_fonts
from signapp.ui.statements.editor import LanguagePane
from tests.export.long_texts import ARABIC, BURMESE, KHMER, LAO, THAI


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    register_script_fonts(app)


def _line_starts(qtbot: QtBot, text: str) -> tuple[list[int], str, bool]:
    pane = LanguagePane("km", text)
    qtbot.addWidget(pane)
    document = pane.preview.document()
    document.setTextWidth(300)
    document.documentLayout().documentSize()
    block = document.firstBlock()
    layout = block.layout()
    starts = [layout.lineAt(index).textStart() for index in range(layout.lineCount())]
    right_to_left = block.textDirection() == Qt.LayoutDirection.RightToLeft
    return starts, block.text(), right_to_left


@pytest.mark.parametrize(
    "text",
    [
        KHMER,
        THAI,
        BURMESE,
        pytest.param(
            LAO,
            marks=pytest.mark.xfail(
                reason="Qt breaks Lao after a vowel written before its consonant", strict=True
            ),
        ),
    ],
    ids=["km", "th", "my", "lo"],
)
def test_the_preview_breaks_lines_between_clusters_only(qtbot: QtBot, text: str) -> None:
    """Qt breaks Thai between words as ICU does, Khmer and Burmese between syllables
    (the PDF between words): never inside a cluster."""
    starts, shown, _ = _line_starts(qtbot, text)
    assert len(starts) > 3
    clusters = set(grapheme_breaks(shown))  # with Khmer and Burmese stacks kept whole
    for start in starts[1:]:
        assert start in clusters, shown[start - 3 : start + 3]
    if text == THAI:
        assert set(starts[1:]) <= set(line_breaks(shown))


def test_the_preview_and_the_pdf_give_a_paragraph_the_same_direction(qtbot: QtBot) -> None:
    for text in (ARABIC, "Human Rights Watch " + ARABIC, KHMER):
        _, shown, right_to_left = _line_starts(qtbot, text)
        assert right_to_left == BidiParagraph(shown).right_to_left
