"""Erasure erases exactly what was asked: ids are never given again, an old log entry's
id never points at a later organisation, and what was deleted can still be erased."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import contacts, organisations, signons, statements
from signapp.core.backups import BackupKind, backups_folder, make_backup
from signapp.core.db import check_database, open_database
from signapp.core.erase import erase_organisation, erasure_plan
from signapp.core.errors import DatabaseBusy
from signapp.core.schema import MIGRATION_STEPS
from tests.safety.erase_scan import files_holding
from tests.safety.other_process import OtherProcess

# Schema steps before ids were kept from reuse: a file written by an earlier signapp.
BEFORE_LASTING_IDS = MIGRATION_STEPS[:5]


def test_a_merged_or_deleted_row_never_gives_its_id_to_a_new_one(db_path: Path) -> None:
    db = open_database(db_path)
    keep = organisations.add_organisation(db, "Lakeside Growers")
    duplicate = organisations.add_organisation(db, "Lakeside Growers Co-op")
    organisations.merge_organisations(db, keep, duplicate)
    assert organisations.add_organisation(db, "Hill Tribe Weavers") > duplicate
    contact = contacts.add_contact(db, keep, "Noy Phet", email="noy@lakeside.la")
    contacts.delete_contact(db, contact)
    assert contacts.add_contact(db, keep, "Bua Kham") > contact
    db.close()


def test_an_older_file_is_rebuilt_with_every_row_and_link_kept(db_path: Path) -> None:
    old = open_database(db_path, steps=BEFORE_LASTING_IDS)
    org = organisations.add_organisation(old, "Delta Fishers")
    removed = organisations.add_organisation(old, "Removed Group")
    person = contacts.add_contact(old, org, "Sokha Chan", email="sokha@delta.kh")
    statement = statements.create_issued_statement(old, "Clean water", "We ask for clean water.")
    signon = signons.record_signon(old, statement, org, status="confirmed", authorised_by=person)
    organisations.delete_organisation(old, removed)
    old.close()

    db = open_database(db_path)
    assert check_database(db) == []
    assert db.execute(
        "SELECT organisation_id, authorised_by FROM signons WHERE id = ?", [signon]
    ).fetchone() == (org, person)
    assert contacts.list_contacts(db, org)[0].email == "sokha@delta.kh"
    # The id of the deleted organisation, still named in the audit log, is not given again.
    assert organisations.add_organisation(db, "New Group") > removed
    for table in ("organisations", "contacts", "signons", "audit_log"):
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "AUTOINCREMENT" in sql
    # The foreign keys still act: deleting the organisation takes its sign-on with it.
    organisations.delete_organisation(db, org)
    assert db.execute("SELECT count(*) FROM signons").fetchone()[0] == 0
    db.close()


def _reused_id_file(db_path: Path) -> tuple[int, int, int]:
    """An older file where a merged duplicate's id went to a later organisation."""
    old = open_database(db_path, steps=BEFORE_LASTING_IDS)
    keep = organisations.add_organisation(old, "Mountain Rights Forum")
    duplicate = organisations.add_organisation(old, "Mountain Rights Forum (form)")
    contacts.add_contact(old, duplicate, "Old Duplicate Person", email="dup@mrf.org")
    organisations.merge_organisations(old, keep, duplicate)
    newcomer = organisations.add_organisation(old, "River School Network")
    assert newcomer == duplicate  # what SQLite did without AUTOINCREMENT
    contacts.add_contact(old, newcomer, "Mali Inthavong", email="mali@riverschool.la")
    statement = statements.create_issued_statement(
        old, "Free assembly", "We stand for free assembly."
    )
    signons.record_signon(old, statement, newcomer, status="confirmed")
    old.close()
    return keep, duplicate, newcomer


def test_erasing_a_keeper_leaves_the_organisation_that_was_given_its_duplicates_id(
    db_path: Path, capsys
) -> None:
    keep, _duplicate, newcomer = _reused_id_file(db_path)
    db = open_database(db_path)  # upgrades, with a pre-migration backup of the old file
    make_backup(db, BackupKind.MANUAL)
    plan = erasure_plan(db, keep)
    described = "\n".join(plan.describe())
    assert "'Mountain Rights Forum (form)' (merged into" in described
    assert "River School Network" not in described and "Mali" not in described
    db.close()

    assert main(["--db", str(db_path), "erase-org", str(keep), "--yes"]) == 0
    db = open_database(db_path)
    assert organisations.get_organisation(db, newcomer).name == "River School Network"
    assert [c.name for c in contacts.list_contacts(db, newcomer)] == ["Mali Inthavong"]
    assert (
        db.execute("SELECT count(*) FROM signons WHERE organisation_id = ?", [newcomer]).fetchone()[
            0
        ]
        == 1
    )
    db.close()
    assert files_holding(db_path, ("Mountain Rights Forum", "dup@mrf.org")) == {}
    # Every backup still holds the newcomer (each was copied after it was added).
    kept = files_holding(db_path, ("mali@riverschool.la",))
    assert set(kept) >= {path.name for path in backups_folder(db_path).glob("*.sqlite")}


