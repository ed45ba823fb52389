"""What a screen reader and an archive read: the tag tree, languages, outline, XMP,
subset tags, and metadata that says what the page says."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from signapp.export.pdf import PdfOptions, export_statement_pdf
from tests.export.sample_data import LATIN_ORGS, OTHER_SCRIPT_ORGS, SampleStatement

LISTED = len(LATIN_ORGS) + len(OTHER_SCRIPT_ORGS)


def _export(sample: SampleStatement, out: Path, **options: Any) -> Path:
    export_statement_pdf(sample.db, sample.statement_id, out, PdfOptions(**options))
    return out


def _walk(elements: list[dict[str, Any]], depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    found = []
    for element in elements:
        found.append((depth, element))
        found.extend(_walk(element.get("children", []), depth + 1))
    return found


def test_the_pdf_is_tagged_with_headings_paragraphs_and_a_list(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = _export(sample, tmp_path / "s.pdf", languages=("km", "en"), group_by="country")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    with pdfplumber.open(out) as pdf:
        tree = pdf.structure_tree
        nodes = _walk(tree)
    assert [node["type"] for node in tree] == ["Document"]
    roles = [node["type"] for _, node in nodes]
    signatories = [node for depth, node in nodes if depth == 1 and node["type"] == "Sect"][-1]
    items = [node for _, node in _walk(signatories["children"]) if node["type"] == "LI"]
    assert len(items) == LISTED  # each signatory a list item
    assert "H1" in roles and "H2" in roles and "P" in roles and "L" in roles
    sections = [node for _, node in nodes if node["type"] == "Sect" and node.get("lang")]
    assert [section["lang"] for section in sections] == ["km", "en"]
    group_headings = [node for _, node in nodes if node["type"] == "H3"]
    assert len(group_headings) == len({org.country for org in LATIN_ORGS + OTHER_SCRIPT_ORGS})
    # Every glyph drawn is content of an element or an artefact (footers, rules).
    with pikepdf.open(out) as pdf:
        assert pdf.Root.Lang == "km"
        assert pdf.Root.MarkInfo.Marked is True
        shown = [_text_owners(page) for page in pdf.pages]
    owners = [owner for page in shown for owner in page]
    assert "untagged" not in owners
    assert owners.count("Artifact") >= 2 * len(shown)  # title line and page number


def _text_owners(page: pikepdf.Page) -> list[str]:
    """For each text-showing operator on the page: ``mcid`` if inside marked content
    with an MCID, ``Artifact`` inside an artefact, else ``untagged``."""
    stack: list[str] = []
    owners = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            has_mcid = (
                name == "BDC"
                and isinstance(operands[1], pikepdf.Dictionary)
                and ("/MCID" in operands[1])
            )
            stack.append("Artifact" if tag == "/Artifact" else "mcid" if has_mcid else "")
        elif name == "EMC":
            stack.pop()
        elif name in ("Tj", "TJ", "'", '"'):
            owner = next((entry for entry in reversed(stack) if entry), "untagged")
            owners.append(owner)
    assert not stack
    return owners


def test_khmer_names_are_read_in_khmer(sample: SampleStatement, tmp_path: Path) -> None:
    out = _export(sample, tmp_path / "s.pdf")
    with pdfplumber.open(out) as pdf:
        items = [node for _, node in _walk(pdf.structure_tree) if node["type"] == "LI"]
    languages = {node.get("lang") for node in items}
    assert {"km", "th", "ar", "my"} <= languages


def test_the_outline_has_each_text_the_signatories_and_each_group(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = _export(sample, tmp_path / "s.pdf", languages=("km", "en"), group_by="kind")
    outline = PdfReader(out).outline
    top = [entry.title for entry in outline if not isinstance(entry, list)]
    assert top == ["សេចក្តីថ្លែងការណ៍រួម", "Protect civic space", "អ្នកចុះហត្ថលេខា / Signatories"]
    groups = next(entry for entry in outline if isinstance(entry, list))
    assert any("សហជីព / Trade union" in entry.title for entry in groups)


def test_xmp_metadata_matches_the_document_information(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = _export(sample, tmp_path / "s.pdf", author="Civic Space Coalition")
    reader = PdfReader(out)
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == reader.metadata.title  # type: ignore[union-attr]
        assert meta["dc:description"] == reader.metadata.subject  # type: ignore[union-attr]
        assert meta["dc:creator"] == ["Civic Space Coalition"]
        assert set(meta["dc:language"]) == {"en"}


def test_every_font_subset_has_its_own_tag(sample: SampleStatement, tmp_path: Path) -> None:
    out = _export(sample, tmp_path / "s.pdf", languages=("km", "en"))
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listing.stdout.splitlines()[2:]]
    tags = [name.split("+")[0] for name in names if "+" in name]
    assert len(tags) >= 4
    assert len(set(tags)) == len(tags)
    assert "AAAAAA" not in tags
    assert all(name.split("+")[0].isalpha() for name in names if "+" in name)


@pytest.mark.parametrize("columns", [1, 3])
def test_names_stay_in_reading_order_in_the_tree(
    sample: SampleStatement, tmp_path: Path, columns: int
) -> None:
    out = _export(sample, tmp_path / "s.pdf", columns=columns)
    with pdfplumber.open(out) as pdf:
        items = [node for _, node in _walk(pdf.structure_tree) if node["type"] == "LI"]
        by_mcid = {}
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    by_mcid.setdefault((page.page_number, char["mcid"]), []).append(char["text"])
    first = "".join(by_mcid[(1, items[0]["mcids"][0])])
    assert first.startswith("1.")


def test_a_run_in_another_script_carries_its_language(tmp_path: Path) -> None:
    from signapp.export.fonts import font_set
    from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf

    document = StatementDocument(
        "Civic space: សង្គមស៊ីវិល now",
        "",
        ["We stand with เครือข่ายสิทธิมนุษยชน today."],
        [ListedEntry("Cambodian Human Rights Centre – មជ្ឈមណ្ឌលសិទ្ធិមនុស្សកម្ពុជា")],
        0,
    )
    out = tmp_path / "runs.pdf"
    write_statement_pdf(document, out, font_set())
    languages = []
    with pikepdf.open(out) as pdf:
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            marked = str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
            if marked and "/Lang" in operands[1]:
                languages.append(str(operands[1].Lang))
    assert languages.count("km") >= 2  # in the title and in the name
    assert "th" in languages


def test_a_table_is_tagged_as_rows_and_cells(tmp_path: Path) -> None:
    from signapp.export.fonts import font_set
    from signapp.export.layout import StatementDocument, write_statement_pdf

    text = "Before.\n\n| Demand | By |\n|---|---|\n| Repeal | June |\n| Release | July |\n\n---\n\nAfter.\n"
    out = tmp_path / "table.pdf"
    write_statement_pdf(StatementDocument("Table", "", [text], [], 0), out, font_set())
    with pdfplumber.open(out) as pdf:
        nodes = [node for _, node in _walk(pdf.structure_tree)]
    table = next(node for node in nodes if node["type"] == "Table")
    rows = table["children"]
    assert [row["type"] for row in rows] == ["TR", "TR", "TR"]
    assert [cell["type"] for cell in rows[0]["children"]] == ["TH", "TH"]
    assert [cell["type"] for cell in rows[2]["children"]] == ["TD", "TD"]
    assert "Artifact" not in {node["type"] for node in nodes}  # the rule is no element
