"""End-to-end imports of the real public lists in ../shared/realdata (skipped when absent).

The 2020 Wednesday Demonstration statement is not imported here: its 43 organisations
sit inside one prose paragraph with the country as a prefix, "(Japan) A, B, (Uganda) C",
which is a statement to read, not a list or a table.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core.organisations import list_organisations
from signapp.core.people import list_people
from signapp.core.signons import list_signons
from signapp.core.statements import create_issued_statement
from signapp.export.csv import export_statement_csv
from signapp.export.pdf import export_statement_pdf
from signapp.importing.apply import import_file, initial_mapping, plan_import
from signapp.importing.mapping import Field
from signapp.importing.reading import read_table
from signapp.importing.signatory_kind import SignatoryKind
from signapp.importing.values import is_garbled

pytestmark = pytest.mark.realdata


def _statement(db: Database) -> int:
    return create_issued_statement(db, "Real data", "We, the undersigned, ...")


def test_grand_bargain_signatories_import_whole_and_only_once(
    db: Database, realdata: Path, tmp_path: Path
) -> None:
    source = realdata / "grand-bargain-signatories" / "signatories.csv"
    statement_id = _statement(db)
    table = read_table(source)
    mapping = initial_mapping(db, statement_id, table)
    assert table.header[mapping.column(Field.ORGANISATION) or 0] == "Publisher"
    assert table.header[mapping.column(Field.KIND) or 0] == "Organisation type"

    result = import_file(db, source, statement_id, report_folder=tmp_path)
    again = import_file(db, source, statement_id, report_folder=tmp_path)

    assert (result.rows_read, result.rows_rejected, result.signons_recorded) == (115, 0, 115)
    assert (again.signons_recorded, again.already_imported) == (0, 115)
    organisations = {org.name: org for org in list_organisations(db)}
    assert organisations["Catholic Relief Services"].acronym == "CRS"
    assert organisations["Syria Relief"].kind.value == "local_ngo"  # "National NGO"
    garbled = [name for name in organisations if is_garbled(name)]
    assert garbled == ["Oxfam Solidarit√©-Solidariteit"]
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert "No URL Provided" not in report  # the sentinel is read as "no website"
    assert "name 'Oxfam Solidarit√©-Solidariteit' looks garbled" in report


def test_myanmar_solidarity_list_merges_spelling_variants_and_asks_about_a_typo(
    db: Database, realdata: Path, tmp_path: Path
) -> None:
    source = (
        realdata
        / "korean-women-orgs-statements"
        / "2021-03-17_korean-womens-orgs_myanmar-solidarity.md"
    )
    statement_id = _statement(db)
    table = read_table(source)

    plan = plan_import(db, table, initial_mapping(db, statement_id, table), statement_id)

    # The English list, one name per paragraph, however long; the Korean lists are
    # paragraphs of names separated by commas, reported and left out.
    assert plan.rows_read == 104
    names = [row.name for row in plan.rows]
    assert (
        "The Korean Council for Justice and Remembrance for the Issues of Military "
        "Sexual Slavery by Japan" in names
    )
    skipped = {(run.first, run.reason) for run in plan.skipped_lines}
    assert (18, "a sentence of the text") in skipped
    assert (178, "a bold line (a heading)") in skipped
    assert (
        258,
        "many names in one paragraph, separated by commas (put one per line to import them)",
    ) in skipped
    assert plan.duplicates_within_file == 2
    merged = sorted(
        sorted({row.name for row in org.rows}) for org in plan.organisations if len(org.rows) > 1
    )
    assert merged == [
        ["Korean Methodist Women's Leadership Institute", "Korean Methodist Women’s Leadership Institute"],
        ["OSAN MIGRANT WORKER'S CENTER", "Osan Migrant Worker’s Center"],
    ]  # fmt: skip
    assert [plan.pair_names(pair) for pair in plan.pairs] == [
        ("Korean Association of Women Theologians", "Koreans Association of Women Theologians")
    ]


def test_rms_signatures_keep_people_with_one_name_but_different_pages_apart(
    db: Database, realdata: Path, tmp_path: Path
) -> None:
    source = realdata / "rms-support-letter-signatures" / "signatures.csv"
    statement_id = _statement(db)

    result = import_file(db, source, statement_id, report_folder=tmp_path)

    assert (result.rows_read, result.rows_rejected) == (6876, 0)
    assert result.signons_recorded + result.duplicates_within_file == 6876
    assert result.duplicates_within_file > 0
    alexanders = [org for org in list_organisations(db) if org.name == "Alexander"]
    assert len(alexanders) > 1  # same name, different links: kept apart for review
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert (
        "'Alexander' (rows 166) / 'Alexander' (rows 686): same name; websites differ "
        "(github.com/alex-enginix / codeberg.org/fedorov)" in report
    )
    assert len(list_signons(db, statement_id)) == result.signons_recorded


def _letter_with_private_emails(realdata: Path, folder: Path) -> tuple[Path, set[str]]:
    """The rms-support-letter signatures with an email column added (invented addresses
    at example.org, one in seven signers, the same for one link), written to ``folder``:
    a coordinator's export holds emails that must never be printed."""
    source = realdata / "rms-support-letter-signatures" / "signatures.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    emails: set[str] = set()
    derived = folder / "signatures-with-emails.csv"
    with derived.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_file", "name", "link", "Email"])
        for row in rows:
            digest = hashlib.sha256(row["link"].encode("utf-8")).hexdigest()
            email = f"signer.{digest[:10]}@example.org" if int(digest, 16) % 7 == 0 else ""
            if email:
                emails.add(email)
            writer.writerow([row["source_file"], row["name"], row["link"], email])
    return derived, emails


