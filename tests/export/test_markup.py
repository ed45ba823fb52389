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
    writer.pieces("ⵜⴰⵎⴰⵣⵉⵖⵜ Women")  # Tifinagh: no font, no transliteration
    writer.pieces("ⵜⴰⵎⴰⵣⵉⵖⵜ Youth")

    assert writer.missing.warnings() == [
        "Tifinagh letters have no installed font: 6 different letter(s) are missing from "
        "the PDF in 'ⵜⴰⵎⴰⵣⵉⵖⵜ Women', 'ⵜⴰⵎⴰⵣⵉⵖⵜ Youth'. Give these a "
        "printed name in Latin letters.",
    ]


def test_scripts_without_a_font_print_in_latin_letters_and_say_so() -> None:
    writer = _writer()
    assert writer.pieces("ދިވެހި Union") == [
        (writer.font("latin"), "divehi "),
        (writer.font("latin"), "Union"),
    ]
    assert writer.pieces("ܐܪܡܝܐ Women")[0][1] == "ʾrmyʾ "
    assert writer.missing.warnings() == [
        "Syriac letters are printed in Latin letters: no Syriac font can be installed "
        "with signapp. Printed so: 'ܐܪܡܝܐ Women' (ʾrmyʾ).",
        "Thaana letters are printed in Latin letters: no Thaana font can be installed "
        "with signapp. Printed so: 'ދިވެހި Union' (divehi).",
    ]


def test_georgian_armenian_sinhala_and_more_indic_scripts_print_in_their_own_fonts() -> None:
    writer = _writer()
    for name, script in (
        ("ქართული Union", "georgian"),
        ("Հայաստան Women", "armenian"),
        ("ශ්‍රී ලංකා කාන්තා", "sinhala"),
        ("ગુજરાત મહિલા", "gujarati"),
        ("ਪੰਜਾਬ ਮਹਿਲਾ", "gurmukhi"),
        ("ಕನ್ನಡ ಮಹಿಳಾ", "kannada"),
        ("കേരള വനിത", "malayalam"),
        ("ଓଡ଼ିଶା ମହିଳା", "oriya"),
    ):
        pieces = writer.pieces(name)
        assert pieces[0][0] == writer.font(script), name
    assert writer.missing.warnings() == []


def test_emoji_make_one_note_whatever_their_kind() -> None:
    writer = _writer()
    for name in ("Youth 😀 Club ✊🏽", "Flags 🇰🇭 ❤️ Union", "Party 🎉"):
        writer.pieces(name)
    (warning,) = writer.missing.warnings()
    assert warning.startswith("Emoji are left out of the PDF, which has no emoji font:")
    assert "'Party 🎉'" in warning


def test_many_texts_missing_letters_are_counted_not_all_listed() -> None:
    writer = _writer()
    for number in range(5):
        writer.pieces(f"ⵜⴰⵎⴰⵣⵉⵖⵜ Union {number}")

    (warning,) = writer.missing.warnings()
    assert "'ⵜⴰⵎⴰⵣⵉⵖⵜ Union 2' and 2 more." in warning


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
