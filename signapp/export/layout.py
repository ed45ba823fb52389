"""Lay out a signed statement as a PDF: text, count lines, numbered signatory list.

Works on plain data (:class:`StatementDocument`), so it knows nothing of the store.
"""

from __future__ import annotations

import io
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
from signapp.export.labels import Labels, joined
from signapp.export.markdown import Block, MarkdownRenderer, TextStyles
from signapp.export.markup import MarkupWriter, MissingGlyphs
from signapp.export.namelist import (
    COLUMN_GAP,
    NUMBER_GAP,
    Heading,
    ListStyle,
    Row,
    SignatoryColumns,
    prepare_name,
)
from signapp.export.paragraphs import TextParagraph, text_paragraph
from signapp.export.scripts import LATIN, script_of
from signapp.export.tagging import (
    ARTIFACT_BEGIN,
    END,
    LAYOUT_ARTIFACT_BEGIN,
    DocumentInfo,
    Structure,
    artefact,
    finish,
    script_language,
    tag,
)
from signapp.i18n import language_name

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

PAGE_MARGIN = 20 * mm  # top and bottom
# About 65 characters a line of body text: the measure a reader's eye keeps.
SIDE_MARGIN = 35 * mm
BODY_SIZE = 11.5
HEADING_SIZES = (16.0, 13.5, 12.0)
FOOTER_HEIGHT = 12 * mm
PAGE_LABEL_WIDTH = 40 * mm
FOOTER_BASELINE = PAGE_MARGIN - 8 * mm  # of the title and "page 3 of 12"
GREY = HexColor("#555555")
AFFILIATION_GREY = HexColor("#666666")  # a person's affiliation, after the name
BLACK = HexColor("#000000")
SPACE_BETWEEN_NAMES = 1.5
PROGRESS_STEP = 500  # names prepared between two progress reports
# Narrower columns, smaller type: names wrap less.
NAME_SIZES = {1: 10.0, 2: 9.5, 3: 8.5}


@dataclass(frozen=True)
class ListedEntry:
    """One signatory as printed: its full display name and its group, if any; a
    person's affiliation, printed after the name in a lighter style."""

    text: str
    group: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class StatementDocument:
    """Everything that goes into the PDF, already filtered for publication.

    ``languages`` gives the language of each text (the first one is the document's);
    ``labels`` the languages the exporter's own words are printed in, one after the
    other where there are several.
    """

    title: str
    date_text: str
    texts: Sequence[str]  # Markdown, one per language, in print order
    entries: Sequence[ListedEntry]  # in print order, groups contiguous
    anonymous_count: int
    columns: int = 1
    author: str = ""
    subject: str = ""
    version_text: str = ""  # "version 2 of 8 March 2026", printed in the footer
    languages: Sequence[str] = ()
    labels: Sequence[Labels] = (Labels(),)
    # People who signed in their own name: a section of their own after the organisations.
    people: Sequence[ListedEntry] = ()
    people_anonymous: int = 0
    personal_capacity: bool = False  # "(in a personal capacity)" under their heading

    @property
    def has_people(self) -> bool:
        return bool(self.people) or self.people_anonymous > 0

    @property
    def has_organisations(self) -> bool:
        """Whether the organisations' section is printed: when any signed, or nobody did."""
        return bool(self.entries) or self.anonymous_count > 0 or not self.has_people

    def language_of(self, index: int) -> str:
        return self.languages[index] if index < len(self.languages) else self.language

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else self.labels[0].language


@dataclass
class LayoutResult:
    """What the layout produced, for the export summary."""

    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def list_indent(numbers: str, number_font: str, font_size: float) -> float:
    """Where names start in a column: after the widest number (``4,776.``)."""
    return stringWidth(numbers, number_font, font_size) + NUMBER_GAP + 3


def name_width(columns: int, names: int, number_font: str) -> float:
    """The width a name has on one line of a list of ``names`` in ``columns`` columns."""
    text_block = A4[0] - 2 * SIDE_MARGIN
    indent = list_indent(f"{names:,}.", number_font, NAME_SIZES[columns])
    return (text_block - COLUMN_GAP * (columns - 1)) / columns - indent


