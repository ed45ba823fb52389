"""Text from the database in runs of one script, each in its font, never markup."""

from __future__ import annotations

from signapp.export.fonts import font_set
from signapp.export.markup import MarkupWriter, clean_text


def _writer() -> MarkupWriter:
    return MarkupWriter(font_set())


def test_markup_in_a_name_is_kept_as_text() -> None:
    name = 'A & B <b>bold</b> "quoted" <font size=60>big</font>'
    assert _writer().pieces(name) == [(_writer().font("latin"), name)]


def test_each_script_run_gets_its_own_font() -> None:
    writer = _writer()
    fonts = [font for font, _ in writer.pieces("Youth Forum វេទិកា เครือข่าย ລາວ")]
    assert fonts == [
        writer.font("latin"),
        writer.font("khmer"),
        writer.font("thai"),
        writer.font("lao"),
    ]
    assert writer.font("lao") != writer.font("latin")  # Lao has its installed font


def test_bold_and_italic_pick_their_faces() -> None:
    writer = _writer()
    assert writer.font("latin", bold=True) != writer.font("latin")
    assert writer.font("latin", italic=True) != writer.font("latin")
    assert writer.font("khmer", bold=True) != writer.font("khmer")
    # no italic Khmer exists: the upright face is used
    assert writer.font("khmer", italic=True) == writer.font("khmer")


def test_text_no_font_can_draw_is_reported_by_writing_system_with_the_names() -> None:
    writer = _writer()
    writer.pieces("ලංකා Sri Lankan Women")  # Sinhala and Georgian: no font shipped for them
    writer.pieces("ქართული Georgian Union")
    writer.pieces("ලංකා Sri Lankan Youth")

    assert writer.missing.warnings() == [
        "Georgian letters have no installed font: 7 different letter(s) are missing from "
        "the PDF in 'ქართული Georgian Union'.",
        "Sinhala letters have no installed font: 4 different letter(s) are missing from "
        "the PDF in 'ලංකා Sri Lankan Women', 'ලංකා Sri Lankan Youth'.",
    ]


def test_many_texts_missing_letters_are_counted_not_all_listed() -> None:
    writer = _writer()
    for number in range(5):
        writer.pieces(f"ქართული Union {number}")

    (warning,) = writer.missing.warnings()
    assert "'ქართული Union 2' and 2 more." in warning


def test_scripts_with_fonts_report_nothing() -> None:
    writer = _writer()
    writer.pieces("Hội Liên hiệp – សម្ព័ន្ធ – เครือข่าย – جمعية – မြန်မာ")
    writer.pieces("שלום עכשיו – የኢትዮጵያ ሴቶች ማኅበር – नेपाल महिला संघ")
    writer.pieces("বাংলাদেশ নারী – தமிழ் மகளிர் – తెలుగు మహిళా")
    assert writer.missing.warnings() == []


def test_control_characters_are_dropped_and_text_is_nfc() -> None:
    assert clean_text("a\x00b\x1bc") == "abc"
    assert clean_text("Vie\u0323\u0302t") == "Việt"
    assert clean_text("line\nbreak") == "line\nbreak"
