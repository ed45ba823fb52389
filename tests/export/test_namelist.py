"""The signatory list flowable: every name once, in order, across columns and pages."""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from signapp.export.breaks import line_breaks
from signapp.export.fonts import font_set
from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf
from signapp.export.lines import Line
from signapp.export.markup import MarkupWriter
from signapp.export.namelist import (
    SMALLEST_SHARE,
    Heading,
    ListStyle,
    Row,
    SignatoryColumns,
    _lines,
    prepare_name,
)
from tests.export.sample_data import pdf_text

STEMS = [
    "Rural Women Network",
    "សមាគមកសិករ",
    "เครือข่ายแรงงาน",
    "جمعية النساء",
    "A very long organisation name that will surely wrap onto a second line here",
]


def _entries(group_sizes: list[int]) -> list[ListedEntry]:
    entries = []
    for group, size in enumerate(group_sizes):
        for _ in range(size):
            number = len(entries)
            stem = STEMS[number % len(STEMS)]
            entries.append(ListedEntry(f"{stem} Org{number:04d}", f"Group {group:02d}"))
    return entries


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    group_sizes=st.lists(st.integers(min_value=1, max_value=90), min_size=1, max_size=8),
    columns=st.sampled_from([1, 2, 3]),
    grouped=st.booleans(),
)
def test_every_name_is_drawn_once_in_order(
    tmp_path: Path, group_sizes: list[int], columns: int, grouped: bool
) -> None:
    entries = _entries(group_sizes)
    if not grouped:
        entries = [ListedEntry(entry.text) for entry in entries]
    document = StatementDocument(
        title="Order check",
        date_text="",
        texts=["Text."],
        entries=entries,
        anonymous_count=0,
        columns=columns,
    )
    reports: list[tuple[int, int]] = []
    out = tmp_path / f"list-{columns}.pdf"
    write_statement_pdf(document, out, font_set(), progress=lambda *p: reports.append(p))
    assert reports[-1] == (2 * len(entries), 2 * len(entries))  # prepared, then drawn
    assert all(done <= total for done, total in reports)
    tags = re.findall(r"Org(\d{4})", pdf_text(out))
    assert tags == [f"{number:04d}" for number in range(len(entries))]


def _columns(rows: list[Row], columns: int) -> SignatoryColumns:
    style = ListStyle(
        font_size=10, leading=13, space_between=1, number_font="Helvetica", indent=20, colour=black
    )
    return SignatoryColumns(rows, style, columns)


def _names(count: int) -> list[Row]:
    writer = MarkupWriter(font_set())
    return [prepare_name(writer, f"{n}.", f"Name {n}", 10) for n in range(1, count + 1)]


def test_a_short_list_is_balanced_over_the_columns() -> None:
    flowable = _columns(_names(31), 3)
    _, height = flowable.wrap(500, 700)
    sizes = [end - start for start, end in flowable._spans]
    # the least height that holds all: as tall as 31 / 3 names, rounded up
    assert sum(sizes) == 31 and max(sizes) == 11 and min(sizes) >= 8
    assert flowable.shared.tops[11] <= height <= flowable.shared.tops[11] + 0.5


def test_a_long_list_splits_between_whole_names() -> None:
    flowable = _columns(_names(400), 2)
    first, rest = flowable.split(500, 700)
    assert isinstance(first, SignatoryColumns) and isinstance(rest, SignatoryColumns)
    assert first.end == rest.start and first.start == 0 and rest.end == 400
    assert first.wrap(500, 700)[1] <= 700


def test_a_group_going_on_in_a_new_column_repeats_its_heading() -> None:
    writer = MarkupWriter(font_set())
    style = ParagraphStyle("g", fontName=writer.font("latin", bold=True))
    heading = Heading(Paragraph("Cambodia (120)", style), Paragraph("Cambodia (continued)", style))
    flowable = _columns([heading, *_names(120)], 2)
    shared = flowable.shared.at_width(500)
    spans = shared.columns_for(0, len(shared.rows), 400)
    assert shared.continued_heading(spans[0][0]) is None  # its own heading is there
    assert shared.continued_heading(spans[1][0]) == 0
    # no column ends on a bare heading
    assert not isinstance(shared.rows[spans[0][1] - 1], Heading)


def test_a_continued_group_says_so_in_the_pdf(tmp_path: Path) -> None:
    document = StatementDocument(
        title="Long group",
        date_text="",
        texts=["Text."],
        entries=_entries([150]),
        anonymous_count=0,
    )
    out = tmp_path / "long.pdf"
    write_statement_pdf(document, out, font_set())
    text = pdf_text(out)
    assert "Group 00 (150)" in text
    assert "Group 00 (continued)" in text


def _line_texts(lines: list[Line]) -> list[str]:
    """What each line reads as, in drawing order (right-to-left spans turned back)."""
    return ["".join(span.actual or span.drawn for span in line.spans) for line in lines]


