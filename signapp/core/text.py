"""Folding and ordering of names written in many scripts.

Folding is for matching and search only: what the user typed is stored as typed.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import icu  # type: ignore[import-not-found]

_COENG = "\u17d2"
_KHMER_RO = "\u179a"
_KHMER_CONSONANTS = "[\u1780-\u17a2]"
_KHMER_DEPENDENT_VOWELS = "[\u17b6-\u17c5]"
# A subscript RO typed before another subscript: the standard order puts RO last.
_COENG_RO_FIRST = re.compile(f"({_COENG}{_KHMER_RO})({_COENG}{_KHMER_CONSONANTS})")
# A dependent vowel typed before the subscript consonant it should follow.
_VOWEL_BEFORE_COENG = re.compile(f"({_KHMER_DEPENDENT_VOWELS}+)({_COENG}{_KHMER_CONSONANTS})")
_SPACES = re.compile(r"\s+")
_per_thread = threading.local()
_LATIN_MARKS = re.compile("[\u0300-\u036f]")


def normalise_khmer(text: str) -> str:
    """Put Khmer clusters typed in a non-standard order into the standard one.

    Two spellings that look the same on screen can differ in code points (subscript RO
    before another subscript, a vowel typed before a subscript); NFC leaves both alone.
    """
    if _COENG not in text:
        return text  # both reorderings concern subscript consonants
    previous = None
    while previous != text:
        previous = text
        text = _COENG_RO_FIRST.sub(r"\2\1", text)
        text = _VOWEL_BEFORE_COENG.sub(r"\2\1", text)
    return text


def fold_for_match(text: str | None) -> str:
    """Fold case, accents, spacing, Unicode form and Khmer variants for comparison."""
    if not text:
        return ""
    if text.isascii():  # the same result, several times faster: no marks, forms or Khmer
        return " ".join(text.lower().split())
    folded = unicodedata.normalize("NFKC", text)
    folded = normalise_khmer(folded).casefold()
    folded = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", folded))
    folded = unicodedata.normalize("NFC", folded)
    return _SPACES.sub(" ", folded).strip()


def _collator(language: str | None) -> icu.Collator:
    """A collator for ``language`` (root order when None), one per thread.

    ICU collators must not be shared between threads; the GUI runs exports and imports
    on workers.
    """
    collators: dict[str | None, icu.Collator] = _per_thread.__dict__.setdefault("collators", {})
    collator = collators.get(language)
    if collator is None:
        locale = icu.Locale(language) if language else icu.Locale.getRoot()
        collator = collators[language] = icu.Collator.createInstance(locale)
    return collator


def sort_key(text: str | None, language: str | None = None) -> bytes:
    """A byte string that orders names by the Unicode Collation Algorithm.

    The order is ICU's (root order, or tailored for ``language``, e.g. ``"de"``):
    case- and accent-insensitive first, Thai and Khmer in their dictionary order.
    Bytes compare in SQLite (BLOB columns) exactly as the keys compare in Python, so the
    same order holds in queries and in exports.
    """
    if not text:
        return b""
    normalised = normalise_khmer(unicodedata.normalize("NFC", text.strip()))
    return bytes(_collator(language).getSortKey(normalised))
