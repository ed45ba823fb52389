"""People who sign in their own name: a section of their own in the PDF, after the
organisations, each with its heading, count line, list and outline entry."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from signapp.cli import export_commands as cli_commands
from signapp.core import people, signons, statements
from signapp.export.pdf import PdfOptions, export_statement_pdf
from tests.export.sample_data import (
    ANONYMOUS_ORGS,
    LATIN_ORGS,
    OTHER_SCRIPT_ORGS,
    STATEMENT_TEXT,
    SampleStatement,
)
from tests.export.test_tagged import _walk

ORGANISATIONS = len(LATIN_ORGS) + len(OTHER_SCRIPT_ORGS)
# (name, own-script name, affiliation, country, public)
PEOPLE = [
    ("Sok Dara", "សុខ ដារ៉ា", "សាស្ត្រាចារ្យ សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "KH", True),
    ("Somchai Rattanakorn", None, "อาจารย์ มหาวิทยาลัยเชียงใหม่", "TH", True),
    ("Aung Ko Ko", None, "ရန်ကုန် တက္ကသိုလ် ကထိက", "MM", True),
    ("Layla Haddad", None, "أستاذة في جامعة القاهرة", "EG", True),
    ("Maria Keller", None, "Professor, University of Basel", "CH", True),
    ("Hidden Person Whose Name Must Not Print", None, "Secret Employer", "KH", False),
]
LISTED_PEOPLE = sum(1 for *_, public in PEOPLE if public)


def _add_people(db: Database, statement_id: int) -> list[int]:
    ids = []
    for index, (name, local, affiliation, country, public) in enumerate(PEOPLE):
        person_id = people.add_person(
            db,
            name,
            local_name=local,
            affiliation=affiliation,
            country=country,
            email=f"person{index}@private-example.org",
            phone=f"+855 99 {700000 + index}",
            notes="met at the March workshop",
        )
        signons.record_person_signon(db, statement_id, person_id, is_public=public)
        ids.append(person_id)
    return ids


@pytest.fixture
def mixed(sample: SampleStatement) -> SampleStatement:
    _add_people(sample.db, sample.statement_id)
    return sample


def _export(sample: SampleStatement, out: Path, **options: Any) -> Path:
    export_statement_pdf(sample.db, sample.statement_id, out, PdfOptions(**options))
    return out


def _text(path: Path) -> str:
    """The text as pdftotext reads it back: what copying and searching see."""
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_organisations_and_people_have_their_own_sections_and_counts(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    summary = export_statement_pdf(mixed.db, mixed.statement_id, tmp_path / "s.pdf", PdfOptions())
    text = " ".join(_text(tmp_path / "s.pdf").split())
    assert "Organisations" in text and "Individuals" in text
    assert text.index("Organisations") < text.index("Individuals")
    organisations = len(ANONYMOUS_ORGS) + ORGANISATIONS
    assert (
        f"{organisations} organisations have signed: {ORGANISATIONS} named below and "
        f"{len(ANONYMOUS_ORGS)} that asked not to be named." in text
    )
    assert (
        f"{len(PEOPLE)} people have signed: {LISTED_PEOPLE} named below and 1 who asked "
        "not to be named." in text
    )
    # the summary and the metadata count both lists, as the page does
    assert summary.listed == ORGANISATIONS + LISTED_PEOPLE
    assert summary.anonymous == len(ANONYMOUS_ORGS) + 1
    subject = str(PdfReader(tmp_path / "s.pdf").metadata.subject)
    assert f"{len(PEOPLE)} people have signed" in subject
    assert f"{organisations} organisations have signed" in subject


def test_people_print_name_and_affiliation_in_every_script_never_contacts(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    text = _text(_export(mixed, tmp_path / "s.pdf", columns=1))
    flat = " ".join(text.split())
    for name, _local, affiliation, _country, public in PEOPLE:
        if not public:
            continue
        assert name in flat
        if not "\u0600" <= affiliation[0] <= "\u06ff":
            assert affiliation in flat  # Latin, Khmer, Thai, Burmese read back as typed
    # the Khmer own-script name is printed beside the name, as an organisation's is
    assert "Sok Dara – សុខ ដារ៉ា" in flat
    assert "@private-example.org" not in text
    assert "+855 99" not in text
    assert "workshop" not in text
    # an anonymous person is counted, never named, nor their affiliation
    assert "Hidden Person" not in flat
    assert "Secret Employer" not in flat


def _run_of(chars: list[dict[str, Any]], word: str) -> list[dict[str, Any]]:
    """The drawn characters that spell ``word``, one after the other."""
    texts = [char["text"] for char in chars]
    for start in range(len(chars) - len(word) + 1):
        if texts[start : start + len(word)] == list(word):
            return chars[start : start + len(word)]
    raise AssertionError(f"{word!r} is not drawn")


def test_an_affiliation_is_set_smaller_and_lighter_than_the_name(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    out = _export(mixed, tmp_path / "s.pdf", columns=1)
    with pdfplumber.open(out) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
    name_chars = _run_of(chars, "Keller")
    affiliation = _run_of(chars, "Basel")
    assert affiliation[0]["size"] < name_chars[0]["size"]
    assert affiliation[0]["non_stroking_color"] != name_chars[0]["non_stroking_color"]
    assert affiliation[0]["top"] > name_chars[0]["top"]  # on the line after the name


def test_khmer_labels_for_the_people_section(mixed: SampleStatement, tmp_path: Path) -> None:
    text = " ".join(_text(_export(mixed, tmp_path / "km.pdf", languages=("km",))).split())
    assert "បុគ្គល" in text
    assert "អង្គការ" in text
    assert f"បុគ្គលចំនួន {len(PEOPLE)} នាក់បានចុះហត្ថលេខា៖" in text
    assert "Individuals" not in text and "people have signed" not in text


def test_personal_capacity_prints_once_under_the_people_heading(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    plain = " ".join(_text(_export(mixed, tmp_path / "a.pdf")).split())
    assert "(in a personal capacity)" not in plain
    text = " ".join(_text(_export(mixed, tmp_path / "b.pdf", personal_capacity=True)).split())
    assert text.count("(in a personal capacity)") == 1
    assert text.index("Individuals") < text.index("(in a personal capacity)")
    assert text.index("(in a personal capacity)") < text.index("people have signed")
    both = " ".join(
        _text(
            _export(mixed, tmp_path / "c.pdf", languages=("km", "en"), personal_capacity=True)
        ).split()
    )
    assert "(ក្នុងនាមផ្ទាល់ខ្លួន) / (in a personal capacity)" in both


def test_a_statement_signed_only_by_people_has_only_their_section(
    db: Database, tmp_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Open letter", STATEMENT_TEXT)
    _add_people(db, statement_id)
    out = tmp_path / "people.pdf"
    summary = export_statement_pdf(db, statement_id, out, PdfOptions(group_by="kind"))
    text = " ".join(_text(out).split())
    assert "Individuals" in text
    assert "Organisations" not in text and "Signatories" not in text
    assert "organisations have signed" not in text and "No organisation" not in text
    assert summary.listed == LISTED_PEOPLE
    outline = [entry.title for entry in PdfReader(out).outline if not isinstance(entry, list)]
    assert outline[-1] == "Individuals"


def test_organisations_only_read_as_before(sample: SampleStatement, tmp_path: Path) -> None:
    text = " ".join(_text(_export(sample, tmp_path / "s.pdf")).split())
    assert "Signatories" in text
    assert "Individuals" not in text and "people" not in text


def test_the_people_list_is_its_own_list_under_its_own_heading(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    out = _export(mixed, tmp_path / "s.pdf", group_by="country")
    with pdfplumber.open(out) as pdf:
        nodes = _walk(pdf.structure_tree)
    sections = [node for depth, node in nodes if depth == 1 and node["type"] == "Sect"]
    organisations, individuals = sections[-2], sections[-1]
    for section, count in ((organisations, ORGANISATIONS), (individuals, LISTED_PEOPLE)):
        kids = section["children"]
        assert kids[0]["type"] == "H2"
        items = [node for _, node in _walk(kids) if node["type"] == "LI"]
        assert len(items) == count
        assert any(node["type"] == "L" for node in kids)
    outline = PdfReader(out).outline
    top = [entry.title for entry in outline if not isinstance(entry, list)]
    assert top[-2:] == ["Organisations", "Individuals"]
    people_groups = [entry.title for entry in outline[-1]]  # grouped by country, as orgs
    assert "Cambodia (1)" in people_groups and "Switzerland (1)" in people_groups


def test_people_are_not_grouped_by_kind(mixed: SampleStatement, tmp_path: Path) -> None:
    out = _export(mixed, tmp_path / "s.pdf", group_by="kind")
    outline = PdfReader(out).outline
    assert not isinstance(outline[-1], list)  # no groups under "Individuals"
    assert outline[-1].title == "Individuals"


def test_a_persons_confirmation_of_v1_is_printed_for_v1(
    mixed: SampleStatement, tmp_path: Path
) -> None:
    db, sid = mixed.db, mixed.statement_id
    statements.revise_statement(db, sid, "# New text\n\nChanged demands.", kind="substantive")
    keller = people.people_named(db, "Maria Keller")[0].id
    signons.record_person_signon(db, sid, keller, version_number=2)
    latest = export_statement_pdf(db, sid, tmp_path / "v2.pdf", PdfOptions())
    text = " ".join(_text(tmp_path / "v2.pdf").split())
    assert "Maria Keller" in text and "Sok Dara" not in text
    assert "1 person has signed." in text
    assert latest.left_out_for_reconfirmation == (
        ORGANISATIONS + len(ANONYMOUS_ORGS) + len(PEOPLE) - 1
    )
    old = export_statement_pdf(db, sid, tmp_path / "v1.pdf", PdfOptions(version_number=1))
    text = " ".join(_text(tmp_path / "v1.pdf").split())
    assert "Sok Dara" in text and "Maria Keller" in text
    assert old.listed == ORGANISATIONS + LISTED_PEOPLE
    assert old.left_out_for_reconfirmation == 0


def test_the_command_line_prints_personal_capacity_and_counts_people(
    mixed: SampleStatement, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="signapp")
    cli_commands.register(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "cli.pdf"
    argv = ["export-pdf", "--statement", str(mixed.statement_id), "--out", str(out)]
    args = parser.parse_args([*argv, "--personal-capacity"])
    assert args.handler(args, mixed.db) == 0
    printed = capsys.readouterr().out
    assert f"listed: {ORGANISATIONS + LISTED_PEOPLE}" in printed
    assert f"anonymous (counted, not named): {len(ANONYMOUS_ORGS) + 1}" in printed
    assert "(in a personal capacity)" in _text(out)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert "Arabic" in fonts.stdout  # the Arabic affiliation is set in an Arabic font


def test_namesakes_are_told_apart_by_affiliation_then_country(db: Database, tmp_path: Path) -> None:
    statement_id = statements.create_issued_statement(db, "Open letter", STATEMENT_TEXT)
    for name, affiliation, country in (
        ("Ivanov Aleksei", "Engineer, Volga Works", "RU"),
        ("Ivanov Aleksei", "Teacher, School 12", "KZ"),
        ("Chan Sophea", "Journalist", "KH"),
        ("Chan Sophea", "Journalist", "FR"),
    ):
        person_id = people.add_person(db, name, affiliation=affiliation, country=country)
        signons.record_person_signon(db, statement_id, person_id)
    out = tmp_path / "namesakes.pdf"
    summary = export_statement_pdf(db, statement_id, out, PdfOptions(columns=1))
    text = " ".join(_text(out).split())
    assert summary.listed == 4  # two people of one name are two entries
    assert "Ivanov Aleksei Engineer, Volga Works" in text
    assert "Ivanov Aleksei Teacher, School 12" in text
    assert "Chan Sophea (Cambodia) Journalist" in text
    assert "Chan Sophea (France) Journalist" in text


def test_each_affiliation_reads_back_right_after_its_name_in_columns(
    db: Database, tmp_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Open letter", STATEMENT_TEXT)
    signers = []
    for index in range(90):
        name = f"Signer Number{index:02d}"
        affiliation = (
            f"Lecturer{index:02d}, Faculty of Law" if index % 3 else f"Researcher{index:02d}"
        )
        signers.append((name, affiliation.split(",")[0]))
        person_id = people.add_person(db, name, affiliation=affiliation)
        signons.record_person_signon(db, statement_id, person_id)
    out = tmp_path / "columns.pdf"
    export_statement_pdf(db, statement_id, out, PdfOptions(columns=3))
    lines = [line.strip() for line in _text(out).splitlines() if line.strip()]
    for name, affiliation in signers:
        row = next(index for index, line in enumerate(lines) if line.endswith(name))
        assert lines[row + 1].startswith(affiliation), (name, lines[row : row + 2])