def test_a_word_wider_than_its_column_is_set_smaller_not_cut() -> None:
    writer = MarkupWriter(font_set())
    text = "Menschenrechtsverteidigerinnen Netzwerk"
    name = prepare_name(writer, "1.", text, 9.5)
    size, lines = _lines(name, 120, 9.5)
    assert 9.5 * SMALLEST_SHARE <= size < 9.5
    assert _line_texts(lines) == ["Menschenrechtsverteidigerinnen", "Netzwerk"]
    assert all(line.width <= 120 for line in lines)
    # a Thai name without spaces wraps between its words, at full size
    thai = "ศูนย์ทนายความเพื่อสิทธิมนุษยชน"
    size, lines = _lines(prepare_name(writer, "1.", thai, 9.5), 80, 9.5)
    assert size == 9.5 and len(lines) > 1 and "".join(_line_texts(lines)) == thai


def test_a_word_too_wide_even_when_smaller_is_cut_between_grapheme_clusters() -> None:
    writer = MarkupWriter(font_set())
    khmer = "សម្ព័ន្ធខ្មែរជំរឿននិងការពារសិទ្ធិមនុស្សនៅកម្ពុជានិងតំបន់អាស៊ីអាគ្នេយ៍ទាំងមូល"
    devanagari = "अखिलभारतीयमहिलाकर्मचारीसंघराष्ट्रीयक्षेत्रस्त्रीशक्तिसंगठनकार्यकारिणी"
    for text in (khmer, devanagari):
        name = prepare_name(writer, "1.", text, 9.5)
        size, lines = _lines(name, 15, 9.5)
        texts = _line_texts(lines)
        assert len(lines) > 1 and size == 9.5 * SMALLEST_SHARE
        assert "".join(texts) == text
        for part in texts:
            assert unicodedata.category(part[0])[0] in "LN"  # no line starts with a mark
            assert not part.endswith(("\u094d", "\u17d2"))  # nor ends before a subscript


def test_names_in_narrow_columns_break_only_at_icu_boundaries() -> None:
    """Words the old cutter split inside a syllable (น่|าน, ဖောင်ဒေးရှ|င်း, ព័|ន្ធ, មនុ|ស្ស)."""
    writer = MarkupWriter(font_set())
    names = [
        "เครือข่ายพัฒนาชุมชนน่านอีสานเพื่อสิทธิ",
        "ဖောင်ဒေးရှင်းမြန်မာအမျိုးသမီးကွန်ရက်",
        "សម្ព័ន្ធខ្មែរការពារសិទ្ធិមនុស្សនិងលំនៅឋាន",
    ]
    for text in names:
        name = prepare_name(writer, "1.", text, 8.5)
        _, lines = _lines(name, 60, 8.5)
        texts = _line_texts(lines)
        assert len(texts) > 1 and "".join(texts) == text
        allowed = set(line_breaks(text))
        ends = list(accumulate(len(part) for part in texts))[:-1]
        assert set(ends) <= allowed
        for word in ("น่าน", "อีสาน", "ဖောင်ဒေးရှင်း", "ព័ន្ធ", "មនុស្ស"):
            if word in text:
                assert any(word in part for part in texts), (word, texts)


def test_an_arabic_name_wrapped_in_the_middle_starts_with_its_first_word() -> None:
    writer = MarkupWriter(font_set())
    text = "جمعية مستخدمي المياه في وادي الأردن"
    name = prepare_name(writer, "1.", text, 9)
    _, lines = _lines(name, 80, 9)
    assert len(lines) >= 2
    # poppler-style text of each line, drawing order turned back into reading order
    first = _line_texts(lines)[0][::-1]
    last = _line_texts(lines)[-1][::-1]
    assert first.startswith("جمعية")
    assert last.endswith("الأردن")


def test_a_number_in_a_right_to_left_name_is_drawn_inside_its_run() -> None:
    """``ארגון 2024 לזכויות`` reads from the right: the number between the words."""
    writer = MarkupWriter(font_set())
    name = prepare_name(writer, "1.", "ארגון 2024 לזכויות", 9)
    _, (line,) = _lines(name, 400, 9)
    drawn = [span.actual or span.drawn for span in line.spans]
    assert " ".join("".join(drawn).split()) == "תויוכזל 2024 ןוגרא"


def test_direction_controls_in_a_name_cannot_reorder_the_next_name() -> None:
    """An override left open (U+202E) reverses its own name only: each name is a
    paragraph of its own for the bidirectional algorithm."""
    writer = MarkupWriter(font_set())
    hostile = prepare_name(writer, "1.", "\u202eOpen Override", 9)
    after = prepare_name(writer, "2.", "Next Org جمعية", 9)
    (hostile_line,) = _lines(hostile, 400, 9)[1]
    (after_line,) = _lines(after, 400, 9)[1]
    assert "".join(span.drawn for span in hostile_line.spans) == "edirrevO nepO"
    assert "".join(span.actual or span.drawn for span in after_line.spans).startswith("Next Org ")
