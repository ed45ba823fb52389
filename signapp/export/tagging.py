"""Tagged PDF: what a screen reader and an archive need beyond the drawn page.

While ReportLab lays the pages out, :class:`Structure` hands out marked-content ids
(``/P <</MCID 3>> BDC ... EMC``) around each drawn block and records which structure
element (heading, paragraph, list item) each belongs to; headers, footers and rules are
marked as artefacts. ReportLab writes no structure itself, so :func:`finish` then opens
the written PDF with pikepdf and adds the structure tree with its parent tree, the
document language (and each block's language where it differs), the outline, XMP
metadata, and a distinct subset tag for each embedded font subset.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation
from reportlab.platypus import Flowable

from signapp.export.scripts import script_of

ARTIFACT_BEGIN = "/Artifact <</Type /Pagination>> BDC"
LAYOUT_ARTIFACT_BEGIN = "/Artifact BMC"
END = "EMC"


@dataclass
class Element:
    """One structure element: a role (``H1``, ``P``, ``L``, ``LI``), where it sits in
    the tree, its language if not the document's, and its marked content by page."""

    role: str
    parent: int | None
    language: str | None = None
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    level: int
    page: int
    top: float


@dataclass(frozen=True)
class DocumentInfo:
    """What the catalogue and the XMP metadata say about the document."""

    title: str
    language: str
    author: str = ""
    subject: str = ""
    keywords: str = ""


class Structure:
    """The structure tree as it is drawn: elements, their marked content, the outline."""

    def __init__(self) -> None:
        self.elements: list[Element] = [Element("Document", None)]
        self.outline: list[OutlineEntry] = []
        self._next_mcid: dict[int, int] = {}

    def element(self, role: str, parent: int = 0, language: str | None = None) -> int:
        """A new element under ``parent`` (the document by default); returns its index."""
        self.elements.append(Element(role, parent, language))
        return len(self.elements) - 1

    def begin(self, page: int, element: int) -> str:
        """The operator that opens the next marked content of ``element`` on ``page``."""
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        self.elements[element].marks.append((page, mcid))
        return f"/{self.elements[element].role} <</MCID {mcid}>> BDC"

    def add_outline(self, title: str, level: int, page: int, top: float) -> None:
        self.outline.append(OutlineEntry(title, level, page, top))


PageOf = Callable[[Any], int]

# The language a name in one of these scripts is most likely written in, for /Lang.
_SCRIPT_LANGUAGES = {
    "khmer": "km",
    "thai": "th",
    "lao": "lo",
    "myanmar": "my",
    "arabic": "ar",
    "hebrew": "he",
    "ethiopic": "am",
    "bengali": "bn",
    "tamil": "ta",
    "telugu": "te",
    "hangul": "ko",
    "kana": "ja",
}


def script_language(text: str) -> str | None:
    """The language a name that starts in a script of one language (Khmer: ``km``) is
    read in by a screen reader; None for a name that starts in Latin letters."""
    first = next((script_of(char) for char in text if char.isalpha()), None)
    return _SCRIPT_LANGUAGES.get(first) if first else None


