"""How the page is set: measure, footer, headings, title, columns, and an older version
printed again exactly."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.export.layout import SIDE_MARGIN
from signapp.export.pdf import PdfOptions, export_statement_pdf
from tests.export.sample_data import pdf_text

PARAGRAPH = (
    "We, the undersigned organisations, call on the authorities to end the judicial "
    "harassment of community representatives, to drop the charges brought against them "
    "for peaceful assembly, and to let journalists report on land disputes without fear. "
) * 4


def _statement(db: Database, title: str, text: str, names: list[str]) -> int:
    statement_id = statements.create_issued_statement(db, title, text)
    for name in names:
        signons.record_signon(db, statement_id, organisations.add_organisation(db, name))
    return statement_id


def test_body_lines_hold_sixty_to_seventy_five_characters(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db, "Measure", f"{PARAGRAPH}\n", ["One Org"])
    out = tmp_path / "m.pdf"
    export_statement_pdf(db, statement_id, out)
    with pdfplumber.open(out) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    paragraph_lines = [line for line in lines if len(line) > 40 and line.split()[0] in PARAGRAPH]
    body = paragraph_lines[:-1]  # the last line of the paragraph is short
    average = sum(len(line) for line in body) / len(body)
    assert 60 <= average <= 75, average


def test_the_footer_lines_up_with_the_text_block(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db, "Footer check", f"{PARAGRAPH}\n", ["One Org"])
    out = tmp_path / "f.pdf"
    export_statement_pdf(db, statement_id, out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
    body = [w for w in words if w["top"] < page.height - 80]
    footer = [w for w in words if w["top"] > page.height - 60]
    assert abs(min(w["x0"] for w in footer) - SIDE_MARGIN) < 0.5
    assert abs(min(w["x0"] for w in body) - SIDE_MARGIN) < 0.5
    assert abs(max(w["x1"] for w in footer) - (page.width - SIDE_MARGIN)) < 0.5
    assert max(w["x1"] for w in body) <= page.width - SIDE_MARGIN + 0.5


def test_the_title_prints_once_and_signatories_ranks_with_the_first_heading(
    db: Database, tmp_path: Path
) -> None:
    text = "# Stop the harassment\n\nBody.\n\n# Our demands\n\nMore.\n"
    statement_id = _statement(db, "Stop the harassment", text, ["One Org"])
    out = tmp_path / "t.pdf"
    export_statement_pdf(db, statement_id, out)
    with pdfplumber.open(out) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    body_words = [w for w in words if w["top"] < pdf.pages[0].height - 80]
    assert [w["text"] for w in body_words].count("harassment") == 1
    demands = next(w for w in words if w["text"] == "demands")
    signatories = next(w for w in words if w["text"] == "Signatories")
    assert signatories["size"] >= demands["size"]


def test_the_column_count_follows_the_names_widths(db: Database, tmp_path: Path) -> None:
    short = _statement(db, "Short names", "Text.", [f"Group {n}" for n in range(300)])
    summary = export_statement_pdf(db, short, tmp_path / "s.pdf")
    assert summary.columns == 3
    long_names = [
        f"Association for the Protection of the Rights of Rural Women and Girls {n}"
        for n in range(40)
    ]
    long = _statement(db, "Long names", "Text.", long_names)
    assert export_statement_pdf(db, long, tmp_path / "l.pdf").columns == 1
    chosen = export_statement_pdf(db, short, tmp_path / "c.pdf", PdfOptions(columns=1))
    assert chosen.columns == 1 and chosen.pages > summary.pages


def test_an_older_version_prints_its_own_list_with_matching_metadata(
    db: Database, tmp_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Judicial harassment", "# Text\n\nOne.")
    org_ids = [organisations.add_organisation(db, f"Group {n:02d}") for n in range(26)]
    for index, org_id in enumerate(org_ids):
        signons.record_signon(db, statement_id, org_id, is_public=index < 21)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    for org_id in org_ids[:4]:
        signons.record_signon(db, statement_id, org_id)
    out = tmp_path / "v1.pdf"
    summary = export_statement_pdf(db, statement_id, out, PdfOptions(version_number=1))
    assert (summary.listed, summary.anonymous, summary.left_out_for_reconfirmation) == (21, 5, 0)
    text = " ".join(pdf_text(out).split())
    count = "26 organisations have signed: 21 named below and 5 that asked not to be named."
    assert count in text
    assert "One." in text and "Two." not in text
    subject = PdfReader(out).metadata.subject  # type: ignore[union-attr]
    assert subject.startswith("Joint statement, version 1 of ") and subject.endswith(count)
    assert "version 1 of" in text  # the footer names the version printed
    latest = export_statement_pdf(db, statement_id, tmp_path / "v2.pdf")
    assert (latest.listed, latest.left_out_for_reconfirmation) == (4, 22)


def test_a_paragraph_leaves_no_single_line_at_either_end_of_a_page() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from signapp.export.fonts import font_set
    from signapp.export.markup import MarkupWriter
    from signapp.export.paragraphs import text_paragraph

    writer = MarkupWriter(font_set())
    style = ParagraphStyle("body", fontName=writer.font("latin"), fontSize=11, leading=16)
    paragraph = text_paragraph(writer, PARAGRAPH, style)
    _, height = paragraph.wrap(300, 10_000)
    lines = round(height / 16)
    assert lines >= 5
    assert paragraph.split(300, 16 * 1.5) == []  # one line would sit alone at the foot
    head, tail = paragraph.split(300, 16 * (lines - 1) + 1)  # room for all but one
    assert round(head.wrap(300, 10_000)[1] / 16) == lines - 2
    assert round(tail.wrap(300, 10_000)[1] / 16) == 2
