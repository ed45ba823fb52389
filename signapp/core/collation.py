"""Sort keys for many names at once, byte for byte those of :func:`text.sort_key`.

An import computes the key of every new organisation's name. Names share most of their
words ("Women", "Association", "សមាគម"), and the collation elements of a word do not
depend on its neighbours (no contraction of the collation table spans a space), so each
word is looked up once per batch; the weights are packed in one call.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable

from signapp.core.text import _collator, normalise_khmer

_MAX_WEIGHT = 0xFFFF


def sort_keys(names: Iterable[str | None]) -> list[bytes]:
    """The :func:`signapp.core.text.sort_key` of each name, in order."""
    collator = _collator()
    space = collator.collation_elements(" ")
    by_word: dict[str, list[list[int]]] = {}
    keys: list[bytes] = []
    for name in names:
        if not name:
            keys.append(b"")
            continue
        elements: list[list[int]] = []
        # As text.sort_key, then NFD as pyuca's own sort_key does before looking up.
        normalised = normalise_khmer(unicodedata.normalize("NFC", name.strip()))
        for position, word in enumerate(unicodedata.normalize("NFD", normalised).split(" ")):
            if position:
                elements.extend(space)
            word_elements = by_word.get(word)
            if word_elements is None:
                word_elements = by_word[word] = collator.collation_elements(word)
            elements.extend(word_elements)
        weights = collator.sort_key_from_collation_elements(elements)
        keys.append(
            struct.pack(f">{len(weights)}H", *[min(weight, _MAX_WEIGHT) for weight in weights])
        )
    return keys
