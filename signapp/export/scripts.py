"""Split text into runs of one script, so each run can be printed in its own font.

Scripts come from Unicode's script property (ICU), not from a table of blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import icu  # type: ignore[import-not-found]

COMMON = "common"
LATIN = "latin"
RIGHT_TO_LEFT_SCRIPTS = frozenset({"arabic", "hebrew"})

# ICU's script names that signapp's font table knows by another name. Greek and
# Cyrillic are drawn by the Latin family (Noto Sans covers them); Japanese kana of
# either kind take the Japanese font.
_FONT_SCRIPT_OF = {"Greek": LATIN, "Cyrillic": LATIN, "Hiragana": "kana", "Katakana": "kana"}
_NO_SCRIPT = frozenset({"Zyyy", "Zinh", "Zzzz"})  # common, inherited (marks), unknown


@dataclass(frozen=True)
class Run:
    """A stretch of text printed in one script's font."""

    script: str
    text: str


_known_scripts: dict[str, str] = {}


def script_of(char: str) -> str:
    """The script a character belongs to (see :func:`_script_of`), remembered."""
    script = _known_scripts.get(char)
    if script is None:
        script = _known_scripts[char] = _script_of(char)
    return script


def _script_of(char: str) -> str:
    """The script a character belongs to by Unicode's script data (through ICU), as a
    lower-case name (``khmer``, ``lao``, ``myanmar``), or ``common`` for spaces,
    digits, signs and combining marks shared by scripts, which take the script of the
    letter they sit on.
    """
    script = icu.Script.getScript(ord(char))
    if script.getShortName() in _NO_SCRIPT:
        return COMMON
    name: str = script.getName().replace("_", " ")
    return _FONT_SCRIPT_OF.get(name, name.lower())


def split_runs(
    text: str,
    covers: Callable[[str, str], bool] | None = None,
    fallback: Callable[[str], str | None] | None = None,
) -> list[Run]:
    """Cut ``text`` into runs of one script each.

    Spaces, digits, punctuation and combining marks join the run before them (or the
    first run after them at the start), so ``(ខ្មែរ)`` stays one Khmer run and a word
    is rarely split across fonts; after right-to-left text they join the left-to-right
    run that follows. When ``covers(script, char)`` says that run's font lacks a sign,
    it goes to the Latin run; a character no chosen font has goes to the script
    ``fallback(char)`` names, when one does.
    """
    if not text:
        return []
    # Most names are in one script: settle them from their distinct characters.
    characters = set(text)
    present = {script_of(char) for char in characters} - {COMMON}
    if len(present) <= 1:
        only = present.pop() if present else LATIN
        if covers is None or all(covers(only, char) for char in characters):
            return [Run(only, text)]
    scripts = [script_of(char) for char in text]
    next_strong: list[str | None] = [None] * len(text)
    upcoming: str | None = None
    for index in range(len(text) - 1, -1, -1):
        next_strong[index] = upcoming
        if scripts[index] != COMMON:
            upcoming = scripts[index]
    resolved: list[str] = []
    current = next((script for script in scripts if script != COMMON), LATIN)
    for index, (char, script) in enumerate(zip(text, scripts, strict=True)):
        if script != COMMON:
            current = target = script
        else:
            target = current
            following = next_strong[index]
            # Between right-to-left text and left-to-right text after it, signs
            # belong to the left-to-right side, as the bidirectional algorithm has it.
            if (
                current in RIGHT_TO_LEFT_SCRIPTS
                and following is not None
                and following not in RIGHT_TO_LEFT_SCRIPTS
            ):
                target = following
            if target != LATIN and covers is not None and not covers(target, char):
                target = LATIN
            current = target
        if covers is not None and fallback is not None and not covers(target, char):
            target = fallback(char) or target
        resolved.append(target)
    runs: list[Run] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or resolved[index] != resolved[start]:
            runs.append(Run(resolved[start], text[start:index]))
            start = index
    return runs
