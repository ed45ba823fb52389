"""Cut text from the database into runs of one script, each in that script's font.

Text is never markup: ``<font size=60>`` in a name prints those very characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import icu  # type: ignore[import-not-found]

from signapp.export.fonts import FONT_SOURCES, SCRIPT_LABELS, FontSet
from signapp.export.scripts import COMMON, LATIN, script_of, split_runs

# Format characters (zero-width space and joiners, direction marks) guide shaping and
# line breaking; they are never drawn, so a font need not have a glyph for them.
_INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp", "Cc"})


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class MissingGlyphs:
    """Letters that no installed font can draw, by writing system, with the texts
    (names, paragraphs) they were left out of."""

    by_writing_system: dict[str, set[str]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    # by writing system: (text as typed, the run printed in Latin letters instead)
    transliterated: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, script: str, chars: set[str], text: str) -> None:
        for char in chars:
            label = writing_system(script, char)
            self.by_writing_system.setdefault(label, set()).add(char)
            texts = self.texts.setdefault(label, [])
            if text not in texts:
                texts.append(text)

    def warnings(self) -> list[str]:
        """One readable sentence per writing system that could not be printed."""
        messages = []
        for label, pairs in sorted(self.transliterated.items()):
            shown = ", ".join(f"{typed!r} ({latin})" for typed, latin in pairs[:_TEXTS_SHOWN])
            if len(pairs) > _TEXTS_SHOWN:
                shown += f" and {len(pairs) - _TEXTS_SHOWN} more"
            messages.append(
                f"{label} letters are printed in Latin letters: no {label} font can be "
                f"installed with signapp. Printed so: {shown}."
            )
        for label, chars in sorted(self.by_writing_system.items()):
            hint = (
                " (its font package is missing: reinstall signapp)" if label in _CJK_LABELS else ""
            )
            texts = self.texts[label]
            shown = ", ".join(repr(text) for text in texts[:_TEXTS_SHOWN])
            if len(texts) > _TEXTS_SHOWN:
                shown += f" and {len(texts) - _TEXTS_SHOWN} more"
            if label == EMOJI:
                messages.append(
                    f"Emoji are left out of the PDF, which has no emoji font: {len(chars)} "
                    f"different emoji in {shown}."
                )
                continue
            messages.append(
                f"{label} letters have no installed font{hint}: {len(chars)} different "
                f"letter(s) are missing from the PDF in {shown}. Give these a printed "
                "name in Latin letters."
            )
        return messages


EMOJI = "Emoji"
_EMOJI_PROPERTIES = (
    icu.UProperty.EXTENDED_PICTOGRAPHIC,
    icu.UProperty.EMOJI_PRESENTATION,
    icu.UProperty.EMOJI_MODIFIER,
    icu.UProperty.REGIONAL_INDICATOR,
    icu.UProperty.VARIATION_SELECTOR,
)


@cache
def _transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin")


def is_emoji_part(char: str) -> bool:
    """Whether ``char`` is an emoji or part of an emoji sequence (skin tone, flag
    letter, emoji style selector), by Unicode's emoji properties."""
    return not char.isascii() and any(
        icu.Char.hasBinaryProperty(ord(char), prop) for prop in _EMOJI_PROPERTIES
    )


_CJK_LABELS = frozenset({SCRIPT_LABELS["han"], SCRIPT_LABELS["kana"], SCRIPT_LABELS["hangul"]})
_TEXTS_SHOWN = 3


def writing_system(script: str, char: str) -> str:
    """The name of the writing system of ``char`` for a person: "Khmer", "Georgian".

    Letters of scripts signapp ships no font for count as Latin for the choice of
    font; their Unicode name says what they are.
    """
    if script != LATIN and script in SCRIPT_LABELS:
        return SCRIPT_LABELS[script]
    if is_emoji_part(char):
        return EMOJI
    first_word = unicodedata.name(char, "").split(" ", 1)[0]
    return first_word.title() if first_word else "Some"


def clean_text(text: str) -> str:
    """NFC, without control characters (but line breaks) that have no business in print.

    NFC prints the same as the text typed and lets Latin letters use their precomposed
    glyphs, which need no shaping.
    """
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text))


class MarkupWriter:
    """Writes runs of text as paragraph markup, one ``<font>`` per script run."""

    def __init__(self, fonts: FontSet, missing: MissingGlyphs | None = None) -> None:
        self.fonts = fonts
        self.missing = missing if missing is not None else MissingGlyphs()
        self._font_names: dict[tuple[str, bool, bool], str] = {}
        self._fallbacks: dict[str, str | None] = {}

    def font(self, script: str, *, bold: bool = False, italic: bool = False) -> str:
        """The registered font for a script and style, Latin when none is installed."""
        key = (script, bold, italic)
        name = self._font_names.get(key)
        if name is None:
            name = self.fonts.font_name(script, bold=bold, italic=italic)
            if name is None:
                name = self.font(LATIN, bold=bold, italic=italic)
            self._font_names[key] = name
        return name

    def _covers(self, script: str, char: str) -> bool:
        return char in self.fonts.characters(self.font(script))

    def _fallback(self, char: str) -> str | None:
        """A script whose installed font draws ``char``, for signs its own font lacks."""
        if char not in self._fallbacks:
            self._fallbacks[char] = next(
                (
                    script
                    for script in FONT_SOURCES
                    if char in self.fonts.installed_characters(script)
                ),
                None,
            )
        return self._fallbacks[char]

    def pieces(
        self, text: str, *, bold: bool = False, italic: bool = False
    ) -> list[tuple[str, str]]:
        """``(font name, text)`` for each script run of ``text``, in reading order.

        The text is cleaned (NFC, no control characters); the bidirectional algorithm
        puts runs in drawing order later, line by line. Characters no installed font
        can draw are noted.
        """
        text = clean_text(text)
        if text.isascii():
            return [(self.font(LATIN, bold=bold, italic=italic), text)]
        result = []
        for run in split_runs(text, self._covers, self._fallback):
            font_name = self.font(run.script, bold=bold, italic=italic)
            run_text = run.text
            if run.script not in FONT_SOURCES and run.script not in (LATIN, COMMON):
                run_text = self._in_latin_letters(run.script, run_text, text)
            self._note_missing(run.script, font_name, run_text, text)
            result.append((font_name, run_text))
        return result

    def _in_latin_letters(self, script: str, run_text: str, sample: str) -> str:
        """A run in a script signapp has no font for (Georgian, Armenian), in Latin
        letters when Unicode's transliteration (ICU) knows the script."""
        latin: str = _transliterator().transliterate(run_text)
        if latin == run_text or any(script_of(char) == script for char in latin):
            return run_text  # no transliteration for the script (Sinhala)
        label = SCRIPT_LABELS.get(script, script.title())
        self.missing.transliterated.setdefault(label, []).append((sample, latin.strip()))
        return latin

    def _note_missing(self, script: str, font_name: str, run_text: str, sample: str) -> None:
        uncovered = set(run_text) - self.fonts.characters(font_name)
        drawn = {char for char in uncovered if unicodedata.category(char) not in _INVISIBLE}
        if drawn:
            self.missing.add(script, drawn, sample)
