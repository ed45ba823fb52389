"""Render a statement's Markdown as ReportLab flowables.

The dialect is the preview's: CommonMark with GitHub's tables and strikethrough
(:func:`markdown_parser`, shared with the editor's preview). Only what a statement
needs: headings, paragraphs, bold, italic, strikethrough, links, bullet and numbered
lists, block quotes, tables, rules. Raw HTML in the Markdown is printed as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, Table, TableStyle

from signapp.export.lines import Piece
from signapp.export.markup import MarkupWriter
from signapp.export.paragraphs import TextParagraph

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_COLOUR = "#1f4e8c"
LIST_INDENT = 18.0
TABLE_RULE = HexColor("#888888")


@dataclass(frozen=True)
class TextStyles:
    """The paragraph styles the statement text is set in."""

    body: ParagraphStyle
    headings: Sequence[ParagraphStyle]  # level 1, 2, 3 and deeper
    quote: ParagraphStyle


@dataclass
class _ListLevel:
    ordered: bool
    next_number: int


def safe_link(href: str) -> str | None:
    """The link target if it is an http, https or mailto address, else None."""
    scheme = urlsplit(href.strip()).scheme.lower()
    return href.strip() if scheme in LINK_SCHEMES else None


def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of statements: CommonMark, GFM tables and strikethrough,
    raw HTML shown as text."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_html(markdown: str) -> str:
    """The text as HTML for the editor's preview, in the same dialect as the PDF (raw
    HTML in the text is escaped, so it shows as typed)."""
    return str(markdown_parser().render(markdown))


@dataclass(frozen=True)
class Block:
    """One block of the text: its flowable, its structure role (``H1``, ``P``, ``LI``,
    ``BlockQuote``, ``Table``, ``Artifact``) and its plain text."""

    flowable: Flowable
    role: str
    text: str = ""
    cells: tuple[tuple[Flowable, ...], ...] = ()  # of a table, row by row
    header_rows: int = 0


def _role(heading_level: int, lists: list[_ListLevel], quote_depth: int) -> str:
    """The structure role of a block of text: heading, list item, quotation, paragraph."""
    if heading_level:
        return f"H{heading_level}"
    if lists:
        return "LI"
    return "BlockQuote" if quote_depth else "P"


class MarkdownRenderer:
    """Turns Markdown into flowables, all text escaped and set in per-script fonts."""

    def __init__(self, writer: MarkupWriter, styles: TextStyles) -> None:
        self.writer = writer
        self.styles = styles

    def render(self, markdown: str) -> list[Flowable]:
        """Flowables for ``markdown``, in reading order."""
        return [block.flowable for block in self.blocks(markdown)]

    def blocks(self, markdown: str) -> list[Block]:
        """The blocks of ``markdown`` in reading order, each with its structure role."""
        tokens = markdown_parser().parse(markdown)
        blocks: list[Block] = []
        lists: list[_ListLevel] = []
        quote_depth = 0
        bullet_pending: str | None = None
        heading_level = 0
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1)
                lists.append(_ListLevel(kind == "ordered_list_open", start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                level = lists[-1]
                if level.ordered:
                    bullet_pending = f"{level.next_number}."
                    level.next_number += 1
                else:
                    bullet_pending = "•" if len(lists) % 2 else "–"
            elif kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind == "hr":
                rule = HRFlowable(width="100%", thickness=0.5, spaceBefore=4, spaceAfter=8)
                blocks.append(Block(rule, "Artifact"))
            elif kind == "table_open":
                end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
                style = self._style(0, quote_depth, len(lists))
                blocks.append(self._table(tokens[index:end], style))
                index = end
            elif kind == "inline":
                style = self._style(heading_level, quote_depth, len(lists))
                pieces = self.inline_pieces(token.children or [], bold=heading_level > 0)
                paragraph = TextParagraph(pieces, style, bullet_pending)
                blocks.append(
                    Block(paragraph, _role(heading_level, lists, quote_depth), paragraph.text)
                )
                bullet_pending = None
            elif kind in ("code_block", "fence", "html_block"):
                style = self._style(0, quote_depth, len(lists))
                text = token.content.rstrip("\n")
                blocks.append(Block(TextParagraph(self._plain(text), style, bullet_pending), "P"))
                bullet_pending = None
            index += 1
        return blocks

    def _table(self, tokens: Sequence[Token], style: ParagraphStyle) -> Block:
        """A GFM table: header row in bold, cells wrapped, thin rules."""
        rows: list[list[Flowable]] = []
        header_rows = 0
        in_header = False
        for token in tokens:
            if token.type == "thead_open":
                in_header = True
            elif token.type == "thead_close":
                in_header = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += 1 if in_header else 0
            elif token.type == "inline":
                pieces = self.inline_pieces(token.children or [], bold=in_header)
                rows[-1].append(TextParagraph(pieces, style))
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            row.extend(TextParagraph([], style) for _ in range(width - len(row)))
        table = Table(rows, repeatRows=header_rows, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, TABLE_RULE),
                    ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        table.spaceAfter = style.spaceAfter
        cells = tuple(tuple(row) for row in rows)
        return Block(table, "Table", cells=cells, header_rows=header_rows)

    def _style(self, heading_level: int, quote_depth: int, list_depth: int) -> ParagraphStyle:
        if heading_level:
            headings = self.styles.headings
            base = headings[min(heading_level, len(headings)) - 1]
        else:
            base = self.styles.quote if quote_depth else self.styles.body
        indent = quote_depth * LIST_INDENT + list_depth * LIST_INDENT
        if not indent:
            return base
        return ParagraphStyle(
            f"{base.name}-{quote_depth}-{list_depth}",
            parent=base,
            leftIndent=base.leftIndent + indent,
            bulletIndent=base.leftIndent + indent - LIST_INDENT * 0.8,
        )

    def _plain(self, text: str, *, bold: bool = False, italic: bool = False) -> list[Piece]:
        return [
            Piece(font_name, run)
            for font_name, run in self.writer.pieces(text, bold=bold, italic=italic)
        ]

    def inline_pieces(self, children: Sequence[Token], *, bold: bool = False) -> list[Piece]:
        """The text of one block's inline tokens in reading order, bold, italic and
        links kept; a hard break is a line break, a soft one a space."""
        pieces: list[Piece] = []
        strong = 1 if bold else 0
        emphasis = 0
        struck = 0
        links: list[str | None] = []
        for child in children:
            kind = child.type
            link = next((href for href in reversed(links) if href), None)
            if kind in ("text", "code_inline", "html_inline", "image"):
                runs = self._plain(
                    child.content, bold=strong > 0, italic=emphasis > 0 or kind == "image"
                )
                pieces += [piece._replace(link=link, struck=struck > 0) for piece in runs]
            elif kind in ("softbreak", "hardbreak"):
                separator = "\n" if kind == "hardbreak" else " "
                font_name = pieces[-1].font_name if pieces else self.styles.body.fontName
                pieces.append(Piece(font_name, separator, link))
            elif kind == "link_open":
                links.append(safe_link(str(child.attrGet("href") or "")))
            elif kind == "link_close":
                links.pop()
            else:
                strong += {"strong_open": 1, "strong_close": -1}.get(kind, 0)
                emphasis += {"em_open": 1, "em_close": -1}.get(kind, 0)
                struck += {"s_open": 1, "s_close": -1}.get(kind, 0)
        return pieces
