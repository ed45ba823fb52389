"""Shaping with harfbuzz for ReportLab's canvas, mended where ReportLab goes wrong.

:func:`shape_run` shapes one level run of one font in the direction the bidirectional
algorithm gave it (ReportLab's own shaping guesses the direction from the script, so
brackets and numbers in right-to-left text came out wrong), with kerning and standard
ligatures only. :func:`install_fixes`, called when a font is registered, mends two
things in ReportLab:

- text rise for marks above and below the baseline is kept track of correctly;
- glyphs that stand for several characters (a Khmer subscript, a ligature) copy and
  search as those characters in the font's ToUnicode map, not as private-use code
  points (the drawn spans also carry ``/ActualText``, see :mod:`signapp.export.lines`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

import uharfbuzz
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import textobject

from signapp.export.scripts import RIGHT_TO_LEFT_SCRIPTS, script_of

_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
# What each private-use glyph code stands for, by font face. Harfbuzz gives glyphs
# that have no character of their own (a Khmer subscript consonant, a ligature) such
# a code; without this they would copy out of the PDF as unreadable characters.
_private_texts: dict[tuple[str, int], str] = {}
_PRIVATE_USE = range(0xE000, 0xF900)


_SHAPED_RUNS_LIMIT = 50_000
# ReportLab turns on discretionary ligatures too, which text engines leave off: with
# them Hebrew draws vav-yod as the Yiddish letter ױ and Japanese 株式会社 as one
# squared sign. Kerning and standard ligatures only, as harfbuzz has by default.
_FEATURES = {"kern": True, "liga": True}


def _learn_private_glyphs_of(glyphs: list[tuple[int, str, str]], source: str) -> None:
    """Note the characters behind each private-use glyph of freshly shaped ``source``.

    ``glyphs`` are (cluster, code drawn, font). A glyph's cluster is the index of the
    first character it stands for; the cluster runs to the next cluster's start. A
    glyph named for its characters (``uni0915094D`` is क्) stands for those; of the
    cluster's characters, those left over after the glyphs of their own and the named
    glyphs belong to its one remaining private glyph. When two glyphs are left, which
    character goes with which is unknown: nothing is noted, rather than a wrong text
    that every later use of the glyph would copy.
    """
    if not any(ord(char) in _PRIVATE_USE for _, char, _ in glyphs):
        return
    if any(script_of(char) in RIGHT_TO_LEFT_SCRIPTS for char in source):
        return  # Arabic reads back as presentation forms in drawing order anyway
    starts = sorted({cluster for cluster, _, _ in glyphs if 0 <= cluster < len(source)})
    ends = dict(zip(starts, [*starts[1:], len(source)], strict=True))
    for cluster, end in ends.items():
        members = [(char, font) for start, char, font in glyphs if start == cluster]
        if any(ord(char) in _PRIVATE_USE for char, _ in members):
            _learn_cluster(source[cluster:end], members)


def _learn_cluster(text: str, members: list[tuple[str, str]]) -> None:
    """Note the text of the private glyphs drawing ``text`` (see above)."""
    left = text
    unknown: list[tuple[str, int]] = []
    for char, font_name in members:
        stands_for = char
        if ord(char) in _PRIVATE_USE:
            key = (_face_name(font_name), ord(char))
            named = _private_texts.get(key) or _named_text(font_name, ord(char))
            if named is None or not _contains(left, named):
                unknown.append(key)
                continue
            stands_for = _private_texts[key] = named
        elif char not in left:
            return  # a stand-in form drawn with marks (Arabic dots): no text of its own
        for part in stands_for:
            left = left.replace(part, "", 1)
    if len(unknown) == 1 and left and unknown[0] not in _private_texts:
        _private_texts[unknown[0]] = left


def _contains(text: str, characters: str) -> bool:
    return not Counter(characters) - Counter(text)


# A glyph named for what it draws: uni + code points (uni0915094D), or u + one code
# point (u1F600), components joined by "_", variants after ".": the Adobe convention.
_GLYPH_NAME_PART = re.compile(r"uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6})")


def _named_text(font_name: str, code: int) -> str | None:
    """The characters a glyph's name says it draws, or None for a name saying nothing."""
    font = pdfmetrics.getFont(font_name)
    name = _glyph_namer(font_name)(font.face.charToGlyph[code])
    characters = []
    for part in name.split(".", 1)[0].split("_"):
        match = _GLYPH_NAME_PART.fullmatch(part)
        if match is None:
            return None
        hexes = match[1] or match[2]
        step = 4 if match[1] else len(hexes)
        characters += [chr(int(hexes[i : i + step], 16)) for i in range(0, len(hexes), step)]
    if not characters or any(0xD800 <= ord(char) < 0xE000 for char in characters):
        return None
    return "".join(characters)