def tag(
    flowable: Flowable,
    structure: Structure,
    element: int,
    page_of: PageOf,
    outline: tuple[str, int] | None = None,
) -> Flowable:
    """Mark what ``flowable`` draws as content of ``element``, on every page it splits
    onto; with ``outline`` (title, level) an outline entry points at its top."""
    if getattr(flowable, "_tagged_element", None) is not None:
        return flowable
    draw_on = flowable.drawOn
    split = flowable.split

    def tagged_draw_on(canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        page = page_of(canvas)
        if outline is not None:
            top = y + float(getattr(flowable, "height", 0) or 0)
            structure.add_outline(outline[0], outline[1], page, top)
        canvas.addLiteral(structure.begin(page, element))
        draw_on(canvas, x, y, _sW)
        canvas.addLiteral(END)

    def tagged_split(available_width: float, available_height: float) -> list[Flowable]:
        parts = split(available_width, available_height)
        return [
            tag(part, structure, element, page_of, outline if index == 0 else None)
            for index, part in enumerate(parts)
        ]

    flowable.drawOn = tagged_draw_on  # type: ignore[method-assign]
    flowable.split = tagged_split  # type: ignore[method-assign]
    flowable._tagged_element = element
    return flowable


def artefact(flowable: Flowable) -> Flowable:
    """Mark what ``flowable`` draws as layout, not content (a rule, a spacer)."""
    draw_on = flowable.drawOn

    def artefact_draw_on(canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        canvas.addLiteral(LAYOUT_ARTIFACT_BEGIN)
        draw_on(canvas, x, y, _sW)
        canvas.addLiteral(END)

    flowable.drawOn = artefact_draw_on  # type: ignore[method-assign]
    return flowable


def finish(pdf_bytes: bytes, structure: Structure, info: DocumentInfo) -> bytes:
    """The PDF with its structure tree, language, outline, XMP and subset tags."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _write_structure(pdf, structure, info.language)
        _write_outline(pdf, structure.outline)
        _write_metadata(pdf, info)
        _name_subsets(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _write_structure(pdf: pikepdf.Pdf, structure: Structure, language: str) -> None:
    pages = [page.obj for page in pdf.pages]
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    made: list[pikepdf.Object] = []
    for element in structure.elements:
        made.append(pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role))))
    by_page: dict[int, dict[int, pikepdf.Object]] = {}
    children: list[list[Any]] = [[] for _ in structure.elements]
    for index, element in enumerate(structure.elements):
        node = made[index]
        node.P = root if element.parent is None else made[element.parent]
        if element.language:
            node.Lang = pikepdf.String(element.language)
        if element.parent is not None:
            children[element.parent].append(node)
        if element.marks:
            first_page = element.marks[0][0]
            node.Pg = pages[first_page]
            for page, mcid in element.marks:
                if page == first_page:
                    children[index].append(mcid)
                else:
                    children[index].append(Dictionary(Type=Name.MCR, Pg=pages[page], MCID=mcid))
                by_page.setdefault(page, {})[mcid] = node
    for index, node in enumerate(made):
        kids = children[index]
        if kids:
            node.K = kids[0] if len(kids) == 1 and isinstance(kids[0], int) else Array(kids)
    numbers: list[Any] = []
    for page_index, page_object in enumerate(pages):
        page_object.StructParents = page_index
        page_object.Tabs = Name.S
        marked = by_page.get(page_index, {})
        numbers.extend([page_index, Array([marked[mcid] for mcid in sorted(marked)])])
    root.K = made[0]
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(numbers)))
    root.ParentTreeNextKey = len(pages)
    catalogue = pdf.Root
    catalogue.StructTreeRoot = root
    catalogue.MarkInfo = Dictionary(Marked=True)
    catalogue.Lang = pikepdf.String(language)
    catalogue.ViewerPreferences = Dictionary(DisplayDocTitle=True)


def _write_outline(pdf: pikepdf.Pdf, entries: list[OutlineEntry]) -> None:
    if not entries:
        return
    with pdf.open_outline() as outline:
        stack: list[OutlineItem] = []
        for entry in entries:
            item = OutlineItem(entry.title, entry.page, PageLocation.XYZ, top=entry.top)
            del stack[entry.level :]
            (stack[-1].children if stack else outline.root).append(item)
            stack.append(item)
    pdf.Root.PageMode = Name.UseOutlines


def _write_metadata(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = info.title
        meta["dc:language"] = [info.language]
        if info.author:
            meta["dc:creator"] = [info.author]
        if info.subject:
            meta["dc:description"] = info.subject
        if info.keywords:
            meta["pdf:Keywords"] = info.keywords
        meta["pdf:Producer"] = "signapp"
        meta["xmp:CreatorTool"] = "signapp"


def _name_subsets(pdf: pikepdf.Pdf) -> None:
    """Give each embedded subset its own six-letter tag (ReportLab writes ``AAAAAA+``
    on all of them), derived from its font and glyphs so output stays reproducible."""
    used: set[str] = set()
    for font in _embedded_fonts(pdf):
        base = str(font.BaseFont)
        if "+" not in base:
            continue
        name = base.split("+", 1)[1]
        digest = hashlib.sha256(f"{name}/{len(used)}".encode()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        while tag in used:
            digest = hashlib.sha256(digest).digest()
            tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        used.add(tag)
        font.BaseFont = Name(f"/{tag}+{name}")
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            descriptor.FontName = Name(f"/{tag}+{name}")


def _embedded_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    fonts: dict[tuple[int, int], pikepdf.Object] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        font_dict = resources.get("/Font") if resources is not None else None
        if font_dict is None:
            continue
        for _, font in font_dict.items():
            if font.is_indirect and font.objgen not in fonts:
                fonts[font.objgen] = font
    return [fonts[key] for key in sorted(fonts)]
