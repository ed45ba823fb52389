"""Text set in lines as its readers expect: ICU line breaks, UAX #9 order, shaped runs.

A text arrives as pieces in reading order, each in one font (the script runs of
:class:`~signapp.export.markup.MarkupWriter`), optionally a link. It is broken where
ICU's line breaker allows (dictionary word boundaries for Khmer, Thai, Lao and
Burmese), each line is put in drawing order by ICU's bidirectional algorithm, and each
level run of one font is shaped by harfbuzz in its own direction.

Every span drawn carries the text it stands for; a span whose glyphs do not say it
themselves (a Khmer subscript, a ligature, Arabic forms) is drawn inside a marked
content span with ``/ActualText``, so the PDF copies and searches as typed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from reportlab.pdfgen.textobject import PDFTextObject

from signapp.export.bidi import BidiParagraph
from signapp.export.breaks import HARD_BREAKS, grapheme_breaks, line_breaks
from signapp.export.shaping import shape_run
from signapp.export.tagging import script_language

# Characters that steer the bidirectional algorithm or line breaking and are never
# drawn: direction marks, embeddings, overrides and isolates, the zero-width space,
# the word joiner and its invisible kin, the byte order mark, and line separators.
_NOT_DRAWN = re.compile(
    "[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\n\u2028\u2029]"
)
_TRAILING_SPACE = re.compile(r"\s+$")


class Piece(NamedTuple):
    """Text in one font, in reading order; ``link`` is the address it points to."""

    font_name: str
    text: str
    link: str | None = None
    struck: bool = False  # ~~struck through~~


class Span(NamedTuple):
    """One run to draw at ``x`` from the line's start, with the text it stands for.

    ``actual`` is None when the glyphs themselves read back as ``text``.
    """

    x: float
    width: float
    font_name: str
    drawn: str
    actual: str | None
    link: str | None
    struck: bool = False


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...]
    width: float


class PreparedText:
    """A text in reading order with its pieces, break opportunities and bidi levels."""

    def __init__(self, pieces: Sequence[Piece], right_to_left: bool | None = None) -> None:
        self.pieces = [piece for piece in pieces if piece.text]
        self.text = "".join(piece.text for piece in self.pieces)
        self.piece_ends: list[int] = []
        end = 0
        for piece in self.pieces:
            end += len(piece.text)
            self.piece_ends.append(end)
        self.breaks = line_breaks(self.text)
        self.bidi = BidiParagraph(self.text, right_to_left)

    @property
    def right_to_left(self) -> bool:
        return self.bidi.right_to_left

    def piece_at(self, index: int) -> int:
        return bisect_right(self.piece_ends, index)

    def words(self) -> list[tuple[int, int]]:
        """The stretches between two break opportunities, trailing spaces included."""
        return list(pairwise(self.breaks))


def _runs_of(prepared: PreparedText, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut where the piece (font, link) changes, in reading order."""
    cuts = []
    position = start
    while position < end:
        stop = min(prepared.piece_ends[prepared.piece_at(position)], end)
        cuts.append((position, stop))
        position = stop
    return cuts


def _shaped(
    prepared: PreparedText, start: int, end: int, size: float, right_to_left: bool
) -> tuple[str, float]:
    font_name = prepared.pieces[prepared.piece_at(start)].font_name
    source = prepared.text[start:end]
    key = (font_name, size, source, right_to_left)
    known = _shaped_sources.get(key)
    if known is None:
        drawable = _NOT_DRAWN.sub("", source) if not source.isascii() else source.strip("\n")
        known = shape_run(font_name, size, drawable, right_to_left) if drawable else ("", 0.0)
        if len(_shaped_sources) >= _SHAPED_SOURCES_LIMIT:
            _shaped_sources.clear()
        _shaped_sources[key] = known
    return known


# Shaped pieces by (font, size, text as written, direction): a list repeats its words.
_shaped_sources: dict[tuple[str, float, str, bool], tuple[str, float]] = {}
_SHAPED_SOURCES_LIMIT = 50_000


def measure(prepared: PreparedText, start: int, end: int, size: float) -> float:
    """The width of ``text[start:end]`` as :func:`set_line` draws it (within one line)."""
    if prepared.bidi.left_to_right_only:
        return sum(
            _shaped(prepared, first, last, size, False)[1]
            for first, last in _pieces_of(prepared, start, end)
        )
    width = 0.0
    for run in prepared.bidi.visual_runs(start, end):
        for first, last in _pieces_of(prepared, run.start, run.end):
            width += _shaped(prepared, first, last, size, run.right_to_left)[1]
    return width


