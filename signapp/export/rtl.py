"""Paragraphs written right to left (Arabic, Hebrew), set line by line without a bidi library.

ReportLab lays out right-to-left paragraphs only with its optional bidi extension.
Here the words stay in reading order while lines are filled, and each line is then
drawn from the right margin leftwards; a run of left-to-right words inside it (a
Latin name, a number) keeps its own order, as the bidirectional algorithm has it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from signapp.export.scripts import COMMON, RIGHT_TO_LEFT_SCRIPTS, script_of
from signapp.export.shaping import shape
from signapp.export.words import Piece, Word, cut_to_width

BULLET_GAP = 4.0


def _direction(word: Word) -> bool | None:
    """True if the word reads right to left, False if left to right, None if neutral."""
    for piece in word.pieces:
        for char in piece.source:
            script = script_of(char)
            if script in RIGHT_TO_LEFT_SCRIPTS:
                return True
            if script != COMMON:
                return False
    return None


def right_to_left_share(text: str) -> float:
    """The share of right-to-left letters among the letters of ``text``."""
    scripts = [script_of(char) for char in text]
    strong = [script for script in scripts if script != COMMON]
    if not strong:
        return 0.0
    return sum(script in RIGHT_TO_LEFT_SCRIPTS for script in strong) / len(strong)


def _resolve(directions: list[bool | None]) -> list[bool]:
    """Neutral words read left to right only between left-to-right words."""
    resolved = []
    for index, direction in enumerate(directions):
        if direction is not None:
            resolved.append(direction)
            continue
        before = next((d for d in reversed(directions[:index]) if d is not None), True)
        after = next((d for d in directions[index + 1 :] if d is not None), True)
        resolved.append(not (before is False and after is False))
    return resolved


Line = list[tuple[Word, bool]]  # words in reading order, each with its direction

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _number_among_right_to_left(word: Word, font_size: float) -> Word:
    """A number with signs before or after it (``2024.``, ``(1999)``) in right-to-left
    flow: the number reads left to right, and the signs around it change sides, the
    brackets turned to face it, as the bidirectional algorithm has it."""
    if len(word.pieces) != 1:
        return word
    piece = word.pieces[0]
    text = piece.source
    start, end = 0, len(text)
    while start < end and unicodedata.bidirectional(text[start]) in ("ON", "CS"):
        start += 1
    while end > start and unicodedata.bidirectional(text[end - 1]) in ("ON", "CS"):
        end -= 1
    number = text[start:end]
    if (start == 0 and end == len(text)) or not any(char.isdigit() for char in number):
        return word
    parts = [text[end:][::-1].translate(_MIRRORED), number, text[:start][::-1].translate(_MIRRORED)]
    pieces = tuple(
        Piece(piece.font_name, *shape(piece.font_name, font_size, part), part)
        for part in parts
        if part
    )
    return Word(pieces, sum(part.width for part in pieces), word.space_after)


def mirrored_bullet(bullet: str) -> str:
    """A list number as right-to-left text shows it: ``3.`` reads ``.3``."""
    if bullet.endswith(".") and bullet[:-1].isdigit():
        return "." + bullet[:-1]
    return bullet


class RightToLeftParagraph(Flowable):
    """A right-aligned paragraph of words in reading order, with an optional bullet.

    The style's ``leftIndent`` (lists, quotes) is taken from the right-hand side.
    """

    def __init__(
        self,
        words: Sequence[Word],
        style: ParagraphStyle,
        bullet: str | None = None,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.words = words
        self.style = style
        self.bullet = bullet
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._lines = lines
        self._width = -1.0

    def _layout(self, available_width: float) -> list[Line]:
        if self._lines is not None and (self._width < 0 or self._width == available_width):
            self._width = available_width
            return self._lines
        width = available_width - self.style.leftIndent
        size = self.style.fontSize
        directions = _resolve([_direction(word) for word in self.words])
        lines: list[Line] = [[]]
        used = 0.0
        for word, direction in zip(self.words, directions, strict=True):
            if direction and _direction(word) is None:
                word = _number_among_right_to_left(word, size)
            parts = cut_to_width(word, width, size) if word.width > width else [word]
            for part in parts:
                if lines[-1] and used + part.width > width:
                    lines.append([])
                    used = 0.0
                lines[-1].append((part, direction))
                used += part.width + part.space_after
        self._lines, self._width = lines, available_width
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self._layout(available_width)) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._layout(available_width)
        fitting = int(available_height // self.style.leading)
        if fitting <= 0:
            return []
        if fitting >= len(lines):
            return [self]
        head = RightToLeftParagraph(self.words, self.style, self.bullet, lines[:fitting])
        tail = RightToLeftParagraph(self.words, self.style, None, lines[fitting:])
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        style = self.style
        text = self.canv.beginText()
        text.setFillColor(style.textColor)
        right = self.width - style.leftIndent
        y = self.height - style.fontSize
        if self.bullet:
            text.setFont(style.bulletFontName, style.fontSize)
            text.setTextOrigin(right + BULLET_GAP, y)
            text._textOut(mirrored_bullet(self.bullet))
        for line in self._layout(self.width):
            x = right
            # Each gap gets a real space, so the text copies out as words.
            for segment, reads_right_to_left in _segments(line):
                if reads_right_to_left:
                    for word in segment:
                        x -= word.width
                        _draw_word(text, word, x, y, style.fontSize)
                        x -= word.space_after
                        _draw_space(text, word, x, y, style.fontSize)
                else:
                    x -= sum(word.width + word.space_after for word in segment)
                    left = x
                    for word in segment:
                        _draw_space(text, word, left, y, style.fontSize)
                        left += word.space_after
                        _draw_word(text, word, left, y, style.fontSize)
                        left += word.width
            y -= style.leading
        self.canv.drawText(text)


def _segments(line: Line) -> list[tuple[list[Word], bool]]:
    segments: list[tuple[list[Word], bool]] = []
    for word, direction in line:
        if segments and segments[-1][1] == direction:
            segments[-1][0].append(word)
        else:
            segments.append(([word], direction))
    return segments


def _draw_space(text: PDFTextObject, word: Word, x: float, y: float, font_size: float) -> None:
    if word.space_after:
        text.setTextOrigin(x, y)
        text.setFont(word.pieces[-1].font_name, font_size)
        text._textOut(" ")


def _draw_word(text: PDFTextObject, word: Word, x: float, y: float, font_size: float) -> None:
    for piece in word.pieces:
        text.setTextOrigin(x, y)
        text.setFont(piece.font_name, font_size)
        text._textOut(piece.text)
        x += piece.width
