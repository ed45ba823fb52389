"""Lay out a signed statement as a PDF: text, count lines, numbered signatory list.

Works on plain data (:class:`StatementDocument`), so it knows nothing of the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Spacer,
)

from signapp.core.errors import Cancelled
from signapp.export.fonts import FontSet
from signapp.export.markdown import MarkdownRenderer, TextStyles
from signapp.export.markup import MarkupWriter, MissingGlyphs
from signapp.export.namelist import (
    NUMBER_GAP,
    Heading,
    ListStyle,
    Row,
    SignatoryColumns,
    prepare_name,
)
from signapp.export.paragraphs import text_paragraph
from signapp.export.scripts import LATIN

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

PAGE_MARGIN = 20 * mm
FOOTER_HEIGHT = 12 * mm
FOOTER_BASELINE = PAGE_MARGIN - 8 * mm  # of the title and "page 3 of 12"
GREY = HexColor("#555555")
BLACK = HexColor("#000000")
SPACE_BETWEEN_NAMES = 1.5
PROGRESS_STEP = 500  # names prepared between two progress reports
# Narrower columns, smaller type: names wrap less.
NAME_SIZES = {1: 10.0, 2: 9.5, 3: 8.5}


@dataclass(frozen=True)
class ListedEntry:
    """One organisation as printed: its full display name and its group, if any."""

    text: str
    group: str | None = None


@dataclass(frozen=True)
class StatementDocument:
    """Everything that goes into the PDF, already filtered for publication."""

    title: str
    date_text: str
    texts: Sequence[str]  # Markdown, one per language, in print order
    entries: Sequence[ListedEntry]  # in print order, groups contiguous
    anonymous_count: int
    columns: int = 1
    author: str = ""
    subject: str = ""


@dataclass
class LayoutResult:
    """What the layout produced, for the export summary."""

    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def organisations(count: int) -> str:
    """``1 organisation`` or ``N organisations``, with thousands separated."""
    return f"{count:,} organisation" + ("" if count == 1 else "s")


def count_lines(listed: int, anonymous: int) -> list[str]:
    """The sentences that say how many signed, and how many asked not to be named."""
    if not listed:
        if not anonymous:
            return ["No organisation has signed yet."]
        return [f"{organisations(anonymous)} {_have(anonymous)} signed, asking not to be named."]
    first = f"{organisations(listed)} {_have(listed)} signed"
    if not anonymous:
        return [first + "."]
    return [first + ",", f"and {organisations(anonymous)} that asked not to be named."]


def _have(count: int) -> str:
    return "has" if count == 1 else "have"


class _Styles:
    def __init__(self, writer: MarkupWriter) -> None:
        regular = writer.font(LATIN)
        bold = writer.font(LATIN, bold=True)
        common: dict[str, Any] = {
            "fontName": regular,
            "bulletFontName": regular,
            "shaping": 1,
        }
        self.title = ParagraphStyle("title", fontSize=18, leading=23, spaceAfter=4, **common)
        self.date = ParagraphStyle(
            "date", fontSize=10, leading=13, textColor=GREY, spaceAfter=14, **common
        )
        self.body = ParagraphStyle("body", fontSize=10.5, leading=15, spaceAfter=6, **common)
        self.headings = [
            ParagraphStyle(
                f"h{level}",
                fontSize=size,
                leading=size * 1.3,
                spaceBefore=10,
                spaceAfter=4,
                keepWithNext=1,
                **common,
            )
            for level, size in enumerate((15, 13, 11.5), start=1)
        ]
        self.quote = ParagraphStyle(
            "quote", parent=self.body, leftIndent=14, textColor=HexColor("#333333")
        )
        self.section = ParagraphStyle(
            "section", fontSize=14, leading=18, spaceBefore=14, spaceAfter=6, **common
        )
        self.section.fontName = bold
        self.count = ParagraphStyle("count", fontSize=10.5, leading=14, **common)
        self.group = ParagraphStyle("group", fontSize=10.5, leading=14, spaceBefore=8, **common)
        self.group.fontName = bold
        self.footer = ParagraphStyle("footer", fontSize=8, leading=10, textColor=GREY, **common)

    def text_styles(self) -> TextStyles:
        return TextStyles(body=self.body, headings=self.headings, quote=self.quote)


class _ProgressReport:
    """Counts the work on names, reports progress and honours cancellation.

    Each name counts twice: once when it is prepared (cut into runs and shaped), once
    when it is drawn, so the bar moves through both halves of a long export.
    """

    def __init__(self, names: int, progress: Progress | None, cancel: CancelCheck | None) -> None:
        self.total = 2 * names
        self.done = 0
        self._progress = progress
        self._cancel = cancel

    def advance(self, count: int) -> None:
        self.done += count
        if self._cancel is not None and self._cancel():
            raise Cancelled()
        if self._progress is not None:
            self._progress(self.done, self.total)


class _PagedCanvas(Canvas):
    """Holds the pages back until the end, so each can say "page 3 of 12"."""

    def __init__(self, *args: Any, footer_font: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_font = footer_font
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self._footer_font, 8)
            self.setFillColor(GREY)
            self.drawRightString(
                A4[0] - PAGE_MARGIN,
                FOOTER_BASELINE,
                f"page {self._pageNumber} of {total}",
            )
            super().showPage()
        super().save()


def _page_template(footer: Callable[[Canvas, Any], None]) -> PageTemplate:
    width, height = A4
    bottom = PAGE_MARGIN + FOOTER_HEIGHT - 8 * mm
    frame = Frame(
        PAGE_MARGIN, bottom, width - 2 * PAGE_MARGIN, height - PAGE_MARGIN - bottom, id="body"
    )
    return PageTemplate("page", [frame], onPage=footer)


def _signatory_list(
    document: StatementDocument,
    writer: MarkupWriter,
    styles: _Styles,
    report: _ProgressReport,
) -> SignatoryColumns:
    font_size = NAME_SIZES[document.columns]
    number_font = writer.font(LATIN)
    widest_number = stringWidth(f"{len(document.entries)}.", number_font, font_size)
    list_style = ListStyle(
        font_size=font_size,
        leading=font_size * 1.3,
        space_between=SPACE_BETWEEN_NAMES,
        number_font=number_font,
        indent=widest_number + NUMBER_GAP + 3,
        colour=BLACK,
    )
    rows: list[Row] = []
    number = 0
    for group, members in groupby(document.entries, key=lambda entry: entry.group):
        names = []
        for entry in members:
            number += 1
            names.append(prepare_name(writer, f"{number}.", entry.text, font_size))
            if number % PROGRESS_STEP == 0:
                report.advance(PROGRESS_STEP)
        if group is not None:
            rows.append(
                Heading(
                    text_paragraph(writer, f"{group} ({len(names):,})", styles.group, bold=True),
                    text_paragraph(writer, f"{group} (continued)", styles.group, bold=True),
                )
            )
        rows.extend(names)
    report.advance(number % PROGRESS_STEP)
    return SignatoryColumns(rows, list_style, document.columns, report.advance)


def _story(
    document: StatementDocument,
    writer: MarkupWriter,
    styles: _Styles,
    report: _ProgressReport,
) -> list[Flowable]:
    story: list[Flowable] = [
        text_paragraph(writer, document.title, styles.title, bold=True),
        text_paragraph(writer, document.date_text, styles.date),
    ]
    renderer = MarkdownRenderer(writer, styles.text_styles())
    for index, markdown in enumerate(document.texts):
        if index:
            story.append(
                HRFlowable(width="40%", thickness=0.5, color=GREY, spaceBefore=10, spaceAfter=10)
            )
        story.extend(renderer.render(markdown))
    story.append(CondPageBreak(60 * mm))
    story.append(text_paragraph(writer, "Signatories", styles.section, bold=True))
    for line in count_lines(len(document.entries), document.anonymous_count):
        story.append(text_paragraph(writer, line, styles.count))
    story.append(Spacer(1, 8))
    if document.entries:
        story.append(_signatory_list(document, writer, styles, report))
    return story


def write_statement_pdf(
    document: StatementDocument,
    out: Path | BinaryIO,
    fonts: FontSet,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> LayoutResult:
    """Lay out ``document`` and write it to ``out`` (a file path or a binary stream)."""
    missing = MissingGlyphs()
    writer = MarkupWriter(fonts, missing)
    styles = _Styles(writer)
    report = _ProgressReport(len(document.entries), progress, cancel)
    story = _story(document, writer, styles, report)

    def footer(canvas: Canvas, _doc: Any) -> None:
        title = text_paragraph(writer, document.title, styles.footer)
        _, height = title.wrap(A4[0] - 2 * PAGE_MARGIN - 30 * mm, FOOTER_HEIGHT)
        title.drawOn(canvas, PAGE_MARGIN, FOOTER_BASELINE + styles.footer.fontSize - height)

    doc = BaseDocTemplate(
        out if not isinstance(out, Path) else str(out),
        pagesize=A4,
        title=document.title,
        subject=document.subject,
        author=document.author,
        creator="signapp",
        # Without an initial font ReportLab names Helvetica, a font it does not embed.
        initialFontName=styles.footer.fontName,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN,
    )
    doc.addPageTemplates([_page_template(footer)])
    footer_font = styles.footer.fontName

    def canvas_maker(*args: Any, **kwargs: Any) -> _PagedCanvas:
        return _PagedCanvas(*args, footer_font=footer_font, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    if progress is not None and not document.entries:
        progress(0, 0)
    return LayoutResult(pages=doc.page, warnings=missing.warnings())
