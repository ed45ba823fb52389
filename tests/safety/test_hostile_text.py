"""Names and notes with markup, control characters, right-to-left overrides and
5,000-character strings go through the PDF, the CSV and the dialogs unchanged in
meaning and without breaking the layout."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from sqlite_utils import Database

from signapp.core import contacts, organisations, signons, statements
from signapp.core.errors import SignappError
from signapp.export.csv import export_statement_csv, neutralise
from signapp.export.pdf import export_statement_pdf
from tests.safety.hostile import CONTROL_NAME, LONG_NAME, MARKUP_NAMES, RTL_OVERRIDE_NAME

FOOTER = re.compile(r" page \d+ of \d+$")


def _squash(text: str) -> str:
    return "".join(text.split())


def _signed(db: Database, names: list[str], notes: str | None = None) -> int:
    statement_id = statements.create_issued_statement(
        db, "Free & fair <elections>", "We call for **free** and fair elections & more."
    )
    for name in names:
        org_id = organisations.add_organisation(db, name, notes=notes)
        contact = contacts.add_contact(db, org_id, f"Contact of {name[:20]}", email="c@x.org")
        signons.record_signon(db, statement_id, org_id, authorised_by=contact, notes=notes)
    return statement_id


def _pdf_pages(path: Path) -> list[tuple[str, list[dict]]]:
    with pdfplumber.open(path) as pdf:
        return [
            (page.extract_text() or "", page.chars, page.width, page.height) for page in pdf.pages
        ]  # type: ignore[misc]


def _assert_inside_pages(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                assert char["x0"] >= -0.5 and char["x1"] <= page.width + 0.5, char["text"]
                assert char["top"] >= -0.5 and char["bottom"] <= page.height + 0.5, char["text"]
            assert max((float(c["size"]) for c in page.chars), default=0) < 40


def _pdf_text(path: Path) -> str:
    """The text of every page without the running footer ("... page 2 of 3")."""
    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    return "\n".join(line for line in lines if not FOOTER.search(line))


def _assert_every_word_printed(name: str, path: Path) -> None:
    """Every word of ``name``, as often as it occurs: nothing cut off, whatever the
    reading order of columns and pages."""
    printed = Counter(_pdf_text(path).split())
    missing = Counter(name.split()) - printed
    assert not missing, f"not printed: {dict(missing)}"


def _csv_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row[1] for row in list(csv.reader(handle))[1:]]


def test_markup_in_names_is_printed_as_text_in_pdf_and_csv(db: Database, tmp_path: Path) -> None:
    statement_id = _signed(db, MARKUP_NAMES, notes="<b>private</b> note")
    pdf, listing = tmp_path / "signed.pdf", tmp_path / "list.csv"
    export_statement_pdf(db, statement_id, pdf)
    export_statement_csv(db, statement_id, listing)
    text = _squash(_pdf_text(pdf))
    for name in MARKUP_NAMES:
        assert _squash(name) in text
    assert _squash("Free & fair <elections>") in text
    assert "private" not in text  # notes are never printed
    assert sorted(_csv_names(listing)) == sorted(MARKUP_NAMES)
    _assert_inside_pages(pdf)


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_a_5000_character_name_is_refused_by_the_pdf_with_a_message_naming_it(
    db: Database, tmp_path: Path, columns: int
) -> None:
    """Taller than a page column, it cannot be printed whole; the export says so."""
    from signapp.export.pdf import PdfOptions

    statement_id = _signed(db, [LONG_NAME, "Short Name Group"])
    (tmp_path / "out").mkdir()
    pdf = tmp_path / "out" / "signed.pdf"
    pdf.write_bytes(b"%PDF-1.4 the previous export\n%%EOF\n")
    with pytest.raises(SignappError) as refused:
        export_statement_pdf(db, statement_id, pdf, PdfOptions(columns=columns))
    assert LONG_NAME[:30] in refused.value.message and "5,000" in refused.value.message
    assert pdf.read_bytes() == b"%PDF-1.4 the previous export\n%%EOF\n"
    assert [p.name for p in pdf.parent.iterdir()] == ["signed.pdf"]


def test_a_5000_character_name_goes_whole_into_the_csv(db: Database, tmp_path: Path) -> None:
    statement_id = _signed(db, [LONG_NAME, "Short Name Group"])
    listing = tmp_path / "list.csv"
    export_statement_csv(db, statement_id, listing)
    assert LONG_NAME.strip() in _csv_names(listing)


def test_a_right_to_left_override_does_not_turn_other_names_around(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _signed(db, [RTL_OVERRIDE_NAME, "Zeta Fishers Union", "Alpha Weavers"])
    pdf, listing = tmp_path / "signed.pdf", tmp_path / "list.csv"
    export_statement_pdf(db, statement_id, pdf)
    export_statement_csv(db, statement_id, listing)
    text = _pdf_text(pdf)
    assert "Zeta Fishers Union" in text and "Alpha Weavers" in text
    assert RTL_OVERRIDE_NAME in _csv_names(listing)


def test_control_characters_neither_break_the_pdf_nor_vanish_from_the_csv(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _signed(db, [CONTROL_NAME, "Plain Name Union"])
    pdf, listing = tmp_path / "signed.pdf", tmp_path / "list.csv"
    export_statement_pdf(db, statement_id, pdf)
    export_statement_csv(db, statement_id, listing)
    text = _pdf_text(pdf)
    assert "Plain Name Union" in text
    for word in ("Bell", "and", "Escape", "Group"):
        assert word in text
    assert not any(ord(char) < 32 and char not in "\n" for char in text)
    assert neutralise(CONTROL_NAME) in _csv_names(listing)


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_a_1500_character_name_is_printed_whole_in_every_column_layout(
    db: Database, tmp_path: Path, columns: int
) -> None:
    from signapp.export.pdf import PdfOptions

    name = LONG_NAME[:1500].strip()
    statement_id = _signed(db, [name, "Short Name Group"])
    pdf = tmp_path / "signed.pdf"
    export_statement_pdf(db, statement_id, pdf, PdfOptions(columns=columns))
    _assert_inside_pages(pdf)
    _assert_every_word_printed(name + " Short Name Group", pdf)