def _pieces_of(prepared: PreparedText, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` (one level run) in pieces shaped apart, in reading order: cut
    where the font or link changes and at break opportunities, so that a list's
    repeated words are shaped once and remembered."""
    return [
        word
        for first, last in _runs_of(prepared, start, end)
        for word in _split_at_breaks(prepared, first, last)
    ]


def widest_word(prepared: PreparedText, size: float) -> float:
    """The width of the widest stretch between two break opportunities, spaces left out."""
    return max(
        (
            measure(prepared, start, _content_end(prepared.text, start, end), size)
            for start, end in prepared.words()
        ),
        default=0.0,
    )


def _content_end(text: str, start: int, end: int) -> int:
    match = _TRAILING_SPACE.search(text, start, end)
    return match.start() if match else end


def break_lines(prepared: PreparedText, width: float, size: float) -> list[tuple[int, int]]:
    """Where each line starts and ends, filling each as far as it goes (greedy).

    A word wider than ``width`` is cut between grapheme clusters; a hard line break
    (``\\n``) always ends a line. Words are measured once each: a line is as wide as
    its words, each shaped apart (see :func:`set_line`).
    """
    text = prepared.text
    lines: list[tuple[int, int]] = []
    line_start = 0
    line_end = 0  # the end of the last word on the line, or line_start
    used = 0.0  # the width of the words on the line, their spaces included
    for start, end in prepared.words():
        content_end = _content_end(text, start, end)
        content = measure(prepared, start, content_end, size)
        if line_end > line_start and used + content > width:
            lines.append((line_start, line_end))
            line_start, used = start, 0.0
        if content > width:
            # one word too wide for any line: lines of its own, cut between clusters
            cuts = _cut_in_clusters(prepared, start, content_end, width, size)
            lines.extend(cuts[:-1])
            line_start = cuts[-1][0]
            used = measure(prepared, line_start, content_end, size)
            content = used
        else:
            used += content
        if content_end < end:
            used += measure(prepared, content_end, end, size)
        line_end = end
        if text[end - 1] in HARD_BREAKS:
            lines.append((line_start, end))
            line_start, used = end, 0.0
    if line_end > line_start or not lines:
        lines.append((line_start, max(line_end, line_start)))
    return lines


def _cut_in_clusters(
    prepared: PreparedText, start: int, end: int, width: float, size: float
) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    line_start = start
    last_fit = start
    for boundary in grapheme_breaks(prepared.text[start:end])[1:]:
        position = start + boundary
        if last_fit > line_start and measure(prepared, line_start, position, size) > width:
            cuts.append((line_start, last_fit))
            line_start = last_fit
        last_fit = position
    cuts.append((line_start, end))
    return cuts


def set_line(prepared: PreparedText, start: int, end: int, size: float) -> Line:
    """``text[start:end]`` as spans in drawing order; spaces ending the line are left out."""
    text = prepared.text
    end = _content_end(text, start, end)
    spans: list[Span] = []
    x = 0.0
    for run in prepared.bidi.visual_runs(start, end):
        pieces = _pieces_of(prepared, run.start, run.end)
        if run.right_to_left:
            pieces.reverse()
        for first, last in pieces:
            drawn, width = _shaped(prepared, first, last, size, run.right_to_left)
            if not drawn:
                continue
            source = text[first:last]
            # Glyphs moved by the shaper (marks, reordered vowels) read back in the
            # order of their positions: only plain text speaks for itself. poppler
            # turns right-to-left letters round itself, as it does for their glyphs,
            # so their text is given in drawing order.
            turned = run.right_to_left and not _has_left_to_right_letters(source)
            in_drawing_order = source[::-1] if turned else source
            reads_back = type(drawn) is str and drawn == in_drawing_order
            actual = None if reads_back else in_drawing_order
            piece = prepared.pieces[prepared.piece_at(first)]
            spans.append(
                Span(
                    x,
                    width,
                    piece.font_name,
                    drawn,
                    actual if actual is None or actual.isascii() else _NOT_DRAWN.sub("", actual),
                    piece.link,
                    piece.struck,
                )
            )
            x += width
    return Line(tuple(_joined(spans)), x)


def _has_left_to_right_letters(text: str) -> bool:
    """Letters poppler keeps in drawing order (Latin overridden to run right to left)."""
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def _split_at_breaks(prepared: PreparedText, start: int, end: int) -> list[tuple[int, int]]:
    breaks = prepared.breaks
    first = bisect_right(breaks, start)
    cuts = [start, *(b for b in breaks[first:] if b < end), end]
    return list(pairwise(cuts))


def _joined(spans: list[Span]) -> list[Span]:
    """Plain spans of one font and link following each other drawn as one string:
    fewer operators. Shaped spans stay apart, so a repeated word's operators are
    made once (see :func:`_text_out`)."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.actual is None
            and span.actual is None
            and type(last.drawn) is str
            and type(span.drawn) is str
            and last.font_name == span.font_name
            and last.link == span.link
        ):
            joined[-1] = last._replace(width=last.width + span.width, drawn=last.drawn + span.drawn)
        else:
            joined.append(span)
    return joined


def set_lines(prepared: PreparedText, width: float, size: float) -> list[Line]:
    """The text broken into lines no wider than ``width`` and set for drawing."""
    text = prepared.text
    if not HARD_BREAKS.intersection(text):
        whole = set_line(prepared, 0, len(text), size)
        if whole.width <= width:
            return [whole]  # most names: one line, set once
    return [
        set_line(prepared, start, end, size) for start, end in break_lines(prepared, width, size)
    ]


def draw_line(
    text: PDFTextObject,
    line: Line,
    x: float,
    y: float,
    size: float,
    formatted: dict[tuple[object, ...], tuple[str, int]] | None = None,
) -> None:
    """Draw ``line`` with its start at ``x``; spans needing it get their ``/ActualText``.

    ``formatted`` remembers the PDF operators of shaped spans for one document.
    """
    spans = line.spans
    index = 0
    while index < len(spans):
        # Spans that need their text told following each other share one marked span:
        # poppler reads a space between two when the last glyph of the first is a mark.
        end = index
        while end < len(spans) and spans[end].actual is not None:
            end += 1
        # A run in the script of a language (Khmer in an English list) says so too, for a
        # screen reader to read it in that language.
        if end > index:
            told = "".join(span.actual or "" for span in spans[index:end])
            language = _language_property(told)
            text._code.append(
                f"/Span <</ActualText <FEFF{told.encode('utf-16-be').hex()}>{language}>> BDC"
            )
            for span in spans[index:end]:
                _draw_span(text, span, x, y, size, formatted)
            text._code.append("EMC")
            index = end
        else:
            span = spans[index]
            language = _language_property(span.drawn)
            if language:
                text._code.append(f"/Span <<{language.strip()}>> BDC")
            _draw_span(text, span, x, y, size, formatted)
            if language:
                text._code.append("EMC")
            index += 1


def _language_property(text: str) -> str:
    """`` /Lang (km)`` for text that starts in a script of one language, else nothing."""
    language = script_language(text) if text and not text.isascii() else None
    return f" /Lang ({language})" if language else ""


def _draw_span(
    text: PDFTextObject,
    span: Span,
    x: float,
    y: float,
    size: float,
    formatted: dict[tuple[object, ...], tuple[str, int]] | None,
) -> None:
    text.setTextOrigin(x + span.x, y)
    text.setFont(span.font_name, size)
    _text_out(text, span.drawn, formatted)


def _text_out(
    text: PDFTextObject, drawn: str, formatted: dict[tuple[object, ...], tuple[str, int]] | None
) -> None:
    """Draw ``drawn`` at the text cursor, reusing the PDF operators of a shaped span.

    Turning shaped glyphs into operators is ReportLab's slowest step, glyph by glyph;
    a list repeats the same shaped words ("សមាគម") many times. The operators depend
    only on the text, font, size, rise and the font subset in use, all in the key;
    the cache lives as long as one document, whose subsets it refers to. Every span
    is placed by its own origin, so the cursor bookkeeping of ``textOut`` is skipped.
    """
    if type(drawn) is str or formatted is None:
        text._textOut(drawn)
        return
    key = (text._fontname, text._fontsize, text._leading, text._rise, text._curSubset, drawn)
    known = formatted.get(key)
    if known is None:
        operators = text._formatText(drawn)
        known = formatted[key] = (operators, text._curSubset)
    text._code.append(known[0])
    text._curSubset = known[1]
