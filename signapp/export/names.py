"""How a signatory's name is printed, the same in the PDF and the CSV."""

from __future__ import annotations

import re
import unicodedata

from signapp.core.text import fold_for_match

LOCAL_NAME_SEPARATOR = " – "


def _contains_word(haystack: str, word: str) -> bool:
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
    return re.search(pattern, haystack, flags=re.IGNORECASE) is not None


def display_name(printed_name: str, local_name: str | None, acronym: str | None) -> str:
    """The printed name, its own-script name beside it, then the acronym in brackets.

    The own-script name is left out when it is the printed name again; the acronym
    when it already stands in either name as a word.
    """
    name = unicodedata.normalize("NFC", printed_name.strip())
    parts = [name]
    local = unicodedata.normalize("NFC", local_name.strip()) if local_name else ""
    if local and fold_for_match(local) != fold_for_match(name):
        parts.append(LOCAL_NAME_SEPARATOR + local)
    short = acronym.strip() if acronym else ""
    if short and not any(_contains_word(text, short) for text in (name, local) if text):
        parts.append(f" ({short})")
    return "".join(parts)
