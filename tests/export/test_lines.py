"""Lines broken where ICU allows, filled to the measure, never cut inside a cluster."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from signapp.export.breaks import line_breaks
from signapp.export.fonts import font_set
from signapp.export.lines import Piece, PreparedText, break_lines, measure, set_lines
from signapp.export.markup import MarkupWriter
from tests.export.long_texts import BURMESE, KHMER, LAO, THAI

MEASURE = 300.0
SIZE = 10.5


def _prepared(text: str) -> PreparedText:
    writer = MarkupWriter(font_set())
    return PreparedText([Piece(*piece) for piece in writer.pieces(text)])


def _check_lines(text: str, fill: float) -> list[tuple[int, int]]:
    prepared = _prepared(text)
    lines = break_lines(prepared, MEASURE, SIZE)
    allowed = set(line_breaks(prepared.text))
    assert lines[0][0] == 0 and lines[-1][1] == len(prepared.text)
    for (start, end), (next_start, _) in itertools.pairwise(lines):
        assert end == next_start and end in allowed
        # no line starts with a mark or ends with a sign joining the next consonant
        assert unicodedata.category(prepared.text[next_start])[0] != "M"
        assert prepared.text[end - 1] not in "\u17d2\u1039"
        content_end = start + len(prepared.text[start:end].rstrip())
        width = measure(prepared, start, content_end, SIZE)
        assert fill * MEASURE <= width <= MEASURE + 0.01, prepared.text[start:end]
    return lines


@pytest.mark.parametrize(
    "paragraph", [KHMER, THAI, BURMESE, LAO], ids=["khmer", "thai", "burmese", "lao"]
)
def test_a_paragraph_without_spaces_fills_its_lines_between_words(paragraph: str) -> None:
    lines = _check_lines(paragraph, fill=0.85)
    assert len(lines) >= 4


def test_the_dictionary_finds_the_words_the_old_cutter_split() -> None:
    for text, word in [
        ("เครือข่ายพัฒนาชุมชนน่านอีสาน", "น่าน"),
        ("ဖောင်ဒေးရှင်းမြန်မာ", "ဖောင်"),
        ("សម្ព័ន្ធខ្មែរការពារសិទ្ធិមនុស្ស", "មនុស្ស"),
    ]:
        start = text.index(word)
        breaks = line_breaks(text)
        assert not any(start < index < start + len(word) for index in breaks), word


def test_a_zero_width_space_is_a_break_and_is_not_drawn() -> None:
    prepared = _prepared("សង្គម\u200bស៊ីវិល\u2060ទាំងមូល")
    assert len("សង្គម\u200b") in line_breaks(prepared.text)
    assert len("សង្គម\u200bស៊ីវិល\u2060") not in line_breaks(prepared.text)  # word joiner
    lines = set_lines(prepared, 40, SIZE)
    assert len(lines) >= 2
    drawn = "".join(span.actual or span.drawn for line in lines for span in line.spans)
    assert "\u200b" not in drawn and "\u2060" not in drawn
    assert drawn == "សង្គមស៊ីវិលទាំងមូល"


def test_a_hard_line_break_ends_a_line() -> None:
    lines = set_lines(_prepared("first line\nsecond"), 400, SIZE)
    assert len(lines) == 2


@pytest.mark.realdata
def test_a_real_khmer_news_text_fills_its_lines(realdata: Path) -> None:
    """The VOA sample marks words with zero-width spaces; without them too, ICU's
    dictionary finds the words and the lines are as full."""
    article = realdata / "khmer-english-voa-sample" / "2018-07-19_civil-society_km.md"
    body = article.read_text(encoding="utf-8").split("---", 2)[2]
    paragraphs = [p.strip() for p in body.split("\n\n") if len(p.strip()) > 400]
    assert paragraphs
    for paragraph in paragraphs[:4]:
        for text in (paragraph, paragraph.replace("\u200b", "")):
            _check_lines(" ".join(text.split()), fill=0.85)
