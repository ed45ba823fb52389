"""Statement Markdown rendered as flowables, its text escaped and links checked."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import HRFlowable

from signapp.export.fonts import font_set
from signapp.export.markdown import MarkdownRenderer, TextStyles, safe_link
from signapp.export.markup import MarkupWriter
from signapp.export.paragraphs import TextParagraph


def _renderer() -> tuple[MarkdownRenderer, MarkupWriter]:
    writer = MarkupWriter(font_set())
    body = ParagraphStyle("body", fontName=writer.font("latin"))
    headings = [ParagraphStyle(f"h{level}", parent=body) for level in (1, 2, 3)]
    quote = ParagraphStyle("quote", parent=body)
    return MarkdownRenderer(writer, TextStyles(body, headings, quote)), writer


def _paragraphs(markdown: str) -> list[TextParagraph]:
    renderer, _ = _renderer()
    return [f for f in renderer.render(markdown) if isinstance(f, TextParagraph)]


def test_headings_paragraphs_bold_and_italic() -> None:
    renderer, writer = _renderer()
    flowables = renderer.render("# Title\n\nPlain **strong** and *soft*.\n\n---\n")
    title, body = (f for f in flowables if isinstance(f, TextParagraph))
    assert title.style.name == "h1"
    assert {piece.font_name for piece in title.prepared.pieces} == {writer.font("latin", bold=True)}
    fonts = {p.text.strip(): p.font_name for p in body.prepared.pieces if p.text.strip()}
    assert fonts["strong"] == writer.font("latin", bold=True)
    assert fonts["soft"] == writer.font("latin", italic=True)
    assert fonts["Plain"] == writer.font("latin")
    assert any(isinstance(f, HRFlowable) for f in flowables)


def test_lists_are_bulleted_and_numbered_and_nested_deeper() -> None:
    items = _paragraphs("3. three\n4. four\n   - inner\n")
    assert [p.bullet for p in items] == ["3.", "4.", "–"]
    assert items[2].style.leftIndent > items[0].style.leftIndent


def test_block_quotes_are_indented() -> None:
    body, quote = _paragraphs("plain\n\n> quoted\n")
    assert quote.style.leftIndent > body.style.leftIndent


def test_html_and_markup_in_the_text_print_literally() -> None:
    (paragraph,) = _paragraphs('Say <b>no</b> & <font size="60">x</font>')
    assert paragraph.text == 'Say <b>no</b> & <font size="60">x</font>'
    assert {piece.font_name for piece in paragraph.prepared.pieces} == {paragraph.style.fontName}


def test_only_web_and_mail_links_become_links() -> None:
    (paragraph,) = _paragraphs(
        '[site](https://example.org/a?b=1&c="x") [mail](mailto:a@example.org) '
        "[bad](javascript:alert(1)) [file](file:///etc/passwd)"
    )
    links = {piece.text: piece.link for piece in paragraph.prepared.pieces}
    assert links["site"] == "https://example.org/a?b=1&c=%22x%22"
    assert links["mail"] == "mailto:a@example.org"
    assert links.get("bad") is None and links.get("file") is None


def test_safe_link() -> None:
    assert safe_link(" https://example.org ") == "https://example.org"
    assert safe_link("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("data:text/html,x") is None
