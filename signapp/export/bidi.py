"""Glue to ICU's bidirectional algorithm (UAX #9): levels, lines and drawing order.

ICU decides everything: the paragraph's direction from its first strong letter,
paired brackets (rule N0), numbers, explicit embeddings and isolates. Here its UTF-16
offsets are turned into ``str`` indices and its visual runs handed out per line.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

import icu  # type: ignore[import-not-found]

from signapp.export.breaks import utf16_to_index

# Bidi classes that make a paragraph need the algorithm: right-to-left letters, Arabic
# numbers and explicit embeddings, overrides and isolates.
_NEEDS_ALGORITHM = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "RLI", "LRI", "FSI"})


class VisualRun(NamedTuple):
    """``text[start:end]``, drawn as one run, right to left when ``right_to_left``."""

    start: int
    end: int
    right_to_left: bool


def needs_algorithm(text: str) -> bool:
    """Whether ``text`` has anything that is not drawn plainly left to right."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(char) in _NEEDS_ALGORITHM for char in set(text))


class BidiParagraph:
    """One paragraph resolved by ICU; each name in a list is a paragraph of its own, so
    its direction controls and right-to-left words cannot reorder its neighbours.

    Args:
        text: the paragraph in reading order.
        right_to_left: the paragraph direction; None takes that of the first strong
            letter (left to right when there is none), as UAX #9 rules P2 and P3 say.
    """

    def __init__(self, text: str, right_to_left: bool | None = None) -> None:
        self.text = text
        self._bidi: icu.Bidi | None = None
        if right_to_left is None and not needs_algorithm(text):
            self.right_to_left = False
            return
        level = {None: icu.Bidi.DEFAULT_LTR, False: 0, True: 1}[right_to_left]
        self._bidi = icu.Bidi()
        self._bidi.setPara(icu.UnicodeString(text), level)
        self.right_to_left = bool(self._bidi.getParaLevel() & 1)
        self._to_index = utf16_to_index(text)
        self._to_utf16 = (
            None if self._to_index is None else [offset for offset, _ in _utf16_offsets(text)]
        )

    @property
    def left_to_right_only(self) -> bool:
        """Whether every character is drawn left to right, in reading order."""
        return self._bidi is None

    def visual_runs(self, start: int, end: int) -> list[VisualRun]:
        """The runs of ``text[start:end]`` (one line) in drawing order, left to right."""
        if start >= end:
            return []
        if self._bidi is None:
            return [VisualRun(start, end, False)]
        if self._to_utf16 is None:
            first, last = start, end
        else:
            first, last = self._to_utf16[start], self._to_utf16[end]
        line = self._bidi.setLine(first, last)
        runs = []
        for number in range(line.countRuns()):
            run_start, length, direction = line.getVisualRun(number)
            begin, finish = first + run_start, first + run_start + length
            if self._to_index is not None:
                begin, finish = self._to_index(begin), self._to_index(finish)
            runs.append(VisualRun(begin, finish, direction == 1))
        return runs


def _utf16_offsets(text: str) -> list[tuple[int, str]]:
    """The UTF-16 offset of each character of ``text``, and of its end."""
    offsets = []
    offset = 0
    for char in text:
        offsets.append((offset, char))
        offset += 2 if char >= "\U00010000" else 1
    offsets.append((offset, ""))
    return offsets
