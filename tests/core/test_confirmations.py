"""Each version a sign-on confirmed is kept, so any issued version's list is reproduced."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.db import open_database
from signapp.core.schema import MIGRATION_STEPS


def _statement_with(db: Database, named: int, anonymous: int) -> tuple[int, list[int]]:
    statement_id = statements.create_issued_statement(db, "Stop the harassment", "# Text\n\nOne.")
    org_ids = []
    for index in range(named + anonymous):
        org_id = organisations.add_organisation(db, f"Group {index:02d}", country="KH")
        signons.record_signon(db, statement_id, org_id, is_public=index < named)
        org_ids.append(org_id)
    return statement_id, org_ids


def test_an_old_version_lists_who_confirmed_it_after_some_confirm_a_new_one(
    db: Database,
) -> None:
    statement_id, org_ids = _statement_with(db, named=21, anonymous=5)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    for org_id in org_ids[:4]:
        signons.record_signon(db, statement_id, org_id)  # confirms version 2
    first = signons.public_signatories(db, statement_id, 1)
    assert len(first.listed) == 21
    assert first.anonymous_count == 5
    assert first.left_out_for_reconfirmation == 0
    second = signons.public_signatories(db, statement_id, 2)
    assert [s.organisation_id for s in second.listed] == org_ids[:4]
    assert second.left_out_for_reconfirmation == 22


def test_an_org_that_signed_only_the_new_version_is_not_on_the_old_list(db: Database) -> None:
    statement_id, _ = _statement_with(db, named=3, anonymous=0)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="editorial")
    late = organisations.add_organisation(db, "Late Group")
    signons.record_signon(db, statement_id, late)
    assert len(signons.public_signatories(db, statement_id, 1).listed) == 3
    assert len(signons.public_signatories(db, statement_id, 2).listed) == 4
    assert signons.public_signatories(db, statement_id, 1).left_out_for_reconfirmation == 0


def test_a_withdrawal_takes_the_name_off_every_version(db: Database) -> None:
    statement_id, org_ids = _statement_with(db, named=3, anonymous=0)
    signon_id = signons.record_signon(db, statement_id, org_ids[0], status="withdrawn")
    assert len(signons.public_signatories(db, statement_id, 1).listed) == 2
    assert signons.confirmed_versions(db, signon_id) == [1]  # the history stays


def test_undoing_a_confirmation_of_the_new_version_forgets_it(db: Database) -> None:
    statement_id, org_ids = _statement_with(db, named=2, anonymous=0)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    signon_id = signons.record_signon(db, statement_id, org_ids[0])
    assert signons.confirmed_versions(db, signon_id) == [1, 2]
    signons.update_signon(db, signon_id, {"version_number": 1})  # what undo does
    assert signons.confirmed_versions(db, signon_id) == [1]
    assert signons.public_signatories(db, statement_id, 2).listed == []


def test_removing_and_restoring_a_signon_keeps_its_confirmations(db: Database) -> None:
    statement_id, org_ids = _statement_with(db, named=2, anonymous=0)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    signon_id = signons.record_signon(db, statement_id, org_ids[0])
    row = signons.delete_signon(db, signon_id)
    assert (
        db.execute(
            "SELECT count(*) FROM signon_confirmations WHERE signon_id = ?", [signon_id]
        ).fetchone()[0]
        == 0
    )
    signons.restore_signon(db, row)
    assert signons.confirmed_versions(db, signon_id) == [1, 2]
    assert len(signons.public_signatories(db, statement_id, 1).listed) == 2


def test_signons_written_in_bulk_are_recorded_too(db: Database) -> None:
    statement_id, _ = _statement_with(db, named=0, anonymous=0)
    org_id = organisations.add_organisation(db, "Bulk Group")
    db.execute(  # as an import writes them, without going through record_signon
        "INSERT INTO signons (statement_id, organisation_id, status, version_number, "
        "created_at, updated_at) VALUES (?, ?, 'confirmed', 1, 'now', 'now')",
        [statement_id, org_id],
    )
    assert [s.organisation_id for s in signons.public_signatories(db, statement_id, 1).listed] == [
        org_id
    ]


def test_the_schema_step_fills_confirmations_from_the_log_and_the_signons(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    old = open_database(path, steps=MIGRATION_STEPS[:3])
    statement_id, org_ids = _statement_with(old, named=3, anonymous=0)
    statements.revise_statement(old, statement_id, "# Text\n\nTwo.", kind="substantive")
    renewed = signons.record_signon(old, statement_id, org_ids[0])
    undone = signons.record_signon(old, statement_id, org_ids[1])
    signons.update_signon(old, undone, {"version_number": 1})
    # Read with SQL: today's queries expect tables a file of step 3 does not have yet.
    untouched = old.execute(
        "SELECT id FROM signons WHERE statement_id = ? AND organisation_id = ?",
        [statement_id, org_ids[2]],
    ).fetchone()[0]
    old.execute("DELETE FROM audit_log WHERE entity = 'sign-on' AND entity_id = ?", [untouched])
    old.close()
    db = open_database(path)
    assert signons.confirmed_versions(db, renewed) == [1, 2]
    assert signons.confirmed_versions(db, undone) == [1]
    assert len(signons.public_signatories(db, statement_id, 1).listed) == 3
    assert [s.organisation_id for s in signons.public_signatories(db, statement_id, 2).listed] == [
        org_ids[0]
    ]
    db.close()


def test_deleting_and_restoring_an_organisation_keeps_its_confirmations(db: Database) -> None:
    statement_id, org_ids = _statement_with(db, named=2, anonymous=0)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    signon_id = signons.record_signon(db, statement_id, org_ids[0])
    snapshot = organisations.delete_organisation(db, org_ids[0])
    organisations.restore_organisation(db, snapshot)
    assert signons.confirmed_versions(db, signon_id) == [1, 2]


def test_merging_two_organisations_keeps_the_versions_either_confirmed(db: Database) -> None:
    statement_id, org_ids = _statement_with(db, named=2, anonymous=0)
    statements.revise_statement(db, statement_id, "# Text\n\nTwo.", kind="substantive")
    kept = signons.record_signon(db, statement_id, org_ids[1])  # confirms 1, then 2
    signons.delete_signon(db, kept)
    kept = signons.record_signon(db, statement_id, org_ids[1])  # only 2 now
    organisations.merge_organisations(db, org_ids[1], org_ids[0])
    assert signons.confirmed_versions(db, kept) == [1, 2]
