"""Right-to-left paragraphs: reading order kept, lines drawn from the right margin."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.lib.styles import ParagraphStyle

from signapp.export.fonts import font_set
from signapp.export.layout import (
    SIDE_MARGIN,
    ListedEntry,
    StatementDocument,
    write_statement_pdf,
)
from signapp.export.lines import Piece
from signapp.export.markup import MarkupWriter
from signapp.export.paragraphs import TextParagraph, mirrored_bullet

ARABIC = (
    "نحن، المنظمات الموقعة أدناه، ندعو إلى الإفراج عن جميع المدافعين عن حقوق الإنسان "
    "المحتجزين، وإلى احترام حرية التعبير وحرية التجمع السلمي في كل مكان. تقرير منظمة "
    "Human Rights Watch لعام 2024 يوثق هذه الانتهاكات."
)


def _paragraph(text: str, width: float = 300) -> TextParagraph:
    writer = MarkupWriter(font_set())
    style = ParagraphStyle("p", fontName=writer.font("latin"), fontSize=10, leading=14)
    pieces = [Piece(*piece) for piece in writer.pieces(text)]
    paragraph = TextParagraph(pieces, style)
    paragraph.wrap(width, 1000)
    return paragraph


def test_a_paragraph_starting_with_arabic_reads_right_to_left() -> None:
    assert _paragraph(ARABIC).prepared.right_to_left
    assert not _paragraph("Human Rights Watch: " + ARABIC).prepared.right_to_left


def test_lines_are_filled_in_reading_order() -> None:
    paragraph = _paragraph(ARABIC)
    lines = paragraph._layout(300)
    assert len(lines) > 1
    # each line's first span (drawn leftmost) is the end of that line in reading order
    first_line_text = "".join(
        span.actual[::-1] if span.actual else span.drawn for span in reversed(lines[0].spans)
    )
    assert first_line_text.startswith("نحن، المنظمات")


def test_it_splits_between_lines() -> None:
    paragraph = _paragraph(ARABIC, 200)
    lines = len(paragraph._layout(200))
    head, tail = paragraph.split(200, 14 * 2)
    assert head.wrap(200, 1000)[1] == 28
    assert tail.wrap(200, 1000)[1] == (lines - 2) * 14


def test_list_numbers_read_right_to_left() -> None:
    assert mirrored_bullet("3.") == ".3"
    assert mirrored_bullet("•") == "•"


def _statement_pdf(text: str, out: Path, title: str = "Statement", name: str = "One Org") -> Path:
    document = StatementDocument(
        title=title,
        date_text="",
        texts=[text],
        entries=[ListedEntry(name)],
        anonymous_count=0,
    )
    write_statement_pdf(document, out, font_set())
    return out


def test_an_arabic_statement_is_set_from_the_right_margin(tmp_path: Path) -> None:
    text = f"# بيان مشترك\n\n{ARABIC}\n\nAn English paragraph stays on the left."
    with pdfplumber.open(_statement_pdf(text, tmp_path / "ar.pdf")) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        right_margin = page.width - SIDE_MARGIN
        human = next(w for w in words if w["text"] == "Human")
        rights = next(w for w in words if w["text"] == "Rights")
        assert human["x0"] < rights["x0"]  # Latin inside keeps its order
        arabic_lines = [w for w in words if w["top"] < human["top"] and w["top"] > 100]
        assert max(w["x1"] for w in arabic_lines) > right_margin - 2
        english = next(w for w in words if w["text"] == "English")
        assert english["x0"] < SIDE_MARGIN + 25  # left-to-right text still starts at the left


def test_a_hebrew_paragraph_runs_right_to_left_with_its_brackets_mirrored(
    tmp_path: Path,
) -> None:
    text = "שלום עכשיו (תנועה) דורשת צדק לכולם."
    with pdfplumber.open(_statement_pdf(text, tmp_path / "he.pdf")) as pdf:
        page = pdf.pages[0]
        hebrew = sorted(
            (char for char in page.chars if "NotoSansHebrew" in char["fontname"]),
            key=lambda char: char["x0"],
        )
        right_margin = page.width - SIDE_MARGIN
    drawn = "".join(char["text"] for char in hebrew)
    words = drawn.split()
    # The first word is rightmost, each word's letters drawn right to left.
    assert [word[::-1] for word in reversed(words)][:2] == ["שלום", "עכשיו"]
    # The opening bracket stands on the right, turned to face the word it opens.
    assert "(העונת)" in words
    assert max(char["x1"] for char in hebrew) > right_margin - 2


def test_a_number_inside_a_right_to_left_word_reads_left_to_right(tmp_path: Path) -> None:
    """Harfbuzz lays out a whole word right to left: ``ב-2024`` came out as 4202-ב."""
    out = _statement_pdf("Text.", tmp_path / "numbers.pdf", "הצהרה ב-2024", "קבוצת ה-20")
    with pdfplumber.open(out) as pdf:
        lines = pdf.pages[0].extract_text_lines()
    drawn = [
        "".join(char["text"] for char in sorted(line["chars"], key=lambda c: c["x0"]))
        for line in lines
    ]
    assert any(line.startswith("2024-ב") for line in drawn), drawn
    assert any("20-ה" in line for line in drawn), drawn


def test_signs_after_a_number_in_right_to_left_flow_stand_on_its_left(tmp_path: Path) -> None:
    """``בשנת 2024. הוא`` draws the full stop left of 2024, before the next word."""
    text = "נוסד בשנת 2024. הוא פועל מאז (1999), עד היום."
    with pdfplumber.open(_statement_pdf(text, tmp_path / "he.pdf")) as pdf:
        line = next(
            line
            for line in pdf.pages[0].extract_text_lines()
            if "NotoSansHebrew" in line["chars"][0]["fontname"]
        )
    drawn = "".join(char["text"] for char in sorted(line["chars"], key=lambda c: c["x0"]))
    # Left to right, without the spaces: הוא, then .2024, then בשנת (letters reversed).
    assert "אוה.2024תנשב" in drawn
    assert ",(1999)זאמ" in drawn  # the brackets turned, the comma left of them


def _drawn(text: str) -> str:
    """The line's characters as drawn from left to right (a right-to-left span's text
    is given in drawing order)."""
    (line,) = _paragraph(text, 1000)._layout(1000)
    return "".join(span.actual or span.drawn for span in line.spans)


def test_a_hebrew_word_with_a_number_in_an_english_sentence_is_drawn_2024_first() -> None:
    drawn = _drawn("The group ב-2024 met.")
    assert "2024-ב" in drawn


def test_an_arabic_comma_after_a_number_stands_left_of_it(tmp_path: Path) -> None:
    out = _statement_pdf("منذ عام 2024، دون سند", tmp_path / "comma.pdf")
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "،2"]
    comma = next(c for c in chars if c["text"] == "،")
    two = next(c for c in chars if c["text"] == "2")
    assert comma["x1"] <= two["x0"] + 0.5  # drawn on the number's left, next to it
    assert two["x0"] - comma["x1"] < 2
