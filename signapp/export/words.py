"""Words of measured, shaped pieces: what the names list and right-to-left text are set from."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth

from signapp.export.shaping import shape


# Tuples, not dataclasses: a list of 50,000 names makes a quarter of a million words.
class Piece(NamedTuple):
    font_name: str
    text: str  # ready to draw: plain or shaped
    width: float
    source: str  # the text as written, to cut a word too wide for its column


class Word(NamedTuple):
    pieces: tuple[Piece, ...]
    width: float
    space_after: float  # the width of a space in the word's last font


def prepare_words(pieces: Iterable[tuple[str, str]], font_size: float) -> list[Word]:
    """Cut ``(font name, text)`` runs into words of shaped single-font pieces, measured.

    A word ends at a space; a word may hold pieces in several fonts (``ABCខ្មែរ``).
    """
    words: list[Word] = []
    current: list[Piece] = []
    last_font = ""
    for font_name, run_text in pieces:
        for index, part in enumerate(run_text.split(" ")):
            if index and current:
                words.append(_word(current, last_font, font_size))
                current = []
            if part:
                drawn, width = shape(font_name, font_size, part)
                current.append(Piece(font_name, drawn, width, part))
                last_font = font_name
    if current:
        words.append(_word(current, last_font, font_size))
    return words


def _word(pieces: list[Piece], last_font: str, font_size: float) -> Word:
    width = pieces[0].width if len(pieces) == 1 else sum(piece.width for piece in pieces)
    return Word(tuple(pieces), width, space_width(last_font, font_size))


@cache
def space_width(font_name: str, font_size: float) -> float:
    """The width of a space in ``font_name``."""
    return stringWidth(" ", font_name, font_size)


# A line may break before a letter or digit, but not after a sign that joins the next
# consonant to its own (Khmer coeng, Myanmar virama, the virama of Devanagari, Bengali,
# Tamil and Telugu that makes a conjunct), a joiner, or a Thai or Lao vowel written
# before its consonant. Vowel signs and other marks never start a cluster.
_NO_BREAK_AFTER = frozenset("\u17d2\u1039\u094d\u09cd\u0bcd\u0c4d\u200d") | frozenset(
    map(chr, [*range(0x0E40, 0x0E45), *range(0x0EC0, 0x0EC5)])
)


def clusters(text: str) -> list[str]:
    """``text`` cut where a line may break inside a word: between letter clusters."""
    clusters: list[str] = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if clusters and category[0] in "LN" and text[index - 1] not in _NO_BREAK_AFTER:
            clusters.append(char)
        elif clusters:
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def cut_to_width(word: Word, width: float, font_size: float) -> list[Word]:
    """``word`` cut into parts no wider than ``width``, each shaped anew.

    The parts carry no space between them; the last keeps the word's space after it.
    """
    parts: list[Word] = []
    pieces: list[Piece] = []  # the finished pieces of the part being filled
    used = 0.0
    for piece in word.pieces:
        chunk = ""
        for cluster in clusters(piece.source):
            trial_width = shape(piece.font_name, font_size, chunk + cluster)[1]
            if used + trial_width > width and (chunk or pieces):
                if chunk:
                    pieces.append(_piece(piece.font_name, chunk, font_size))
                parts.append(Word(tuple(pieces), sum(p.width for p in pieces), 0.0))
                pieces, used, chunk = [], 0.0, ""
            chunk += cluster
        if chunk:
            pieces.append(_piece(piece.font_name, chunk, font_size))
            used += pieces[-1].width
    if pieces:
        parts.append(Word(tuple(pieces), sum(p.width for p in pieces), word.space_after))
    return parts


def _piece(font_name: str, text: str, font_size: float) -> Piece:
    drawn, width = shape(font_name, font_size, text)
    return Piece(font_name, drawn, width, text)
