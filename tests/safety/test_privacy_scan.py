"""No contact data and no anonymous organisation in any public export.

Every value that identifies a person or an organisation that asked not to be named is
collected from the database itself, then searched for in the text and metadata of
every PDF variant and in the CSV.
"""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from signapp.core import contacts, organisations, signons, statements
from signapp.export.csv import export_statement_csv
from signapp.export.pdf import PdfOptions, export_statement_pdf
from signapp.export.public import GROUP_CHOICES
from tests.safety.sample import fill


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _more_people(db: Database, statement_id: int) -> None:
    """Sign-ons in every state, contacts with roles and notes, a Khmer anonymous group."""
    hidden = organisations.add_organisation(
        db, "សមាគមកសិករលាក់ខ្លួន", local_name="Hidden Farmers Association", acronym="HFAKH",
        country="KH", website="https://hidden-farmers.example",
    )  # fmt: skip
    whisper = contacts.add_contact(
        db, hidden, "Chanthou Keo", role="Secretary", email="chanthou.keo@example.com",
        phone="+855 97 765 4321", notes="lives near the border crossing",
    )  # fmt: skip
    signons.record_signon(
        db, statement_id, hidden, is_public=False, authorised_by=whisper,
        printed_name="Hidden Farmers (do not print)", notes="confirmed by Signal",
    )  # fmt: skip
    pending = organisations.add_organisation(db, "Pending Potters Guild", country="TH")
    contacts.add_contact(db, pending, "Somchai Jaidee", email="somchai.jaidee@example.co.th")
    signons.record_signon(db, statement_id, pending, status="pending")
    declined = organisations.add_organisation(db, "Declining Dockworkers", country="PH")
    contacts.add_contact(db, declined, "Maria Santos-Reyes", phone="+63 917 555 0199")
    signons.record_signon(db, statement_id, declined, status="declined")


def _sensitive_values(db: Database, statement_id: int) -> list[str]:
    """Everything in the store that must never be in a public export."""
    values: set[str] = set()
    for row in db.execute("SELECT name, role, email, phone, notes FROM contacts"):
        values.update(value for value in row if value)
    for row in db.execute(
        "SELECT s.notes, s.raw_source, s.printed_name, s.is_public, s.status, "
        "o.name, o.local_name, o.acronym, o.website, o.notes "
        "FROM signons s JOIN organisations o ON o.id = s.organisation_id "
        "WHERE s.statement_id = ?",
        [statement_id],
    ):
        notes, raw, printed, is_public, status, *organisation = row
        values.update(value for value in (notes, printed if not is_public else None) if value)
        if raw:
            values.update(str(value) for value in json.loads(raw).values() if value)
        if not is_public or status != "confirmed":
            values.update(value for value in organisation if value)
    for row in db.execute("SELECT notes FROM organisations WHERE notes IS NOT NULL"):
        values.add(row[0])
    return sorted(value for value in values if len(_squash(value)) >= 5)


def _pdf_public_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    metadata = PdfReader(path).metadata or {}
    return text + "\n" + "\n".join(str(value) for value in metadata.values())


def _csv_text(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return "\n".join(",".join(row) for row in csv.reader(handle))


@pytest.fixture
def signed(db: Database) -> tuple[Database, int]:
    sample = fill(db)
    _more_people(db, sample.statement_id)
    return db, sample.statement_id


def test_the_scan_finds_what_it_looks_for(signed: tuple[Database, int]) -> None:
    db, statement_id = signed
    values = _sensitive_values(db, statement_id)
    for expected in (
        "Dara Chenda",
        "+85512345678",
        "thiri.aung@example.net",
        "Quiet Meadow Shelter",
        "សមាគមកសិករលាក់ខ្លួន",
        "HFAKH",
        "Hidden Farmers (do not print)",
        "lives near the border crossing",
        "Pending Potters Guild",
        "Declining Dockworkers",
        "Maria Santos-Reyes",
    ):
        assert expected in values
    assert "Riverbank Fishers Union" not in values  # listed: it is meant to be printed


@pytest.mark.parametrize(("group_by", "columns"), list(itertools.product(GROUP_CHOICES, (1, 2, 3))))
def test_no_contact_value_or_anonymous_name_in_any_pdf(
    signed: tuple[Database, int], tmp_path: Path, group_by: str, columns: int
) -> None:
    db, statement_id = signed
    statements.add_translation(db, statement_id, "km", "យើងទាមទារទឹកស្អាត។")
    out = tmp_path / "signed.pdf"
    summary = export_statement_pdf(
        db,
        statement_id,
        out,
        PdfOptions(languages=("en", "km"), group_by=group_by, columns=columns, author="Coalition"),
    )
    assert summary.listed == 1 and summary.anonymous == 2
    text = _squash(_pdf_public_text(out))
    assert _squash("RFU") in text  # the one listed organisation is there
    leaked = [value for value in _sensitive_values(db, statement_id) if _squash(value) in text]
    assert leaked == []


def test_no_contact_value_or_anonymous_name_in_the_csv(
    signed: tuple[Database, int], tmp_path: Path
) -> None:
    db, statement_id = signed
    out = tmp_path / "list.csv"
    export_statement_csv(db, statement_id, out)
    text = _squash(_csv_text(out))
    assert _squash("RFU") in text
    leaked = [value for value in _sensitive_values(db, statement_id) if _squash(value) in text]
    assert leaked == []
