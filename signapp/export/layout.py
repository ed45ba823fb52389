"""Lay out a signed statement as a PDF: text, count lines, numbered signatory list.

Works on plain data (:class:`StatementDocument`), so it knows nothing of the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

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
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from signapp.core.errors import Cancelled
from signapp.export.fonts import FontSet
from signapp.export.markdown import MarkdownRenderer, TextStyles
from signapp.export.markup import MarkupWriter, MissingGlyphs
from signapp.export.scripts import LATIN

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

PAGE_MARGIN = 20 * mm
FOOTER_HEIGHT = 12 * mm
COLUMN_GAP = 6 * mm
GREY = HexColor("#555555")
PROGRESS_STEP = 250


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
    first = f"{organisations(listed)} {'has' if listed == 1 else 'have'} signed"
    if not anonymous:
        return [first + "."]
    return [first + ",", f"and {organisations(anonymous)} that asked not to be named."]


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
        self.group = ParagraphStyle(
            "group",
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
            **common,
        )
        self.group.fontName = bold
        name_common = dict(common, fontSize=9.5, leading=12.5, spaceAfter=1.5)
        self.name_plain = ParagraphStyle("name-plain", **dict(name_common, shaping=0))
        self.name_shaped = ParagraphStyle("name-shaped", **name_common)
        self.footer = ParagraphStyle("footer", fontSize=8, leading=10, textColor=GREY, **common)

    def text_styles(self) -> TextStyles:
        return TextStyles(body=self.body, headings=self.headings, quote=self.quote)


class _NamedFlowable(Paragraph):
    """A signatory's line; counted as it is laid out, for progress and cancellation."""

    is_signatory = True


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
                PAGE_MARGIN - 8 * mm,
                f"page {self._pageNumber} of {total}",
            )
            super().showPage()
        super().save()


class _StatementDoc(BaseDocTemplate):
    def __init__(
        self,
        filename: str,
        *,
        total_names: int,
        progress: Progress | None,
        cancel: CancelCheck | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(filename, **kwargs)
        self._total_names = total_names
        self._names_done = 0
        self._progress = progress
        self._cancel = cancel

    def afterFlowable(self, flowable: Flowable) -> None:
        if not getattr(flowable, "is_signatory", False):
            return
        self._names_done += 1
        if self._names_done % PROGRESS_STEP and self._names_done != self._total_names:
            return
        if self._cancel is not None and self._cancel():
            raise Cancelled()
        if self._progress is not None:
            self._progress(self._names_done, self._total_names)


def _page_templates(
    document: StatementDocument, footer: Callable[[Canvas, Any], None]
) -> list[PageTemplate]:
    width, height = A4
    body_width = width - 2 * PAGE_MARGIN
    body_height = height - 2 * PAGE_MARGIN - FOOTER_HEIGHT + 8 * mm
    bottom = PAGE_MARGIN + FOOTER_HEIGHT - 8 * mm
    text_frame = Frame(PAGE_MARGIN, bottom, body_width, body_height, id="text")
    templates = [PageTemplate("text", [text_frame], onPage=footer)]
    if document.columns > 1:
        column_width = (body_width - COLUMN_GAP * (document.columns - 1)) / document.columns
        frames = [
            Frame(
                PAGE_MARGIN + index * (column_width + COLUMN_GAP),
                bottom,
                column_width,
                body_height,
                id=f"column{index}",
            )
            for index in range(document.columns)
        ]
        templates.append(PageTemplate("columns", frames, onPage=footer))
    return templates


def _signatory_flowables(
    document: StatementDocument, writer: MarkupWriter, styles: _Styles
) -> Iterator[Flowable]:
    widest_number = stringWidth(f"{len(document.entries):,}.", styles.name_plain.fontName, 9.5)
    indent = widest_number + 8
    plain = ParagraphStyle("name-plain-n", parent=styles.name_plain, leftIndent=indent)
    shaped = ParagraphStyle("name-shaped-n", parent=styles.name_shaped, leftIndent=indent)
    number = 0
    for group, members in groupby(document.entries, key=lambda entry: entry.group):
        group_entries = list(members)
        if group is not None:
            yield Paragraph(
                f"{writer.text(group, bold=True)} ({len(group_entries):,})", styles.group
            )
        for entry in group_entries:
            number += 1
            if entry.text.isascii():
                yield _NamedFlowable(writer.plain(entry.text), plain, bulletText=f"{number}.")
            else:
                yield _NamedFlowable(writer.text(entry.text), shaped, bulletText=f"{number}.")


def _story(document: StatementDocument, writer: MarkupWriter, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(writer.text(document.title, bold=True), styles.title),
        Paragraph(writer.text(document.date_text), styles.date),
    ]
    renderer = MarkdownRenderer(writer, styles.text_styles())
    for index, markdown in enumerate(document.texts):
        if index:
            story.append(
                HRFlowable(width="40%", thickness=0.5, color=GREY, spaceBefore=10, spaceAfter=10)
            )
        story.extend(renderer.render(markdown))
    story.append(CondPageBreak(60 * mm))
    story.append(Paragraph(writer.text("Signatories", bold=True), styles.section))
    for line in count_lines(len(document.entries), document.anonymous_count):
        story.append(Paragraph(writer.text(line), styles.count))
    story.append(Spacer(1, 8))
    if document.columns > 1 and document.entries:
        story.extend([NextPageTemplate("columns"), PageBreak()])
    story.extend(_signatory_flowables(document, writer, styles))
    return story


def write_statement_pdf(
    document: StatementDocument,
    out_path: Path,
    fonts: FontSet,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> LayoutResult:
    """Lay out ``document`` and write it to ``out_path``."""
    missing = MissingGlyphs()
    writer = MarkupWriter(fonts, missing)
    styles = _Styles(writer)
    story = _story(document, writer, styles)
    title_markup = writer.text(document.title)

    def footer(canvas: Canvas, _doc: Any) -> None:
        title = Paragraph(title_markup, styles.footer)
        _, height = title.wrap(A4[0] - 2 * PAGE_MARGIN - 30 * mm, FOOTER_HEIGHT)
        title.drawOn(canvas, PAGE_MARGIN, PAGE_MARGIN - 8 * mm - 2 + 10 - height)

    doc = _StatementDoc(
        str(out_path),
        total_names=len(document.entries),
        progress=progress,
        cancel=cancel,
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
    doc.addPageTemplates(_page_templates(document, footer))
    footer_font = styles.footer.fontName

    def canvas_maker(*args: Any, **kwargs: Any) -> _PagedCanvas:
        return _PagedCanvas(*args, footer_font=footer_font, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    if progress is not None and not document.entries:
        progress(0, 0)
    return LayoutResult(pages=doc.page, warnings=missing.warnings())
