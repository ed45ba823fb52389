"""Where a line may break, and where it never may: ICU's line and character breakers.

Khmer, Thai, Lao and Burmese put no spaces between words; ICU finds their word
boundaries with its dictionaries, as it does spaces and hyphens elsewhere (UAX #14).
A word too wide for any line is cut only between grapheme clusters (UAX #29), so a
subscript, a vowel sign or a tone mark stays with its consonant.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import icu  # type: ignore[import-not-found]

_per_thread = threading.local()
HARD_BREAKS = frozenset("\n\u2028\u2029")

# Signs that join the next consonant to their own cluster (Khmer coeng, Myanmar
# stacker, the viramas of Indic scripts), the zero-width joiner, and Thai and Lao
# vowels written before their consonant: UAX #29 grapheme clusters split Khmer and
# Burmese stacks after them, and Burmese dictionary breaks can too.
_JOINS_NEXT = frozenset("\u17d2\u1039\u094d\u09cd\u0bcd\u0c4d\u200d") | frozenset(
    map(chr, [*range(0x0E40, 0x0E45), *range(0x0EC0, 0x0EC5)])
)
# Signs that close a syllable on the consonant before them (Myanmar asat, stacker).
_CLOSES_SYLLABLE = frozenset("\u103a\u1039")


def inside_cluster(text: str, index: int) -> bool:
    """Whether a break before ``text[index]`` would cut a written syllable."""
    if text[index - 1] in _JOINS_NEXT:
        return True
    following = text[index + 1 : index + 2]
    return bool(following) and following in _CLOSES_SYLLABLE


def _breaker(kind: str) -> icu.BreakIterator:
    """One ICU breaker of each kind per thread: ICU's are not to be shared."""
    breaker = getattr(_per_thread, kind, None)
    if breaker is None:
        root = icu.Locale.getRoot()
        make: Callable[[icu.Locale], icu.BreakIterator] = (
            icu.BreakIterator.createLineInstance
            if kind == "line"
            else icu.BreakIterator.createCharacterInstance
        )
        breaker = make(root)
        setattr(_per_thread, kind, breaker)
    return breaker


def utf16_to_index(text: str) -> Callable[[int], int] | None:
    """A map from ICU's UTF-16 offsets to ``text``'s indices; None when they agree."""
    if text.isascii() or max(text) < "\U00010000":
        return None
    indices = []
    for index, char in enumerate(text):
        indices.append(index)
        if char >= "\U00010000":
            indices.append(index)
    indices.append(len(text))
    return indices.__getitem__


def _boundaries(kind: str, text: str) -> list[int]:
    if not text:
        return [0]
    breaker = _breaker(kind)
    breaker.setText(text)
    found = [0, *breaker]
    to_index = utf16_to_index(text)
    if to_index is not None:
        found = [to_index(offset) for offset in found]
    return [index for index in found if index in (0, len(text)) or not inside_cluster(text, index)]


def line_breaks(text: str) -> list[int]:
    """Indices where a line may start, from 0 to ``len(text)``."""
    if text.isascii() and "-" not in text and "/" not in text and "\n" not in text:
        # Plain words and spaces (most names): a line may start after each space run.
        found = [0]
        for index in range(1, len(text)):
            if text[index - 1] == " " and text[index] != " ":
                found.append(index)
        found.append(len(text))
        return found if len(text) else [0]
    return _boundaries("line", text)


def grapheme_breaks(text: str) -> list[int]:
    """Indices between grapheme clusters, from 0 to ``len(text)``."""
    return _boundaries("character", text)
