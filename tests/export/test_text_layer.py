"""The PDF's text reads back as typed (poppler's pdftotext), in every script printed.

Shaped glyphs (a Khmer subscript, Arabic forms, a Thai vowel moved over its tone
mark) cannot say which characters they draw; each shaped span carries /ActualText.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from signapp.export.fonts import font_set
from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf
from tests.export.long_texts import ARABIC, BURMESE, KHMER, LAO, THAI

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")

# One name per script the app prints, typed as a signatory would.
NAMES = {
    "latin": "Hội Liên hiệp Phụ nữ – Ärzte für Menschenrechte",
    "khmer": "សម្ព័ន្ធខ្មែរការពារសិទ្ធិមនុស្សនិងលំនៅឋាន",
    "thai": "เครือข่ายน้ำและป่าเพื่อชุมชนน่าน",
    "lao": "ສະມາຄົມພັດທະນາຊຸມຊົນລາວ",
    "myanmar": "မြန်မာ့လူ့အခွင့်အရေးကွန်ရက်ဖောင်ဒေးရှင်း",
    "arabic": "جمعية حقوق الإنسان",
    "hebrew": "שלום עכשיו",
    "ethiopic": "የኢትዮጵያ ሴቶች ማኅበር",
    "devanagari": "राष्ट्रीय महिला शक्ति संगठन",
    "bengali": "বাংলাদেশ নারী শক্তি",
    "tamil": "தமிழ் மகளிர் சங்கம்",
    "telugu": "తెలుగు స్త్రీ శక్తి",
    "georgian": "საქართველოს ქალთა კავშირი",
    "armenian": "Հայաստանի կանանց միություն",
    "sinhala": "ශ්‍රී ලංකා කාන්තා සංගමය",
    "gujarati": "ગુજરાત સ્ત્રી શક્તિ",
    "gurmukhi": "ਪੰਜਾਬ ਇਸਤਰੀ ਸਭਾ",
    "kannada": "ಕರ್ನಾಟಕ ಮಹಿಳಾ ಸಂಘ",
    "malayalam": "കേരള സ്ത്രീ ശക്തി",
    "oriya": "ଓଡ଼ିଶା ମହିଳା ସଂଘ",
    "han": "中国劳工通讯",
    "kana": "ひらがなカタカナ協会",
    "hangul": "한국여성단체연합",
}


def poppler_text(path: Path) -> str:
    """What pdftotext reads, without the direction marks it adds, in NFC."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for mark in "\u202a\u202b\u202c":
        text = text.replace(mark, "")
    return unicodedata.normalize("NFC", text)


def _flat(text: str) -> str:
    return "".join(text.split())


def _pdf(out: Path, texts: list[str], names: list[str], columns: int = 1) -> Path:
    document = StatementDocument(
        title="Statement",
        date_text="",
        texts=texts,
        entries=[ListedEntry(name) for name in names],
        anonymous_count=0,
        columns=columns,
    )
    write_statement_pdf(document, out, font_set())
    return out


def _no_private_use(text: str) -> bool:
    return not any(0xE000 <= ord(char) <= 0xF8FF for char in text)


@pytest.mark.parametrize("columns", [1, 3])
def test_every_name_reads_back_as_typed(tmp_path: Path, columns: int) -> None:
    names = [name for script, name in NAMES.items() if font_set().available(script)]
    # Right-to-left names on their own page: poppler orders a page's words by its
    # prevailing direction, as it would for any PDF.
    left_to_right = [name for name in names if not _right_to_left(name)]
    right_to_left = [name for name in names if _right_to_left(name)]
    for chosen in (left_to_right, right_to_left):
        text = poppler_text(_pdf(tmp_path / "names.pdf", ["Text."], chosen * 3, columns))
        assert _no_private_use(text)
        lines = {" ".join(line.split()) for line in text.splitlines()}
        for name in chosen:
            # each name is on one line here, or its wrapped parts read in order
            assert name in lines or _flat(name) in _flat(text), name


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


@pytest.mark.parametrize(
    "paragraph", [KHMER, THAI, BURMESE, LAO], ids=["khmer", "thai", "burmese", "lao"]
)
def test_a_long_paragraph_without_spaces_reads_back_as_typed(
    tmp_path: Path, paragraph: str
) -> None:
    text = poppler_text(_pdf(tmp_path / "p.pdf", [paragraph], ["One Org"]))
    assert _no_private_use(text)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) > 3  # it was broken into lines
    assert _flat(paragraph) in _flat(text)  # every line break between words, none lost


def _arabic_words(text: str) -> list[str]:
    """The words of ``text`` made of Arabic letters, signs and digits left out."""
    words = (
        "".join(c for c in word if unicodedata.bidirectional(c) == "AL") for word in text.split()
    )
    return [word for word in words if word]


def test_an_arabic_paragraph_reads_back_in_reading_order(tmp_path: Path) -> None:
    """Every Arabic word reads back, in reading order. (poppler puts a comma or a
    number next to a space on the other side of it: its own reordering of the line.)"""
    arabic_only = ARABIC.split(". ", 1)[1]  # the sentences without Latin names
    text = poppler_text(_pdf(tmp_path / "ar.pdf", [arabic_only], ["جمعية حقوق الإنسان"]))
    assert _no_private_use(text)
    assert " ".join(_arabic_words(arabic_only)) in " ".join(_arabic_words(text))


def test_direction_controls_and_invisible_characters_draw_nothing(tmp_path: Path) -> None:
    name = "Alpha\u2067جمعية\u2069 Beta\u2060Gamma\u202eDelta\u202c"
    out = _pdf(tmp_path / "controls.pdf", ["Text."], [name])
    text = poppler_text(out)
    assert "AlphaجمعيةBetaGammaDelta" in text.replace(" ", "")
    assert "BetaGamma" in text  # the word joiner leaves no gap
    assert _no_private_use(text) and "\ufffd" not in text
