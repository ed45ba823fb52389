"""Erasing an organisation leaves none of its personal data anywhere in the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import audit, backups, contacts, organisations, signons
from signapp.core.backups import BackupKind, backups_folder
from signapp.core.db import check_database, open_database
from signapp.core.erase import PLACEHOLDER_NAME, erase_organisation, erasure_plan
from signapp.core.errors import NotFound
from tests.safety.erase_scan import files_holding
from tests.safety.sample import fill

ERASED_VALUES = (
    "Quiet Meadow Shelter",
    "တိတ်ဆိတ်သောမြက်ခင်း",
    "asks never to be named",
    "Thiri Aung",
    "thiri.aung@example.net",
    "Tuesdays",
)


def _leaks(db_path: Path, values: tuple[str, ...]) -> dict[str, list[str]]:
    return files_holding(db_path, values)


def test_erase_with_anonymous_count_keeps_the_count_and_nothing_personal(db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    backups.make_backup(db, BackupKind.MANUAL)
    backups.backup_before_import(db)
    assert _leaks(db_path, ERASED_VALUES)  # the test can see them before

    plan = erasure_plan(db, sample.anonymous_org)
    assert (plan.contacts, plan.signons, plan.backups) == (1, 1, 2)
    steps: list[tuple[int, int]] = []
    report = erase_organisation(
        db, sample.anonymous_org, keep_anonymous_count=True, progress=lambda *s: steps.append(s)
    )
    assert steps == [(1, 3), (2, 3), (3, 3)]

    assert report.signons_kept_anonymous == 1 and report.contacts_removed == 1
    assert len(report.backups_cleaned) == 2 and report.backups_removed == []
    assert _leaks(db_path, ERASED_VALUES) == {}
    placeholder = organisations.get_organisation(db, sample.anonymous_org)
    assert placeholder.name == PLACEHOLDER_NAME and placeholder.country is None
    # Nor the sort key of its own-script name, from which much of the name can be read.
    assert db.execute(
        "SELECT local_name, local_name_sort FROM organisations WHERE id = ?",
        [sample.anonymous_org],
    ).fetchone() == (None, None)
    assert contacts.list_contacts(db, sample.anonymous_org) == []
    public = signons.public_signatories(db, sample.statement_id)
    assert public.anonymous_count == 1
    assert [entry.printed_name for entry in public.listed] == ["RFU"]
    kept = signons.list_signons(db, sample.statement_id)
    erased_signon = next(r.signon for r in kept if r.signon.organisation_id == sample.anonymous_org)
    assert (erased_signon.notes, erased_signon.raw_source, erased_signon.is_public) == (
        None,
        None,
        False,
    )
    assert check_database(db) == []
    # The other organisation is untouched, its history too.
    assert contacts.list_contacts(db, sample.listed_org)[0].email == "dara.chenda@example.org"
    assert audit.entries(db, entity="organisation", entity_id=sample.listed_org)
    assert [entry.action for entry in audit.entries(db, entity_id=sample.anonymous_org)] == [
        "erase"
    ]
    for info in backups.list_backups(db_path):
        assert info.counts is not None and info.counts.contacts == 1
    db.close()


def test_erase_without_count_removes_organisation_and_sign_ons(db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    report = erase_organisation(db, sample.anonymous_org)
    assert report.signons_removed == 1
    with pytest.raises(NotFound):
        organisations.get_organisation(db, sample.anonymous_org)
    assert signons.public_signatories(db, sample.statement_id).anonymous_count == 0
    assert _leaks(db_path, ERASED_VALUES) == {}
    assert check_database(db) == []
    db.close()


def test_erase_reaches_organisations_merged_into_it_and_deleted_contacts(db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    duplicate = organisations.add_organisation(db, "Quiet Meadow Shelter Old Entry")
    gone = contacts.add_contact(db, duplicate, "Former Volunteer Kyaw", email="kyaw@example.com")
    backups.make_backup(db, BackupKind.MANUAL)  # holds the duplicate as its own row
    contacts.delete_contact(db, gone)
    organisations.merge_organisations(db, sample.anonymous_org, duplicate)
    erase_organisation(db, sample.anonymous_org)
    values = (*ERASED_VALUES, "Old Entry", "Former Volunteer Kyaw", "kyaw@example.com")
    assert _leaks(db_path, values) == {}
    assert organisations.count_organisations(db) == 1
    db.close()


def test_erase_in_a_protected_database_cleans_its_protected_backups(db_path: Path) -> None:
    passphrase = "river stones at dusk"
    db = open_database(db_path, passphrase=passphrase)
    sample = fill(db)
    backup = backups.make_backup(db, BackupKind.MANUAL)
    report = erase_organisation(db, sample.anonymous_org, passphrase=passphrase)
    assert report.backups_cleaned == [backup]
    assert backups.read_counts(backup, passphrase).contacts == 1
    db.close()


def test_a_backup_that_cannot_be_cleaned_is_deleted(db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    unreadable = backups_folder(db_path) / "manual-from-elsewhere.sqlite"
    unreadable.parent.mkdir(exist_ok=True)
    unreadable.write_bytes(b"\x13" * 4096)
    report = erase_organisation(db, sample.anonymous_org)
    assert report.backups_removed == [unreadable] and not unreadable.exists()
    db.close()


def test_cli_erase_asks_for_yes_then_erases(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    sample = fill(db)
    db.close()
    command = ["--db", str(db_path), "erase-org", str(sample.anonymous_org)]
    assert main(command) == 1
    out = capsys.readouterr().out
    assert "Quiet Meadow Shelter" in out and "nothing was erased" in out
    assert "1 contact, its 1 sign-on," in out  # counted in words, not "1 contacts"
    assert main([*command, "--keep-anonymous-count", "--yes"]) == 0
    assert "kept only as an anonymous count" in capsys.readouterr().out
    assert _leaks(db_path, ERASED_VALUES) == {}
    assert main(["--db", str(db_path), "erase-org", "999", "--yes"]) == 2
    assert "organisation 999 does not exist" in capsys.readouterr().err