@cache
def _glyph_namer(font_name: str) -> Callable[[int], str]:
    namer: Callable[[int], str] = uharfbuzz.Font(
        pdfmetrics.getFont(font_name).hbFace
    ).glyph_to_string
    return namer


def _face_name(font_name: str) -> str:
    name: bytes = pdfmetrics.getFont(font_name).face.name
    return name.decode("latin-1")


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with private-use glyphs mapped to what they stand for."""
    face = fontname.split("+", 1)[-1]
    texts = [_private_texts.get((face, code)) for code in subset]
    if not any(texts):
        return str(_reportlab_to_unicode_cmap(fontname, subset))
    entries = [
        f"<{index:02X}> <{(text or chr(code)).encode('utf-16-be').hex().upper()}>"
        for index, (code, text) in enumerate(zip(subset, texts, strict=True))
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


# Fonts whose text needs no shaping once it is in NFC: the Latin family.
SIMPLE_FONTS: set[str] = set()


def _has_marks(text: str) -> bool:
    return not text.isascii() and any(unicodedata.combining(char) for char in text)


def _moves_nothing(shaped: Any) -> bool:
    return all(
        data.x_offset == 0 and data.y_offset == 0 and data.x_advance == data.width
        for data in shaped.__shapeData__
    )


def _set_rise(self: textobject.PDFTextObject, rise: float) -> None:
    """ReportLab's ``setRise`` with two slips mended, for shaped text.

    Shaped Khmer or Thai places marks above or below the baseline with a text rise.
    ReportLab's version fails with IndexError when the first glyph of a text run
    has a rise, and when it folds two rises in a row into one it forgets the new
    rise, so the letters after a lowered vowel are drawn lowered too.
    """
    operator = f"{fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):
        self._y += self._rise
        self._code[-1] = operator
    else:
        self._code.append(operator)
    self._rise = rise
    self._y -= rise


def install_fixes() -> None:
    """Put the shaping mends into ReportLab; done again on each font, harmlessly."""
    textobject.PDFTextObject.setRise = _set_rise  # type: ignore[method-assign]
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# Shaped runs of one direction, by (font, size, text, right to left): the names list
# and the paragraphs repeat words, and harfbuzz is the dear part.
_shaped_runs: dict[tuple[str, float, str, bool], tuple[str, float]] = {}


def shape_run(
    font_name: str, font_size: float, text: str, right_to_left: bool
) -> tuple[str, float]:
    """``text`` shaped in the direction the bidirectional algorithm gave it, and its width.

    ``text`` is one level run of one font, in reading order; the glyphs come back in
    drawing order (left to right). Latin text needing no shaping comes back as it is,
    shaped text that moves nothing as the plain glyph string (much faster to draw).
    """
    if not right_to_left and font_name in SIMPLE_FONTS and not _has_marks(text):
        return text, pdfmetrics.stringWidth(text, font_name, font_size)
    key = (font_name, font_size, text, right_to_left)
    known = _shaped_runs.get(key)
    if known is None:
        known = _shape_with_harfbuzz(font_name, font_size, text, right_to_left)
        if len(_shaped_runs) >= _SHAPED_RUNS_LIMIT:
            _shaped_runs.clear()
        _shaped_runs[key] = known
    return known


def _shape_with_harfbuzz(
    font_name: str, font_size: float, text: str, right_to_left: bool
) -> tuple[str, float]:
    font: Any = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(font_size)  # also gives the font its private-glyph numbering
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.direction = "rtl" if right_to_left else "ltr"
    buffer.guess_segment_properties()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(hb_font, buffer, _FEATURES)
    face = font.face
    codes: list[str] = []
    shape_data: list[Any] = []
    glyphs: list[tuple[int, str, str]] = []
    advance_total = 0.0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyph = info.codepoint
        characters = face.glyphToChar.get(glyph)
        if characters:
            code = characters[0]
        else:
            code = font.hbAddPrivate(hb_font.glyph_to_string(glyph), glyph, position.x_advance)
        x_advance = font.pdfScale(position.x_advance)
        shape_data.append(
            ttfonts.ShapeData(
                info.cluster,
                x_advance,
                font.pdfScale(position.y_advance),
                font.pdfScale(position.x_offset),
                font.pdfScale(position.y_offset),
                face.charWidths[code],
            )
        )
        codes.append(chr(code))
        glyphs.append((info.cluster, chr(code), font_name))
        advance_total += x_advance
    _learn_private_glyphs_of(glyphs, text)
    drawn = ttfonts.ShapedStr("".join(codes), shapeData=shape_data)
    width = advance_total * font_size / 1000
    if _moves_nothing(drawn):
        return str(drawn), width
    return drawn, width
