"""Fonts from the font packages: found, registered once, bold built once and cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate
from sqlite_utils import Database

from signapp.bundled import data_folder
from signapp.core.sample import load_sample_campaign
from signapp.export import shaping
from signapp.export.font_instances import static_instance
from signapp.export.fonts import (
    FONT_SOURCES,
    font_file,
    font_licences,
    font_set,
    licence_file,
)
from signapp.export.markup import MarkupWriter
from signapp.export.paragraphs import text_paragraph
from signapp.export.pdf import export_statement_pdf

REQUIRED_SCRIPTS = (
    "latin",
    "khmer",
    "thai",
    "arabic",
    "myanmar",
    "hebrew",
    "ethiopic",
    "devanagari",
    "bengali",
    "tamil",
    "telugu",
)


@pytest.mark.parametrize("script", REQUIRED_SCRIPTS)
def test_a_font_file_is_installed_for_every_required_script(script: str) -> None:
    path = font_file(FONT_SOURCES[script])
    assert path is not None and path.suffix == ".ttf"
    licence = licence_file(FONT_SOURCES[script])
    assert licence is not None
    assert "SIL Open Font License" in licence.read_text(encoding="utf-8")


@pytest.mark.parametrize("script", REQUIRED_SCRIPTS)
def test_each_font_draws_its_script(script: str) -> None:
    sample = {
        "latin": "Việt",
        "khmer": "ខ្មែរ",
        "thai": "ไทย",
        "arabic": "عربي",
        "myanmar": "မြန်မာ",
        "hebrew": "שלום עכשיו",
        "ethiopic": "የኢትዮጵያ ሴቶች ማኅበር",
        "devanagari": "नेपाल महिला संघ",
        "bengali": "বাংলাদেশ নারী",
        "tamil": "தமிழ் மகளிர்",
        "telugu": "తెలుగు మహిళా",
    }[script]
    name = font_set().font_name(script)
    assert name is not None
    assert all(font_set().covers(name, char) for char in sample)


def test_registering_twice_gives_the_same_font() -> None:
    first = font_set().font_name("khmer", bold=True)
    assert font_set().font_name("khmer", bold=True) == first


def test_bold_is_a_static_instance_built_once_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAPP_FONT_CACHE", str(tmp_path))
    source = font_file(FONT_SOURCES["thai"])
    assert source is not None
    built = static_instance(source, 700)
    assert built.parent == tmp_path
    font = TTFont(str(built))
    assert "fvar" not in font  # static: ReportLab embeds exactly this weight
    assert font["OS/2"].usWeightClass == 700
    assert "W700" in font["name"].getDebugName(6)
    # Filed under its family as the weight it is, for Qt as for ReportLab.
    assert font["name"].getDebugName(1) == "Noto Sans Thai"
    assert font["name"].getDebugName(2) == "Bold"
    stamp = built.stat().st_mtime_ns

    def must_not_rebuild(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the cached instance was built again")

    monkeypatch.setattr("signapp.export.font_instances.instance_data", must_not_rebuild)
    assert static_instance(source, 700) == built
    assert built.stat().st_mtime_ns == stamp


def test_an_instance_from_an_earlier_font_file_is_removed_when_a_new_one_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAPP_FONT_CACHE", str(tmp_path))
    source = font_file(FONT_SOURCES["thai"])
    assert source is not None
    earlier = tmp_path / "NotoSansThai-W700-0123456789ab.ttf"  # an upgraded package's
    other_weight = tmp_path / "NotoSansThai-W400-0123456789ab.ttf"
    other_font = tmp_path / "NotoSansThaiLooped-W700-0123456789ab.ttf"
    for path in (earlier, other_weight, other_font):
        path.write_bytes(b"")

    made = static_instance(source, 700)

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [made.name, other_weight.name, other_font.name]
    )


def test_an_instance_draws_the_same_outlines_as_fonttools_instancer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HarfBuzz makes the instance; fontTools' instancer, 50 times slower, is the reference."""
    from fontTools.varLib import instancer

    monkeypatch.setenv("SIGNAPP_FONT_CACHE", str(tmp_path))
    source = font_file(FONT_SOURCES["khmer"])
    assert source is not None
    made = TTFont(str(static_instance(source, 700)))
    reference = instancer.instantiateVariableFont(TTFont(str(source)), {"wght": 700, "wdth": 100})
    assert made.getGlyphOrder() == reference.getGlyphOrder()
    assert made.getBestCmap() == reference.getBestCmap()
    for glyph_name in reference.getGlyphOrder():
        made_width = made["hmtx"][glyph_name][0]
        assert abs(made_width - reference["hmtx"][glyph_name][0]) <= 1, glyph_name
        made_points = _points(made, glyph_name)
        points = _points(reference, glyph_name)
        assert len(made_points) == len(points), glyph_name
        assert all(
            abs(x - ref_x) <= 1 and abs(y - ref_y) <= 1
            for (x, y), (ref_x, ref_y) in zip(made_points, points, strict=True)
        ), glyph_name


