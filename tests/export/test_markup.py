"""Text from the database as paragraph markup: escaped, one font per script run."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from signapp.export.fonts import font_set
from signapp.export.markup import BREAK_OPPORTUNITY, MarkupWriter, clean_text


def _writer() -> MarkupWriter:
    return MarkupWriter(font_set())


def test_markup_characters_are_escaped() -> None:
    markup = _writer().text("Women & Children <Rights> Org <font size=60>x</font>")
    assert "&amp;" in markup
    assert "&lt;Rights&gt;" in markup
    assert "<font size=60>" not in markup


def test_a_paragraph_of_escaped_markup_reads_back_as_typed() -> None:
    writer = _writer()
    style = ParagraphStyle("s", fontName=writer.font("latin"))
    name = 'A & B <b>bold</b> "quoted" <font size=60>big</font>'
    paragraph = Paragraph(writer.text(name), style)
    assert "".join(frag.text for frag in paragraph.frags) == name
    assert {frag.fontSize for frag in paragraph.frags} == {style.fontSize}


def test_each_script_run_gets_its_own_font() -> None:
    writer = _writer()
    markup = writer.text("Youth Forum វេទិកា เครือข่าย")
    fonts = re.findall(r'<font name="([^"]+)">', markup)
    assert fonts == [writer.font("latin"), writer.font("khmer"), writer.font("thai")]


def test_bold_and_italic_pick_their_faces() -> None:
    writer = _writer()
    assert writer.font("latin", bold=True) != writer.font("latin")
    assert writer.font("latin", italic=True) != writer.font("latin")
    assert writer.font("khmer", bold=True) != writer.font("khmer")
    # no italic Khmer exists: the upright face is used
    assert writer.font("khmer", italic=True) == writer.font("khmer")


def test_zero_width_space_becomes_a_silent_line_break_opportunity() -> None:
    markup = _writer().text("សង្គម\u200bស៊ីវិល")
    assert BREAK_OPPORTUNITY in markup
    assert "\u200b" not in markup


def test_text_no_font_can_draw_is_reported_by_writing_system_with_the_names() -> None:
    writer = _writer()
    writer.text("ලංකා Sri Lankan Women")  # Sinhala and Georgian: no font shipped for them
    writer.text("ქართული Georgian Union")
    writer.text("ලංකා Sri Lankan Youth")

    assert writer.missing.warnings() == [
        "Georgian letters have no installed font: 7 different letter(s) are missing from "
        "the PDF in 'ქართული Georgian Union'.",
        "Sinhala letters have no installed font: 4 different letter(s) are missing from "
        "the PDF in 'ලංකා Sri Lankan Women', 'ලංකා Sri Lankan Youth'.",
    ]


def test_many_texts_missing_letters_are_counted_not_all_listed() -> None:
    writer = _writer()
    for number in range(5):
        writer.text(f"ქართული Union {number}")

    (warning,) = writer.missing.warnings()
    assert "'ქართული Union 2' and 2 more." in warning


def test_scripts_with_fonts_report_nothing() -> None:
    writer = _writer()
    writer.text("Hội Liên hiệp – សម្ព័ន្ធ – เครือข่าย – جمعية – မြန်မာ")
    writer.text("שלום עכשיו – የኢትዮጵያ ሴቶች ማኅበር – नेपाल महिला संघ")
    writer.text("বাংলাদেশ নারী – தமிழ் மகளிர் – తెలుగు మహిళా")
    assert writer.missing.warnings() == []


def test_control_characters_are_dropped_and_text_is_nfc() -> None:
    assert clean_text("a\x00b\x1bc") == "abc"
    assert clean_text("Vie\u0323\u0302t") == "Việt"
    assert clean_text("line\nbreak") == "line\nbreak"
