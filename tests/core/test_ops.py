"""Each user-level change is one operation that says what it changed and what undoes it."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import contacts, ops_directory, ops_statements, organisations, signons
from signapp.core.model import SignOnStatus
from signapp.core.ops import Changes, Data
from signapp.core.ops_statements import NewOrganisation
from signapp.core.statements import save_draft_text


def _table_counts(db: Database) -> dict[str, int]:
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("statements", "organisations", "contacts", "signons")
    }


def test_adding_signons_creates_organisations_and_undoes_and_redoes_with_the_same_ids(
    db: Database,
) -> None:
    statement_id = ops_statements.create_statement(db, "Rivers").created_ids[0]
    existing = organisations.add_organisation(db, "Lake Keepers", country="TH")
    before = _table_counts(db)

    done = ops_statements.add_signons(
        db, statement_id, [existing, existing], new_organisations=[NewOrganisation("ក្រុមទឹក")]
    )

    assert len(done.created_ids) == 2  # the repeated organisation is added once
    assert done.changes.touches_statement(statement_id, Data.SIGNONS)
    assert done.changes.touches(Data.ORGANISATIONS)
    assert existing in done.changes.organisation_ids
    assert done.undo is not None
    undone = done.undo(db)
    assert _table_counts(db) == before
    assert undone.undo is not None
    redone = undone.undo(db)
    assert redone.created_ids == done.created_ids
    names = [row.organisation_name for row in signons.list_signons(db, statement_id)]
    assert sorted(names) == sorted(["Lake Keepers", "ក្រុមទឹក"])


def test_an_organisation_already_on_the_statement_is_left_as_it_is(db: Database) -> None:
    statement_id = ops_statements.create_statement(db, "Rivers").created_ids[0]
    org_id = organisations.add_organisation(db, "Lake Keepers")
    first = ops_statements.add_signons(db, statement_id, [org_id], status=SignOnStatus.PENDING)
    again = ops_statements.add_signons(db, statement_id, [org_id])
    assert again.created_ids == ()
    assert signons.get_signon(db, first.created_ids[0]).status is SignOnStatus.PENDING


def test_an_operation_that_fails_half_way_leaves_nothing_behind(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement_id = ops_statements.create_statement(db, "Rivers").created_ids[0]
    before = _table_counts(db)

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(signons, "record_signon", refuse)
    with pytest.raises(RuntimeError):
        ops_statements.add_signons(
            db, statement_id, [], new_organisations=[NewOrganisation("Half Made")]
        )
    assert _table_counts(db) == before


def test_editing_an_organisation_names_the_statements_whose_signons_show_it(
    db: Database,
) -> None:
    signed = ops_statements.create_statement(db, "Signed").created_ids[0]
    other = ops_statements.create_statement(db, "Other").created_ids[0]
    org_id = organisations.add_organisation(db, "Lake Keepers")
    ops_statements.add_signons(db, signed, [org_id])

    done = ops_directory.edit_organisation(db, org_id, {"name": "Lake Keepers"}, {"name": "LK"})

    assert done.changes == Changes.of(
        Data.ORGANISATIONS, statements=[signed], organisations=[org_id]
    )
    assert not done.changes.touches_statement(other, Data.ORGANISATIONS)
    assert not done.changes.touches(Data.SIGNONS)
    assert done.undo is not None
    done.undo(db)
    assert organisations.get_organisation(db, org_id).name == "Lake Keepers"


def test_a_merge_is_undone_and_redone(db: Database) -> None:
    statement_id = ops_statements.create_statement(db, "Rivers").created_ids[0]
    keep = organisations.add_organisation(db, "Lake Keepers")
    drop = organisations.add_organisation(db, "Lake Keepers Network")
    contacts.add_contact(db, drop, "Nok", email="nok@example.org")
    ops_statements.add_signons(db, statement_id, [drop])
    before = _table_counts(db)

    done = ops_directory.merge_organisations(db, keep, drop)
    assert done.changes.touches_statement(statement_id, Data.SIGNONS)
    assert done.changes.organisation_ids == {keep, drop}
    assert _table_counts(db)["organisations"] == before["organisations"] - 1
    assert done.undo is not None
    split = done.undo(db)
    assert _table_counts(db) == before
    assert split.undo is not None
    split.undo(db)
    assert [c.name for c in contacts.list_contacts(db, keep)] == ["Nok"]


def test_the_primary_contact_goes_back_on_undo(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Lake Keepers")
    first = contacts.add_contact(db, org_id, "First", is_primary=True)
    done = ops_directory.add_contact(db, org_id, {"name": "Second", "is_primary": True})
    assert not contacts.get_contact(db, first).is_primary
    assert done.undo is not None
    again = done.undo(db)
    assert contacts.get_contact(db, first).is_primary
    assert again.undo is not None
    again.undo(db)
    assert contacts.get_contact(db, done.created_ids[0]).is_primary
    assert not contacts.get_contact(db, first).is_primary


def test_an_issued_version_is_never_taken_back(db: Database) -> None:
    statement_id = ops_statements.create_statement(db, "Rivers").created_ids[0]
    save_draft_text(db, statement_id, "en", "We ask.")
    done = ops_statements.issue_version(db, statement_id, "initial")
    assert done.undo is None
    assert done.created_ids == (1,)
    assert done.changes.touches_statement(statement_id, Data.VERSIONS, Data.SIGNONS)