def _points(font: TTFont, glyph_name: str) -> list[tuple[float, float]]:
    table = font["glyf"]
    return list(table[glyph_name].getCoordinates(table)[0])


@pytest.mark.parametrize(
    ("script", "sample"), [("han", "中国劳工"), ("kana", "ひらがな"), ("hangul", "한국")]
)
def test_chinese_japanese_and_korean_fonts_are_part_of_the_default_install(
    script: str, sample: str
) -> None:
    name = font_set().font_name(script)
    assert name is not None
    assert all(font_set().covers(name, char) for char in sample)


def test_the_sample_campaign_prints_its_chinese_name_on_a_default_install(
    db: Database, tmp_path: Path
) -> None:
    """It printed a blank ("Penang River Guardians Association –  (PRGA)") without CJK fonts."""
    summary = load_sample_campaign(db, data_folder() / "sample_campaign.json")
    out = tmp_path / "sample.pdf"
    result = export_statement_pdf(db, summary.statement_id, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Penang River Guardians Association – 槟城河流守护协会 (PRGA)" in text
    assert not [warning for warning in result.lines() if warning.startswith("warning:")]


def test_a_word_mixing_scripts_keeps_every_glyph(tmp_path: Path) -> None:
    """ReportLab alone shapes ``KHRFខ្មែរ`` with the Latin font and prints boxes."""
    writer = MarkupWriter(font_set())
    style = ParagraphStyle("s", fontName=writer.font("latin"))
    out = tmp_path / "mixed.pdf"
    SimpleDocTemplate(str(out)).build([text_paragraph(writer, "KHRFខ្មែរ ok", style)])
    text = PdfReader(out).pages[0].extract_text()
    assert text.startswith("KHRF")
    assert "ខ" in text  # the Khmer consonant came from the Khmer font
    assert text.rstrip().endswith("ok")


def test_shaping_fixes_are_installed_with_the_fonts() -> None:
    from reportlab.pdfgen.textobject import PDFTextObject

    font_set().font_name("khmer")
    assert PDFTextObject.setRise is shaping._set_rise


def test_every_installed_font_is_listed_with_its_open_font_licence() -> None:
    licences = font_licences()
    families = {licence.family for licence in licences}
    assert {
        "NotoSans",
        "NotoSansKhmer",
        "NotoSansThai",
        "NotoSansArabic",
        "NotoSansMyanmar",
        "NotoSansHebrew",
        "NotoSansEthiopic",
        "NotoSansDevanagari",
        "NotoSansBengali",
        "NotoSansTamil",
        "NotoSansTelugu",
    } <= families
    for licence in licences:
        assert "SIL Open Font License" in licence.licence.read_text(encoding="utf-8")


def test_a_subscript_glyph_maps_back_to_its_characters() -> None:
    font = font_set().font_name("khmer")
    assert font is not None
    drawn, _ = shaping.shape_run(font, 10, "ក្នុង", False)
    private = [char for char in drawn if 0xE000 <= ord(char) < 0xF900]
    assert private, "the subscript NO has no character of its own"
    face = shaping._face_name(font)
    assert [shaping._private_texts[(face, ord(char))] for char in private] == ["្ន"]
    cmap = shaping._to_unicode_cmap(f"AAAAAA+{face}", [ord("ក"), ord(private[0])])
    assert "<00> <1780>" in cmap
    assert "<01> <17D21793>" in cmap  # coeng + NO


def test_conjunct_glyphs_map_back_to_the_characters_they_draw() -> None:
    """A conjunct's glyph is named for its letters (``uni0915094D0937`` is क्ष)."""
    font = font_set().font_name("devanagari")
    assert font is not None
    drawn, _ = shaping.shape_run(font, 10, "क्षेत्र", False)
    face = shaping._face_name(font)
    private = [char for char in drawn if 0xE000 <= ord(char) < 0xF900]
    assert [shaping._private_texts.get((face, ord(char))) for char in private] == ["क्ष", "त्र"]


def test_two_unnamed_glyphs_of_one_cluster_are_given_no_guessed_text() -> None:
    """In শক্তি four glyphs draw ক্তি; two have names that say nothing usable, and
    which of them draws which letters is unknown: neither gets a (wrong) text that
    every later word drawn with it would copy out."""
    font = font_set().font_name("bengali")
    assert font is not None
    drawn, _ = shaping.shape_run(font, 10, "শক্তি", False)
    face = shaping._face_name(font)
    texts = [shaping._private_texts.get((face, ord(char))) for char in drawn[1:]]
    assert texts.count(None) == 2
    assert sorted(text for text in texts if text) == ["ক", "ি"]


def test_discretionary_ligatures_stay_off() -> None:
    """With them Hebrew vav and yod were drawn as the Yiddish letter ױ."""
    font = font_set().font_name("hebrew")
    assert font is not None
    drawn, _ = shaping.shape_run(font, 10, "עכשיו", True)
    assert "\u05f1" not in drawn
    assert sorted(drawn) == sorted("עכשיו")