class _Styles:
    def __init__(self, writer: MarkupWriter) -> None:
        regular = writer.font(LATIN)
        bold = writer.font(LATIN, bold=True)
        common: dict[str, Any] = {
            "fontName": regular,
            "bulletFontName": regular,
            "shaping": 1,
            # at least two lines of a paragraph together at the foot and at the head
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        self.title = ParagraphStyle("title", fontSize=18, leading=23, spaceAfter=4, **common)
        self.date = ParagraphStyle(
            "date", fontSize=10, leading=13, textColor=GREY, spaceAfter=14, **common
        )
        self.body = ParagraphStyle(
            "body", fontSize=BODY_SIZE, leading=BODY_SIZE * 1.45, spaceAfter=6, **common
        )
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
            for level, size in enumerate(HEADING_SIZES, start=1)
        ]
        self.quote = ParagraphStyle(
            "quote", parent=self.body, leftIndent=14, textColor=HexColor("#333333")
        )
        # The list's heading ranks with the statement's own first heading, not below it.
        self.section = ParagraphStyle(
            "section",
            fontSize=HEADING_SIZES[0],
            leading=HEADING_SIZES[0] * 1.3,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
            **common,
        )
        self.section.fontName = bold
        self.count = ParagraphStyle(
            "count", fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35, keepWithNext=1, **common
        )
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

    def __init__(
        self,
        *args: Any,
        page_label: Callable[[int, int], TextParagraph],
        footer_style: ParagraphStyle,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._page_label = page_label
        self._footer_style = footer_style
        self._pages: list[dict[str, Any]] = []

    @property
    def page_index(self) -> int:
        """The index of the page being drawn, from 0."""
        return len(self._pages)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.addLiteral(ARTIFACT_BEGIN)
            label = self._page_label(self._pageNumber, total)
            _, height = label.wrap(PAGE_LABEL_WIDTH, FOOTER_HEIGHT)
            width = max(line.width for line in label._layout(PAGE_LABEL_WIDTH))
            label.drawOn(
                self,
                A4[0] - SIDE_MARGIN - width,
                FOOTER_BASELINE + self._footer_style.fontSize - height,
            )
            self.addLiteral(END)
            super().showPage()
        super().save()


def _page_of(canvas: Any) -> int:
    return int(canvas.page_index)


def _page_template(footer: Callable[[Canvas, Any], None]) -> PageTemplate:
    width, height = A4
    bottom = PAGE_MARGIN + FOOTER_HEIGHT - 8 * mm
    # No padding: the text block is the frame, and the footer lines up with it.
    frame = Frame(
        SIDE_MARGIN,
        bottom,
        width - 2 * SIDE_MARGIN,
        height - PAGE_MARGIN - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return PageTemplate("page", [frame], onPage=footer)


class _ListMarks:
    """Tags the signatory list as it is drawn: each name a list item, each group heading
    a heading with an outline entry, repeated "continued" headings as artefacts."""

    def __init__(self, structure: Structure, elements: list[int], titles: dict[int, str]):
        self.structure = structure
        self.elements = elements  # the structure element of each row
        self.titles = titles  # the outline title of each heading row
        self.end = END
        self.continued_begin = LAYOUT_ARTIFACT_BEGIN

    def begin_name(self, canvas: Any, row: int) -> str:
        return self.structure.begin(_page_of(canvas), self.elements[row])

    def begin_heading(self, canvas: Any, row: int, top: float) -> str:
        page = _page_of(canvas)
        self.structure.add_outline(self.titles[row], 1, page, canvas._currentMatrix[5] + top)
        return self.structure.begin(page, self.elements[row])


def _signatory_list(
    document: StatementDocument,
    entries: Sequence[ListedEntry],
    writer: MarkupWriter,
    styles: _Styles,
    report: _ProgressReport,
    structure: Structure,
    section: int,
) -> SignatoryColumns:
    font_size = NAME_SIZES[document.columns]
    labels = document.labels
    number_font = writer.font(script_of(labels[0].digits("0")))
    list_style = ListStyle(
        font_size=font_size,
        leading=font_size * 1.3,
        space_between=SPACE_BETWEEN_NAMES,
        number_font=number_font,
        indent=list_indent(labels[0].number(len(entries)) + ".", number_font, font_size),
        colour=BLACK,
        affiliation_colour=AFFILIATION_GREY,
    )
    rows: list[Row] = []
    elements: list[int] = []
    titles: dict[int, str] = {}
    number = 0
    list_element = structure.element("L", section)
    for group, members in groupby(entries, key=lambda entry: entry.group):
        names: list[Row] = []
        if group is not None:
            heading = structure.element("H3", section)
            list_element = structure.element("L", section)
        items: list[int] = []
        for entry in members:
            number += 1
            names.append(
                prepare_name(
                    writer,
                    labels[0].digits(f"{number}."),
                    entry.text,
                    font_size,
                    affiliation=entry.affiliation,
                )
            )
            items.append(structure.element("LI", list_element, script_language(entry.text)))
            if number % PROGRESS_STEP == 0:
                report.advance(PROGRESS_STEP)
        if group is not None:
            title = labels[0].group_heading(group, len(names))
            titles[len(rows)] = title
            elements.append(heading)
            rows.append(
                Heading(
                    text_paragraph(writer, title, styles.group, bold=True),
                    text_paragraph(writer, labels[0].continued(group), styles.group, bold=True),
                )
            )
        rows.extend(names)
        elements.extend(items)
    report.advance(number % PROGRESS_STEP)
    marks = _ListMarks(structure, elements, titles)
    return SignatoryColumns(rows, list_style, document.columns, report.advance, marks=marks)


def _statement_text(
    document: StatementDocument,
    index: int,
    renderer: MarkdownRenderer,
    structure: Structure,
) -> list[Flowable]:
    """One language's text as a section of its own, in its language, with an outline
    entry named by its first heading (or the language's name)."""
    language = document.language_of(index)
    section = structure.element("Sect", 0, language)
    blocks = renderer.blocks(document.texts[index])
    first_heading = next((block.text for block in blocks if block.role.startswith("H")), None)
    title = first_heading or language_name(language)
    story: list[Flowable] = []
    list_element: int | None = None
    outline: tuple[str, int] | None = (title, 0)
    for block in blocks:
        if block.role == "Artifact":
            story.append(artefact(block.flowable))
            continue
        if block.role == "LI":
            if list_element is None:
                list_element = structure.element("L", section)
            parent = list_element
        else:
            list_element = None
            parent = section
        if block.role == "Table":
            _tag_table(block, structure, structure.element("Table", parent))
            story.append(block.flowable)
        else:
            role = (
                f"H{min(int(block.role[1:]) + 1, 6)}" if block.role.startswith("H") else block.role
            )
            element = structure.element(role, parent)
            story.append(tag(block.flowable, structure, element, _page_of, outline))
            outline = None
    return story


def _tag_table(block: Block, structure: Structure, table: int) -> None:
    """Rows and cells of a table as TR, TH and TD elements, each cell its own content."""
    for number, row in enumerate(block.cells):
        row_element = structure.element("TR", table)
        role = "TH" if number < block.header_rows else "TD"
        for cell in row:
            tag(cell, structure, structure.element(role, row_element), _page_of)


def _story(
    document: StatementDocument,
    writer: MarkupWriter,
    styles: _Styles,
    report: _ProgressReport,
    structure: Structure,
) -> list[Flowable]:
    labels = document.labels
    story: list[Flowable] = [
        tag(
            text_paragraph(writer, document.title, styles.title, bold=True),
            structure,
            structure.element("H1"),
            _page_of,
        ),
    ]
    if document.date_text:
        story.append(
            tag(
                text_paragraph(writer, document.date_text, styles.date),
                structure,
                structure.element("P"),
                _page_of,
            )
        )
    renderer = MarkdownRenderer(writer, styles.text_styles())
    for index in range(len(document.texts)):
        if index:
            story.append(
                artefact(
                    HRFlowable(
                        width="40%", thickness=0.5, color=GREY, spaceBefore=10, spaceAfter=10
                    )
                )
            )
        story.extend(_statement_text(document, index, renderer, structure))
    if document.has_organisations:
        heading = joined(
            labels, Labels.organisations_heading if document.has_people else Labels.heading
        )
        sentences = [
            (entry.count_sentence(len(document.entries), document.anonymous_count), entry.language)
            for entry in labels
        ]
        story.extend(
            _list_section(
                document, document.entries, heading, sentences, writer, styles, report, structure
            )
        )
    if document.has_people:
        sentences = [
            (
                entry.people_count_sentence(len(document.people), document.people_anonymous),
                entry.language,
            )
            for entry in labels
        ]
        if document.personal_capacity:
            sentences.insert(0, (joined(labels, Labels.personal_capacity), labels[0].language))
        story.extend(
            _list_section(
                document,
                document.people,
                joined(labels, Labels.people_heading),
                sentences,
                writer,
                styles,
                report,
                structure,
            )
        )
    return story


def _list_section(
    document: StatementDocument,
    entries: Sequence[ListedEntry],
    heading: str,
    sentences: list[tuple[str, str]],
    writer: MarkupWriter,
    styles: _Styles,
    report: _ProgressReport,
    structure: Structure,
) -> list[Flowable]:
    """One list's section: its heading (an outline entry), its count lines, its names.

    Organisations and people each have one, so a reader finds either list by its
    heading and a screen reader hears two lists.
    """
    story: list[Flowable] = [CondPageBreak(60 * mm)]
    section = structure.element("Sect")
    story.append(
        tag(
            text_paragraph(writer, heading, styles.section, bold=True),
            structure,
            structure.element("H2", section),
            _page_of,
            (heading, 0),
        )
    )
    for sentence, language in sentences:
        element = structure.element("P", section, language)
        story.append(
            tag(text_paragraph(writer, sentence, styles.count), structure, element, _page_of)
        )
    story.append(Spacer(1, 8))
    if entries:
        story.append(_signatory_list(document, entries, writer, styles, report, structure, section))
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
    report = _ProgressReport(len(document.entries) + len(document.people), progress, cancel)
    structure = Structure()
    story = _story(document, writer, styles, report, structure)
    footer_text = document.title
    if document.version_text:
        footer_text += " · " + document.version_text

    def footer(canvas: Canvas, _doc: Any) -> None:
        line = text_paragraph(writer, footer_text, styles.footer)
        _, height = line.wrap(A4[0] - 2 * SIDE_MARGIN - PAGE_LABEL_WIDTH, FOOTER_HEIGHT)
        canvas.addLiteral(ARTIFACT_BEGIN)
        line.drawOn(canvas, SIDE_MARGIN, FOOTER_BASELINE + styles.footer.fontSize - height)
        canvas.addLiteral(END)

    laid_out = io.BytesIO()
    doc = BaseDocTemplate(
        laid_out,
        pagesize=A4,
        title=document.title,
        subject=document.subject,
        author=document.author,
        creator="signapp",
        # Without an initial font ReportLab names Helvetica, a font it does not embed.
        initialFontName=styles.footer.fontName,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN,
    )
    doc.addPageTemplates([_page_template(footer)])
    page_labels = document.labels[0]

    def page_label(page: int, pages: int) -> TextParagraph:
        return text_paragraph(writer, page_labels.page(page, pages), styles.footer)

    def canvas_maker(*args: Any, **kwargs: Any) -> _PagedCanvas:
        return _PagedCanvas(*args, page_label=page_label, footer_style=styles.footer, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    info = DocumentInfo(
        title=document.title,
        language=document.language,
        author=document.author,
        subject=document.subject,
    )
    tagged = finish(laid_out.getvalue(), structure, info)
    if isinstance(out, Path):
        out.write_bytes(tagged)
    else:
        out.write(tagged)
    if progress is not None and not document.entries and not document.people:
        progress(0, 0)
    return LayoutResult(pages=doc.page, warnings=missing.warnings())
