"""Shaping with harfbuzz through ReportLab, mended where it goes wrong, and made quick.

ReportLab shapes text (``shaping=1``) word by word. Five things are mended here and
put in place by :func:`install_fixes` when the first font is registered:

- a word whose letters come from several fonts is shaped one font at a time;
- discretionary ligatures stay off;
- a number inside a right-to-left word (``ב-2024``) reads left to right;
- text rise for marks above and below the baseline is kept track of correctly;
- glyphs that stand for several characters (a Khmer subscript, a ligature) copy and
  search as those characters, not as private-use code points.

:func:`shape` gives the names list its shaped words, remembered between names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

import uharfbuzz
from reportlab.lib.abag import ABag
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph as rl_paragraph

from signapp.export.scripts import RIGHT_TO_LEFT_SCRIPTS, script_of

_reportlab_shape_frag_word = ttfonts.shapeFragWord
_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
# What each private-use glyph code stands for, by font face. Harfbuzz gives glyphs
# that have no character of their own (a Khmer subscript consonant, a ligature) such
# a code; without this they would copy out of the PDF as unreadable characters.
_private_texts: dict[tuple[str, int], str] = {}
_PRIVATE_USE = range(0xE000, 0xF900)


# ReportLab turns on discretionary ligatures too, which text engines leave off: with
# them Hebrew draws vav-yod as the Yiddish letter ױ and Japanese 株式会社 as one
# squared sign. Kerning and standard ligatures only, as harfbuzz has by default.
_FEATURES = {"kern": True, "liga": True}


def _shape_and_learn(word: Any, *args: Any, **kwargs: Any) -> Any:
    if not args:
        kwargs.setdefault("features", _FEATURES)
    shaped = _reportlab_shape_frag_word(word, *args, **kwargs)
    if shaped is not word:
        _learn_private_glyphs(word, shaped)
    return shaped


def _learn_private_glyphs(word: Any, shaped: Any) -> None:
    """Note the characters behind each private-use glyph of a freshly shaped word.

    A glyph's cluster is the index of the first character it stands for; the cluster
    runs to the next cluster's start. A glyph named for its characters (``uni0915094D``
    is क्) stands for those; of the cluster's characters, those left over after the
    glyphs of their own and the named glyphs belong to its one remaining private glyph.
    When two glyphs are left, which character goes with which is unknown: nothing is
    noted, rather than a wrong text that every later use of the glyph would copy.
    """
    glyphs: list[tuple[int, str, str]] = []  # cluster, code drawn, font name
    for style, text in shaped[1:]:
        for char, data in zip(text, getattr(text, "__shapeData__", None) or (), strict=False):
            glyphs.append((data.cluster, char, style.fontName))
    if not any(ord(char) in _PRIVATE_USE for _, char, _ in glyphs):
        return
    source = "".join(text for style, text in word[1:] if not hasattr(style, "cbDefn"))
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


# Shaped text of single-font words by (font, size, text): a signatory list repeats
# words ("Association", "សមាគម") thousands of times, and harfbuzz is the dear part.
_shaped_words: dict[tuple[str, float, str], tuple[float, str] | None] = {}
_SHAPED_WORDS_LIMIT = 50_000


# A number in a right-to-left word ("ב-2024", "بـ50%"; currency and percent signs go
# with it) reads left to right, but harfbuzz lays the whole word out right to left,
# drawing 2024 as 4202. Such a word is shaped part by part and the parts put in the
# order the bidirectional algorithm draws them.
_NUMBER = re.compile(
    r"[#$\u00a2-\u00a5\u20a0-\u20cf]?\d+(?:[.,:/\u066b\u066c]\d+)*[%\u066a\u2030]?"
)


def _right_to_left_with_number(text: str) -> bool:
    if text.isascii() or not any(char.isdigit() for char in text):
        return False
    directions = {unicodedata.bidirectional(char) for char in text}
    return "L" not in directions and bool(directions & {"R", "AL"})


def _shape_in_drawing_order(font_name: str, font_size: float, text: str) -> tuple[Any, float]:
    """A right-to-left word with a number in it, shaped: the ``ShapedStr`` and its width."""
    parts: list[str] = []
    position = 0
    for match in _NUMBER.finditer(text):
        parts += [text[position : match.start()], match[0]]
        position = match.end()
    parts.append(text[position:])
    bag = ABag(fontName=font_name, fontSize=font_size)
    drawn: Any = None
    width = 0.0
    for part in reversed([part for part in parts if part]):
        if _NUMBER.fullmatch(part) and any(
            script_of(char) in RIGHT_TO_LEFT_SCRIPTS for char in part
        ):
            # Harfbuzz takes Arabic-Indic digits (and ٪) for Arabic and lays them out
            # right to left: given reversed, they come out in reading order.
            part = part[::-1]
        natural = pdfmetrics.stringWidth(part, font_name, font_size)
        shaped = _shape_and_learn([natural, (bag, part)], force=True)
        drawn = shaped[1][1] if drawn is None else drawn + shaped[1][1]
        width += shaped[0]
    return drawn, width


def _shape_one_piece(word: Any, *args: Any, **kwargs: Any) -> Any:
    style, text = word[1]
    key = (style.fontName, style.fontSize, text)
    if key in _shaped_words:
        known = _shaped_words[key]
    elif _right_to_left_with_number(text):
        drawn, width = _shape_in_drawing_order(style.fontName, style.fontSize, text)
        known = _shaped_words[key] = (width, drawn)
    else:
        shaped = _shape_and_learn(word, *args, **kwargs)
        if shaped is not word and len(shaped) != 2:
            return shaped
        known = None if shaped is word else (shaped[0], shaped[1][1])
        if len(_shaped_words) >= _SHAPED_WORDS_LIMIT:
            _shaped_words.clear()
        _shaped_words[key] = known
    if known is None:
        return word
    width, shaped_text = known
    return ttfonts.makeShapedFragWord(word)([width, (style, shaped_text)])


def shape(font_name: str, font_size: float, text: str) -> tuple[str, float]:
    """``text`` ready to draw in one registered font, and its width in points.

    Latin text without combining marks comes back as it is; anything else is shaped
    by harfbuzz (a ReportLab ``ShapedStr``), or reduced to the plain glyph string
    when shaping moved nothing, which draws much faster. Results are remembered.
    """
    if font_name in SIMPLE_FONTS and not _has_marks(text):
        return text, pdfmetrics.stringWidth(text, font_name, font_size)
    key = (font_name, font_size, text)
    known = _shaped_texts.get(key)
    if known is not None:
        return known
    natural = pdfmetrics.stringWidth(text, font_name, font_size)
    if _right_to_left_with_number(text):
        drawn, width = _shape_in_drawing_order(font_name, font_size, text)
    else:
        bag = ABag(fontName=font_name, fontSize=font_size)
        shaped = _shape_and_learn([natural, (bag, text)])
        drawn = shaped[1][1] if len(shaped) == 2 else text
        width = shaped[0] if drawn is not text else natural
    if isinstance(drawn, ttfonts.ShapedStr) and _moves_nothing(drawn):
        drawn = str(drawn)
    result = (drawn, width)
    if len(_shaped_texts) >= _SHAPED_WORDS_LIMIT:
        _shaped_texts.clear()
    _shaped_texts[key] = result
    return result


def _moves_nothing(shaped: Any) -> bool:
    return all(
        data.x_offset == 0 and data.y_offset == 0 and data.x_advance == data.width
        for data in shaped.__shapeData__
    )


_shaped_texts: dict[tuple[str, float, str], tuple[str, float]] = {}


def _shape_each_font_apart(word: Any, *args: Any, **kwargs: Any) -> Any:
    """Shape a word whose letters come from several fonts one font at a time.

    ReportLab shapes a whole word (text between spaces) with the font of its first
    letter, so ``ABCខ្មែរ`` would be drawn with Latin glyph numbers looked up in the
    Khmer font. Splitting the word into single-font pieces keeps every glyph right.
    """
    if isinstance(word, ttfonts.ShapedFragWord):
        return word
    pieces = word[1:]
    font_names = {style.fontName for style, _ in pieces if not hasattr(style, "cbDefn")}
    if font_names <= SIMPLE_FONTS and not any(_has_marks(text) for _, text in pieces):
        return word  # precomposed Latin needs no shaping: spare harfbuzz most words
    if len(pieces) == 1 and type(pieces[0][1]) is str and not hasattr(pieces[0][0], "cbDefn"):
        return _shape_one_piece(word, *args, **kwargs)
    if len(font_names) < 2 or any(hasattr(style, "cbDefn") for style, _ in pieces):
        return _shape_and_learn(word, *args, **kwargs)
    shaped_pieces: list[Any] = []
    total_width = 0.0
    start = 0
    while start < len(pieces):
        end = start + 1
        while end < len(pieces) and pieces[end][0].fontName == pieces[start][0].fontName:
            end += 1
        group = pieces[start:end]
        width = sum(pdfmetrics.stringWidth(text, st.fontName, st.fontSize) for st, text in group)
        shaped = _shape_and_learn([width, *group], force=True)
        total_width += shaped[0]
        shaped_pieces.extend(shaped[1:])
        start = end
    return ttfonts.makeShapedFragWord(word)([total_width, *shaped_pieces])


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
    rl_paragraph.shapeFragWord = _shape_each_font_apart
    textobject.PDFTextObject.setRise = _set_rise  # type: ignore[method-assign]
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
