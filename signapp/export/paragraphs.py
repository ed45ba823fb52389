"""A paragraph flowable set by :mod:`signapp.export.lines`, in either direction.

A left-to-right paragraph is set from the left margin, a right-to-left one (its first
strong letter is Arabic or Hebrew) from the right, its indents and bullet mirrored.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from signapp.export.lines import Line, Piece, PreparedText, draw_line, set_lines
from signapp.export.markup import MarkupWriter

BULLET_GAP = 4.0
KEPT_TOGETHER = 2  # lines of a paragraph never left alone at either end of a page
STRIKE_HEIGHT = 0.3  # of the font size above the baseline: through the small letters


def mirrored_bullet(bullet: str) -> str:
    """A list number as right-to-left text shows it: ``3.`` reads ``.3``."""
    if bullet.endswith(".") and bullet[:-1].isdigit():
        return "." + bullet[:-1]
    return bullet


class TextParagraph(Flowable):
    """Pieces of text in reading order, broken into lines where ICU allows."""

    def __init__(
        self,
        pieces: Sequence[Piece] | PreparedText,
        style: ParagraphStyle,
        bullet: str | None = None,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.prepared = pieces if isinstance(pieces, PreparedText) else PreparedText(pieces)
        self.style = style
        self.bullet = bullet
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._lines = lines
        self._width = -1.0 if lines is None else None

    @property
    def text(self) -> str:
        return self.prepared.text

    def _layout(self, available_width: float) -> list[Line]:
        if self._lines is not None and self._width in (None, available_width):
            return self._lines
        measure = available_width - self.style.leftIndent - self.style.rightIndent
        self._lines = set_lines(self.prepared, measure, self.style.fontSize)
        self._width = available_width
        return self._lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = max(len(self._layout(available_width)), 1) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._layout(available_width)
        fitting = int((available_height + 1e-6) // self.style.leading)
        if fitting >= len(lines):
            return [self]
        # Two lines at least at the foot of a page and at the head of the next.
        fitting = min(fitting, len(lines) - KEPT_TOGETHER)
        if fitting < KEPT_TOGETHER:
            return []
        head = TextParagraph(self.prepared, self.style, self.bullet, lines[:fitting])
        tail = TextParagraph(self.prepared, self.style, None, lines[fitting:])
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        style = self.style
        right_to_left = self.prepared.right_to_left
        text = self.canv.beginText()
        text.setFillColor(style.textColor)
        y = self.height - style.fontSize
        if self.bullet:
            text.setFont(style.bulletFontName, style.fontSize)
            if right_to_left:
                text.setTextOrigin(self.width - style.bulletIndent + BULLET_GAP, y)
                text._textOut(mirrored_bullet(self.bullet))
            else:
                text.setTextOrigin(style.bulletIndent, y)
                text._textOut(self.bullet)
        links = []
        struck = []
        for line in self._layout(self.width):
            x = self.width - style.leftIndent - line.width if right_to_left else style.leftIndent
            draw_line(text, line, x, y, style.fontSize)
            links += [(span.link, x + span.x, y, span.width) for span in line.spans if span.link]
            struck += [(x + span.x, y, span.width) for span in line.spans if span.struck]
            y -= style.leading
        self.canv.drawText(text)
        if struck:
            self.canv.setStrokeColor(style.textColor)
            self.canv.setLineWidth(style.fontSize / 18)
            for left, baseline, width in struck:
                middle = baseline + style.fontSize * STRIKE_HEIGHT
                self.canv.line(left, middle, left + width, middle)
        for link, left, baseline, width in links:
            area = (left, baseline - 0.25 * style.fontSize, left + width, baseline + style.fontSize)
            self.canv.linkURL(link, area, relative=1)


def text_paragraph(
    writer: MarkupWriter, text: str, style: ParagraphStyle, *, bold: bool = False
) -> TextParagraph:
    """A paragraph of plain ``text`` (a title, a heading), each script in its font."""
    pieces = writer.pieces(text, bold=bold)
    return TextParagraph([Piece(font_name, run) for font_name, run in pieces], style)