def test_a_deleted_contacts_email_goes_even_when_its_id_was_given_again(db_path: Path) -> None:
    old = open_database(db_path, steps=BEFORE_LASTING_IDS)
    erased = organisations.add_organisation(old, "Night Shelter Group")
    other = organisations.add_organisation(old, "Day Care Union")
    gone = contacts.add_contact(old, erased, "Former Volunteer", email="former@shelter.org")
    contacts.delete_contact(old, gone)
    reused = contacts.add_contact(old, other, "Current Teacher", email="teacher@daycare.org")
    assert reused == gone
    old.close()
    db = open_database(db_path)
    erase_organisation(db, erased)
    assert [c.email for c in contacts.list_contacts(db, other)] == ["teacher@daycare.org"]
    db.close()
    assert files_holding(db_path, ("former@shelter.org", "Night Shelter Group")) == {}
    assert files_holding(db_path, ("teacher@daycare.org",))


def test_a_deleted_organisation_can_still_be_erased_from_the_log_and_backups(
    db_path: Path, capsys
) -> None:
    db = open_database(db_path)
    org = organisations.add_organisation(
        db, "Hidden Witness Collective", notes="meets at the temple"
    )
    contacts.add_contact(db, org, "Kyaw Zin", email="kyaw@witness.mm", phone="+95 9 123 4567")
    make_backup(db, BackupKind.MANUAL)
    organisations.delete_organisation(db, org)
    db.close()
    secrets = ("Hidden Witness Collective", "kyaw@witness.mm", "+95 9 123 4567", "temple")
    assert files_holding(db_path, secrets)
    assert main(["--db", str(db_path), "erase-org", str(org)]) == 1
    out = capsys.readouterr().out
    assert "'Hidden Witness Collective' (deleted earlier; its history)" in out
    assert main(["--db", str(db_path), "erase-org", str(org), "--yes"]) == 0
    assert files_holding(db_path, secrets) == {}


def test_the_confirmation_names_what_goes_and_where(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    org = organisations.add_organisation(db, "Seaweed Farmers Guild")
    contacts.add_contact(db, org, "Ahmad Yusof", email="ahmad@seaweed.my")
    contacts.add_contact(db, org, "Siti Rahman")
    statement = statements.create_issued_statement(
        db, "Coastal land rights", "We ask for land rights."
    )
    signons.record_signon(db, statement, org, status="confirmed")
    backup = make_backup(db, BackupKind.MANUAL)
    db.close()
    assert main(["--db", str(db_path), "erase-org", str(org)]) == 1
    out = capsys.readouterr().out
    for expected in (
        "organisation 1 'Seaweed Farmers Guild' (in the directory)",
        "contact 'Ahmad Yusof'",
        "contact 'Siti Rahman'",
        "1 sign-on, on 'Coastal land rights'",
        f"backup {backup}",
        "nothing was erased",
    ):
        assert expected in out


def test_erasure_is_refused_while_another_process_has_the_file_open(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    org = organisations.add_organisation(db, "Open Elsewhere Group")
    db.close()
    with OtherProcess(db_path):
        db = open_database(db_path)
        with pytest.raises(DatabaseBusy, match="open in another signapp window"):
            erase_organisation(db, org)
        assert organisations.get_organisation(db, org).name == "Open Elsewhere Group"
        db.close()
        assert main(["--db", str(db_path), "erase-org", str(org), "--yes"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "nothing was erased" in err
    assert files_holding(db_path, ("Open Elsewhere Group",))
    assert main(["--db", str(db_path), "erase-org", str(org), "--yes"]) == 0


def test_half_written_backup_copies_are_removed(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    org = organisations.add_organisation(db, "Copy Left Behind Network")
    folder = backups_folder(db_path)
    folder.mkdir(exist_ok=True)
    partial = folder / "pre-import-2026-01-01_000000_000000.sqlite.123-abcd.partial"
    with sqlite3.connect(partial) as copy:
        db.conn.backup(copy)
    copy.close()
    plan = erasure_plan(db, org)
    assert partial in plan.partial_copies
    erase_organisation(db, org)
    db.close()
    assert not partial.exists()
    assert files_holding(db_path, ("Copy Left Behind Network",)) == {}


def test_an_import_does_not_give_a_deleted_organisations_id_again(db_path: Path) -> None:
    from signapp.core.db import transaction
    from signapp.core.import_store import insert_organisations

    db = open_database(db_path)
    organisations.add_organisation(db, "First Group")
    deleted = organisations.add_organisation(db, "Deleted Group")
    organisations.delete_organisation(db, deleted)
    with transaction(db):
        [imported] = insert_organisations(db, [{"name": "Imported Group"}])
    assert imported > deleted
    db.close()
