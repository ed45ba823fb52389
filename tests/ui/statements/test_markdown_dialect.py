"""The preview and the PDF read the same Markdown: tables, strikethrough, raw HTML."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pytestqt.qtbot import QtBot

from signapp.export.fonts import font_set
from signapp.export.layout import StatementDocument, write_statement_pdf
from signapp.ui.statements.editor import LanguagePane

TEXT = """# Demands

| Demand | By |
|---|---|
| Repeal the law | ~~May~~ June |

Raw <b>tags</b> stay text. See [the report](https://example.org/report).
"""


def test_the_preview_formats_what_the_pdf_formats(qtbot: QtBot, tmp_path: Path) -> None:
    pane = LanguagePane("en", TEXT)
    qtbot.addWidget(pane)
    shown = pane.preview.toPlainText()
    assert "|" not in shown and "~~" not in shown  # a table and struck text, not signs
    assert "Raw <b>tags</b> stay text." in shown
    assert 'line-through;">May</span> June' in pane.preview.toHtml()
    document = StatementDocument("Demands", "", [TEXT], [], 0)
    out = tmp_path / "t.pdf"
    write_statement_pdf(document, out, font_set())
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        printed = page.extract_text()
        lines = page.lines + page.rects
        links = [link["uri"] for link in page.hyperlinks]
        may = next(word for word in page.extract_words() if word["text"] == "May")
    assert "|" not in printed and "~~" not in printed
    assert "Repeal the law" in printed and "Raw <b>tags</b> stay text." in printed
    assert links == ["https://example.org/report"]
    struck = [
        line
        for line in lines
        if abs(line["top"] - (may["top"] + may["bottom"]) / 2) < 3
        and line["x0"] <= may["x0"] + 1
        and line["x1"] >= may["x1"] - 1
        and line["height"] < 1
    ]
    assert struck, "May is struck through in the PDF"


def test_a_link_in_a_right_to_left_paragraph_prints_as_a_link(tmp_path: Path) -> None:
    text = "نطالب بالإفراج عن المدافعين. اقرأ [التقرير الكامل](https://example.org/ar) الآن.\n"
    out = tmp_path / "ar.pdf"
    write_statement_pdf(StatementDocument("بيان", "", [text], [], 0), out, font_set())
    with pdfplumber.open(out) as pdf:
        links = [link["uri"] for link in pdf.pages[0].hyperlinks]
    assert set(links) == {"https://example.org/ar"}  # one area per drawn run
