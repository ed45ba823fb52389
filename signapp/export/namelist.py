"""The numbered signatory list as one flowable that flows in columns across pages.

A Paragraph per name parses markup, breaks lines and shapes every word anew; a list of
thousands of short names needs none of that. Each name is cut into words of
single-font pieces, shaped once (repeated words come from a cache), wrapped greedily
and drawn straight onto the canvas.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, NamedTuple, Protocol, cast

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from signapp.export.lines import (
    Line,
    Piece,
    PreparedText,
    draw_line,
    set_lines,
    widest_word,
)
from signapp.export.markup import MarkupWriter

NUMBER_GAP = 5.0
COLUMN_GAP = 16.0
HEADING_GAP = 2.0  # between a group heading and its first name
NAMES_KEPT_TOGETHER = 2  # at least this many names under a heading, at a column's foot or head
SMALLEST_COLUMN = 4  # rows: a column this short may leave a name alone rather than stay empty


class PreparedName(NamedTuple):
    number: str
    text: PreparedText
    affiliation: PreparedText | None = None  # a person's, set smaller and lighter


# A person's affiliation is set a little smaller than the name and in a lighter colour,
# with a little more room after it: Burmese and Khmer stack marks above and below.
# Text extractors (poppler's pdftotext) keep lines whose sizes differ by less than 5 % in
# one block; smaller, the affiliation is read back away from its name in columns.
AFFILIATION_SHARE = 0.96
AFFILIATION_GAP = 1.5


@dataclass(frozen=True)
class ListStyle:
    font_size: float
    leading: float
    space_between: float
    number_font: str
    indent: float  # where names start; numbers end NUMBER_GAP before it
    colour: Color
    affiliation_colour: Color | None = None  # None: the names' colour


def _prepared(writer: MarkupWriter, text: str) -> PreparedText:
    pieces = writer.pieces(" ".join(text.split()))
    return PreparedText([Piece(*piece) for piece in pieces])


def prepare_name(
    writer: MarkupWriter,
    number: str,
    text: str,
    font_size: float,
    affiliation: str | None = None,
) -> PreparedName:
    """The name's text in its fonts, with its break opportunities and bidi levels.

    Line breaks and tabs in a name are spaces here: a name is one entry of the list.
    Each name is a bidi paragraph of its own, its direction that of its first letter;
    so is a person's affiliation, printed on the lines after the name.
    """
    shown = " ".join(affiliation.split()) if affiliation else ""
    return PreparedName(
        number, _prepared(writer, text), _prepared(writer, shown) if shown else None
    )


# A word wider than its column is set smaller, down to this share of the list's size;
# only a word too wide even then is cut, between grapheme clusters.
SMALLEST_SHARE = 0.6


def _lines(name: PreparedName, width: float, font_size: float) -> tuple[float, list[Line]]:
    """The size ``name`` is set at and its lines, broken where ICU allows.

    A name of one word too wide for its column (a Thai name has no spaces, a German
    one long compounds) is set smaller rather than cut inside a word.
    """
    size = font_size
    lines = set_lines(name.text, width, size)
    if len(lines) > 1:
        widest = widest_word(name.text, size)
        if widest > width:
            size = max(font_size * SMALLEST_SHARE, int(100 * size * width / widest) / 100)
            lines = set_lines(name.text, width, size)
    return size, lines


@dataclass(frozen=True)
class Heading:
    """A group heading, kept with the names after it.

    ``continued`` heads a column or page that goes on with the group's names.
    """

    paragraph: Flowable
    continued: Flowable


Row = PreparedName | Heading


class ListMarks(Protocol):
    """Marked content around what the list draws (a tagged PDF's list items, headings
    and artefacts): each method returns the PDF operator that opens it."""

    end: str
    continued_begin: str

    def begin_name(self, canvas: Any, row: int) -> str: ...

    def begin_heading(self, canvas: Any, row: int, top: float) -> str: ...


class _SharedLayout:
    """Lines and running heights of the whole list, shared by the parts it splits into.

    Filling a column is a binary search over running heights, so splitting page after
    page costs no more than the names on each page: 50,000 names take linear time.
    """

    def __init__(self, rows: Sequence[Row], style: ListStyle, columns: int) -> None:
        self.rows = rows
        self.style = style
        self.columns = columns
        self.width = -1.0
        self.column_width = 0.0
        self.lines: list[list[Line]] = []
        self.sizes: list[float] = []
        self.affiliation_lines: dict[int, list[Line]] = {}  # by row, for people
        self.heights: list[float] = []
        self.tops: list[float] = []  # tops[i]: height of rows[:i] stacked
        self.continued_heights: dict[int, float] = {}  # by heading row
        self.heading_of: list[int] = []  # row of each row's group heading, or -1
        self.formatted: dict[tuple[object, ...], tuple[str, int]] = {}  # see _text_out
        heading = -1
        for index, row in enumerate(rows):
            if isinstance(row, Heading):
                heading = index
            self.heading_of.append(heading)
        # where each row's group ends (the next heading, or the end of the list)
        self.group_end: list[int] = [len(rows)] * len(rows)
        for index in range(len(rows) - 2, -1, -1):
            following = rows[index + 1]
            self.group_end[index] = (
                index + 1 if isinstance(following, Heading) else (self.group_end[index + 1])
            )

    def at_width(self, available_width: float) -> _SharedLayout:
        if available_width == self.width:
            return self
        style = self.style
        self.width = available_width
        self.column_width = (available_width - COLUMN_GAP * (self.columns - 1)) / self.columns
        text_width = self.column_width - style.indent
        self.lines, self.heights, self.sizes = [], [], []
        self.affiliation_lines = {}
        affiliation_size = style.font_size * AFFILIATION_SHARE
        for index, row in enumerate(self.rows):
            if isinstance(row, Heading):
                _, height = row.paragraph.wrap(self.column_width, 1e6)
                self.lines.append([])
                self.sizes.append(style.font_size)
                self.heights.append(height + row.paragraph.getSpaceBefore() + HEADING_GAP)
                _, continued = row.continued.wrap(self.column_width, 1e6)
                self.continued_heights[len(self.heights) - 1] = continued + HEADING_GAP
            else:
                size, lines = _lines(row, text_width, style.font_size)
                self.lines.append(lines)
                self.sizes.append(size)
                height = len(lines) * style.leading + style.space_between
                if row.affiliation is not None:
                    below = set_lines(row.affiliation, text_width, affiliation_size)
                    self.affiliation_lines[index] = below
                    height += len(below) * style.leading * AFFILIATION_SHARE + AFFILIATION_GAP
                self.heights.append(height)
        self.tops = list(accumulate(self.heights, initial=0.0))
        return self

    def continued_heading(self, start: int) -> int | None:
        """The heading to repeat atop a column starting at ``start``, if any."""
        heading = self.heading_of[start]
        return heading if 0 <= heading < start else None

    def fill(self, start: int, end: int, height: float) -> int:
        """Where a column of ``height`` starting at row ``start`` ends (exclusive)."""
        heading = self.continued_heading(start)
        if heading is not None:
            height -= self.continued_heights[heading]
        limit = self.tops[start] + height + 1e-6
        cut = bisect_right(self.tops, limit, start, end + 1) - 1
        while cut > start + 1 and isinstance(self.rows[cut - 1], Heading):
            cut -= 1  # never end a column on a heading
        kept = self._keep_names_together(start, cut)
        if kept > start or cut - start < SMALLEST_COLUMN:
            return kept
        return max(cut, start + 1) if self.heights[start] <= height else cut

    def _keep_names_together(self, start: int, cut: int) -> int:
        """``cut`` moved back so that no name is left alone: a heading has at least two
        names under it, a "continued" heading too, and the list does not end with one
        name in a column of its own. ``start`` when no such cut fits in the column."""
        if cut <= start or cut >= len(self.rows) or isinstance(self.rows[cut], Heading):
            return cut
        if self.group_end[cut] - cut < NAMES_KEPT_TOGETHER:
            cut = self.group_end[cut] - NAMES_KEPT_TOGETHER  # carry two names over
        heading = self.heading_of[cut - 1] if cut > start else -1
        if heading >= start and cut - heading - 1 < NAMES_KEPT_TOGETHER:
            cut = heading  # the heading goes with its names to the next column
        return max(cut, start)

    def columns_for(self, start: int, end: int, height: float) -> list[tuple[int, int]]:
        spans = []
        position = start
        for _ in range(self.columns):
            cut = self.fill(position, end, height) if position < end else position
            spans.append((position, cut))
            position = cut
        return spans

    def balanced_height(self, start: int, end: int) -> float:
        """The least column height that holds rows ``start:end`` in the columns."""
        low = max(self.heights[start:end], default=0.0)
        # one column holding everything, with room for a repeated heading, always fits
        high = self.tops[end] - self.tops[start] + max(self.continued_heights.values(), default=0)
        for _ in range(30):
            if high - low < 0.5:
                break
            middle = (low + high) / 2
            if self.columns_for(start, end, middle)[-1][1] >= end:
                high = middle
            else:
                low = middle
        return high


class SignatoryColumns(Flowable):
    """Numbered names under group headings, in one to three columns.

    It splits between whole names across pages; the last page's columns are
    balanced, so a short list sits in even columns under the text.
    """

    def __init__(
        self,
        rows: Sequence[Row] | _SharedLayout,
        style: ListStyle,
        columns: int = 1,
        on_drawn: Callable[[int], None] | None = None,
        span: tuple[int, int] | None = None,
        marks: ListMarks | None = None,
    ) -> None:
        super().__init__()
        self.marks = marks
        if isinstance(rows, _SharedLayout):
            self.shared = rows
        else:
            self.shared = _SharedLayout(rows, style, columns)
        self.start, self.end = span or (0, len(self.shared.rows))
        self.style = style
        self.on_drawn = on_drawn
        self._spans: list[tuple[int, int]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        shared = self.shared.at_width(available_width)
        self.width = available_width
        stacked = shared.tops[self.end] - shared.tops[self.start]
        if stacked > shared.columns * available_height:
            self.height = stacked / shared.columns  # cannot fit: the frame will split it
        elif shared.columns_for(self.start, self.end, available_height)[-1][1] >= self.end:
            # it fits: take the least height that still holds it, balancing the columns
            self.height = min(shared.balanced_height(self.start, self.end), available_height)
        else:
            self.height = shared.balanced_height(self.start, self.end)
        self._spans = shared.columns_for(self.start, self.end, self.height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        shared = self.shared.at_width(available_width)
        spans = shared.columns_for(self.start, self.end, available_height)
        cut = spans[-1][1]
        if cut <= self.start:
            return []
        if cut >= self.end:
            return [self]
        return [
            SignatoryColumns(
                shared, self.style, on_drawn=self.on_drawn, span=part, marks=self.marks
            )
            for part in ((self.start, cut), (cut, self.end))
        ]

    def draw(self) -> None:
        shared = self.shared.at_width(self.width)
        style = self.style
        text = self.canv.beginText()
        text.setFillColor(style.colour)
        names = 0
        marks = self.marks
        for column, (start, end) in enumerate(self._spans):
            left = column * (shared.column_width + COLUMN_GAP)
            top = self.height
            heading = shared.continued_heading(start) if start < end else None
            if heading is not None:
                continued = cast(Heading, shared.rows[heading]).continued
                top -= shared.continued_heights[heading]
                if marks is not None:
                    self.canv.addLiteral(marks.continued_begin)
                continued.drawOn(self.canv, left, top + HEADING_GAP)
                if marks is not None:
                    self.canv.addLiteral(marks.end)
            for index in range(start, end):
                row = shared.rows[index]
                if isinstance(row, Heading):
                    # at the top of a column a heading drops the space above it
                    unused = 0.0 if index > start else row.paragraph.getSpaceBefore()
                    if marks is not None:
                        self.canv.addLiteral(marks.begin_heading(self.canv, index, top))
                    row.paragraph.drawOn(
                        self.canv,
                        left,
                        top - shared.heights[index] + unused + HEADING_GAP,
                    )
                    if marks is not None:
                        self.canv.addLiteral(marks.end)
                    top -= shared.heights[index] - unused
                    continue
                names += 1
                if marks is not None:
                    text._code.append(marks.begin_name(self.canv, index))
                y = top - style.font_size
                number_width = stringWidth(row.number, style.number_font, style.font_size)
                text.setFont(style.number_font, style.font_size)
                text.setTextOrigin(left + style.indent - NUMBER_GAP - number_width, y)
                # Every piece is placed by its own origin, so the cursor bookkeeping
                # of textOut (a width measured per call) is skipped.
                text._textOut(row.number)
                for line in shared.lines[index]:
                    draw_line(
                        text, line, left + style.indent, y, shared.sizes[index], shared.formatted
                    )
                    y -= style.leading
                below = shared.affiliation_lines.get(index)
                if below:
                    self._draw_affiliation(text, below, left + style.indent, y)
                if marks is not None:
                    text._code.append(marks.end)
                top -= shared.heights[index]
        self.canv.drawText(text)
        if self.on_drawn is not None:
            self.on_drawn(names)

    def _draw_affiliation(self, text: Any, lines: list[Line], x: float, y: float) -> None:
        """A person's affiliation under the name: smaller, in the lighter colour."""
        style = self.style
        size = style.font_size * AFFILIATION_SHARE
        # its first baseline sits a smaller line below the name's last
        y += style.leading * (1 - AFFILIATION_SHARE)
        text.setFillColor(style.affiliation_colour or style.colour)
        for line in lines:
            draw_line(text, line, x, y, size, self.shared.formatted)
            y -= style.leading * AFFILIATION_SHARE
        text.setFillColor(style.colour)