def test_rms_support_letter_imports_people_keeping_namesakes_apart_and_no_email_printed(
    db: Database, realdata: Path, tmp_path: Path
) -> None:
    derived, emails = _letter_with_private_emails(realdata, tmp_path)
    statement_id = _statement(db)
    result = import_file(
        db, derived, statement_id, report_folder=tmp_path, signing_as=SignatoryKind.PERSON
    )
    assert result.rows_read == 6876
    assert result.new_organisations == 0
    # Every row is a person, a resubmission merged into one, or rejected with a reason.
    assert (
        result.signons_recorded + result.duplicates_within_file + result.rows_rejected
        == result.rows_read
    )
    assert result.rows_rejected <= 5
    people: dict[str, list[str | None]] = {}
    for person in list_people(db):
        people.setdefault(person.name, []).append(person.affiliation)
    # Resubmissions (the same name and link in two files) are one person each.
    for name in ("Melvin Carvalho", "Jason Cotman", "Ian Sutter", "Karol Makowski"):
        assert len(people[name]) == 1, name
    # Namesakes with other affiliations or other links stay apart.
    assert len(people["Alexander"]) == 5
    assert sorted(people["Sergey Kozlov"], key=str) == ["Lomonosov Moscow State University", None]
    assert len(people["Dmitry Gerasimov"]) == 2
    assert people["范培霖"] == ["西安交通大学"]
    assert result.people_pairs_left >= 30
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert "one gives an affiliation (Lomonosov Moscow State University), the other none" in report

    pdf = tmp_path / "letter.pdf"
    export_statement_pdf(db, statement_id, pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheet = tmp_path / "letter.csv"
    export_statement_csv(db, statement_id, sheet)
    listed = sheet.read_text(encoding="utf-8-sig")
    assert "Melvin Carvalho" in listed
    # The letter is signed by people only: their section alone, each with the
    # affiliation the import read, the signer's own script kept.
    flat = " ".join(text.split())
    assert "Individuals" in flat and "organisations have signed" not in flat
    assert "Sergey Kozlov Lomonosov Moscow State University" in flat
    assert "范培霖 西安交通大学" in flat
    for published in (text, listed):
        assert "example.org" not in published
        assert not any(email in published for email in emails)
