"""How the list breaks across columns and pages: no heading without two names under
it, no "continued" over a single name, no last name alone."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from signapp.export.fonts import font_set
from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf
from signapp.export.markup import MarkupWriter
from signapp.export.namelist import Heading, ListStyle, Row, SignatoryColumns, prepare_name

STYLE = ListStyle(
    font_size=10, leading=13, space_between=1, number_font="Helvetica", indent=20, colour=black
)


def _rows(group_sizes: list[int]) -> list[Row]:
    writer = MarkupWriter(font_set())
    heading_style = ParagraphStyle("g", fontName=writer.font("latin", bold=True))
    rows: list[Row] = []
    number = 0
    for group, size in enumerate(group_sizes):
        rows.append(
            Heading(
                Paragraph(f"Group {group} ({size})", heading_style),
                Paragraph(f"Group {group} (continued)", heading_style),
            )
        )
        for _ in range(size):
            number += 1
            rows.append(prepare_name(writer, f"{number}.", f"Name {number}", 10))
    return rows


def _breaks_leave_no_name_alone(rows: list[Row], spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        if start == end or end >= len(rows):
            continue
        assert not isinstance(rows[end - 1], Heading)
        if isinstance(rows[end], Heading):
            continue  # the break falls between groups
        # the group goes on in the next column: two of its names at least on each side
        group_start = max(i for i in range(end) if isinstance(rows[i], Heading))
        group_end = next(
            (i for i in range(end, len(rows)) if isinstance(rows[i], Heading)), len(rows)
        )
        assert group_end - end >= 2, (start, end)
        assert end - max(group_start + 1, start) >= 2, (start, end)


@pytest.mark.parametrize("group_sizes", [[2, 2, 2, 2], [3, 91, 2, 5], [40, 1, 7, 3], [4] * 12])
@pytest.mark.parametrize("columns", [1, 2, 3])
def test_every_break_keeps_at_least_two_names_together(
    group_sizes: list[int], columns: int
) -> None:
    rows = _rows(group_sizes)
    shared = SignatoryColumns(rows, STYLE, columns).shared.at_width(420)
    for height in range(60, 700, 7):
        position = 0
        while position < len(rows):
            spans = shared.columns_for(position, len(rows), height)
            _breaks_leave_no_name_alone(rows, spans)
            if spans[-1][1] == position:
                break
            position = spans[-1][1]


def test_the_last_page_never_holds_a_single_name(tmp_path: Path) -> None:
    entries = [ListedEntry(f"Organisation number {n}") for n in range(1, 400)]
    for count in range(len(entries) - 60, len(entries)):
        document = StatementDocument("Check", "", ["Text."], entries[:count], 0, columns=1)
        out = tmp_path / "l.pdf"
        write_statement_pdf(document, out, font_set())
        with pdfplumber.open(out) as pdf:
            last = pdf.pages[-1].extract_text()
        named = [line for line in last.splitlines() if "Organisation number" in line]
        assert len(named) != 1, count
