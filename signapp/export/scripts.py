"""Split text into runs of one script, so each run can be printed in its own font."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

COMMON = "common"
LATIN = "latin"
RIGHT_TO_LEFT_SCRIPTS = frozenset({"arabic", "hebrew"})

# (first, last, script), sorted by first code point. Letters outside these ranges are
# drawn by the Latin family (Noto Sans also covers Greek and Cyrillic).
_BLOCKS: list[tuple[int, int, str]] = sorted(
    [
        (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"),
        (0x0870, 0x08FF, "arabic"),
        (0xFB50, 0xFDFF, "arabic"),
        (0xFE70, 0xFEFF, "arabic"),
        (0x0590, 0x05FF, "hebrew"),
        (0xFB1D, 0xFB4F, "hebrew"),
        (0x1200, 0x139F, "ethiopic"),
        (0x2D80, 0x2DDF, "ethiopic"),
        (0xAB00, 0xAB2F, "ethiopic"),
        (0x1E7E0, 0x1E7FF, "ethiopic"),
        # The dandas (U+0964, U+0965) end sentences in Bengali too: they are common.
        (0x0900, 0x0963, "devanagari"),
        (0x0966, 0x097F, "devanagari"),
        (0xA8E0, 0xA8FF, "devanagari"),
        (0x0980, 0x09FF, "bengali"),
        (0x0B80, 0x0BFF, "tamil"),
        (0x11FC0, 0x11FFF, "tamil"),
        (0x0C00, 0x0C7F, "telugu"),
        (0x0E00, 0x0E7F, "thai"),
        (0x1000, 0x109F, "myanmar"),
        (0xA9E0, 0xA9FF, "myanmar"),
        (0xAA60, 0xAA7F, "myanmar"),
        (0x1780, 0x17FF, "khmer"),
        (0x19E0, 0x19FF, "khmer"),
        (0x1100, 0x11FF, "hangul"),
        (0x3130, 0x318F, "hangul"),
        (0xA960, 0xA97F, "hangul"),
        (0xAC00, 0xD7FF, "hangul"),
        (0x3040, 0x30FF, "kana"),
        (0x31F0, 0x31FF, "kana"),
        (0x2E80, 0x2FDF, "han"),
        (0x3000, 0x303F, "han"),
        (0x3190, 0x319F, "han"),
        (0x31C0, 0x31EF, "han"),
        (0x3200, 0x9FFF, "han"),
        (0xF900, 0xFAFF, "han"),
        (0xFE30, 0xFE4F, "han"),
        (0xFF00, 0xFFEF, "han"),
        (0x20000, 0x3134F, "han"),
    ]
)
_BLOCK_STARTS = [first for first, _, _ in _BLOCKS]
_WORDS_AND_SPACES = re.compile(r"(\s+)")


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
    """The script a character belongs to, or ``common`` for spaces, digits, marks, signs.

    Combining marks count as common: they take the script of the letter they sit on.
    """
    code = ord(char)
    index = bisect.bisect_right(_BLOCK_STARTS, code) - 1
    if index >= 0:
        first, last, script = _BLOCKS[index]
        if first <= code <= last:
            return script
    category = unicodedata.category(char)
    return LATIN if category.startswith("L") else COMMON


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


def visual_order(run: Run) -> Run:
    """Put the words of a right-to-left run in the order they are drawn, left to right.

    Each word stays in logical order: the shaper lays out its letters right to left.
    Spaces at either end stay where they are.
    """
    if run.script not in RIGHT_TO_LEFT_SCRIPTS:
        return run
    stripped = run.text.strip()
    if not stripped:
        return run
    lead = run.text[: len(run.text) - len(run.text.lstrip())]
    trail = run.text[len(run.text.rstrip()) :]
    parts = _WORDS_AND_SPACES.split(stripped)
    return Run(run.script, lead + "".join(reversed(parts)) + trail)
