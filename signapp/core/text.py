"""Folding and ordering of names written in many scripts.

Folding is for matching and search only: what the user typed is stored as typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pyuca

_COENG = "\u17d2"
_KHMER_RO = "\u179a"
_KHMER_CONSONANTS = "[\u1780-\u17a2]"
_KHMER_DEPENDENT_VOWELS = "[\u17b6-\u17c5]"
# A subscript RO typed before another subscript: the standard order puts RO last.
_COENG_RO_FIRST = re.compile(f"({_COENG}{_KHMER_RO})({_COENG}{_KHMER_CONSONANTS})")
# A dependent vowel typed before the subscript consonant it should follow.
_VOWEL_BEFORE_COENG = re.compile(f"({_KHMER_DEPENDENT_VOWELS}+)({_COENG}{_KHMER_CONSONANTS})")
_SPACES = re.compile(r"\s+")
_LATIN_MARKS = re.compile("[\u0300-\u036f]")


def normalise_khmer(text: str) -> str:
    """Put Khmer clusters typed in a non-standard order into the standard one.

    Two spellings that look the same on screen can differ in code points (subscript RO
    before another subscript, a vowel typed before a subscript); NFC leaves both alone.
    """
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
    folded = unicodedata.normalize("NFKC", text)
    folded = normalise_khmer(folded).casefold()
    folded = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", folded))
    folded = unicodedata.normalize("NFC", folded)
    return _SPACES.sub(" ", folded).strip()


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def sort_key(text: str | None) -> bytes:
    """A byte string that orders names by the Unicode Collation Algorithm.

    Bytes compare in SQLite (BLOB columns) exactly as the collation key compares in
    Python, so the same order holds in queries and in exports.
    """
    if not text:
        return b""
    normalised = normalise_khmer(unicodedata.normalize("NFC", text.strip()))
    weights = _collator().sort_key(normalised)
    return b"".join(min(weight, 0xFFFF).to_bytes(2, "big") for weight in weights)
