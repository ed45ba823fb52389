"""People as signatories: their own records, sign-ons, versions and anonymity."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import ops_statements, organisations, people, signons, statements
from signapp.core.db import close_database, open_database
from signapp.core.errors import ValidationError
from signapp.core.schema import MIGRATION_STEPS


def _statement(db: Database) -> int:
    return statements.create_issued_statement(
        db, "Free the land defenders", "We, the undersigned, ..."
    )


def test_a_person_keeps_a_printed_name_an_affiliation_and_private_details(db):
    person_id = people.add_person(
        db,
        "Sok Dara",
        local_name="សុខ ដារា",
        affiliation="Professor, Royal University of Phnom Penh",
        country="Cambodia",
        email="Dara.Sok@Example.org",
        phone="012 345 678",
    )
    person = people.get_person(db, person_id)
    assert person.country == "KH"
    assert person.email == "Dara.Sok@example.org"
    assert person.phone == "+85512345678"
    assert [p.id for p in people.list_people(db, "royal phnom")] == [person_id]
    assert [p.id for p in people.list_people(db, "ដារា")] == [person_id]
    with pytest.raises(ValidationError, match="name"):
        people.add_person(db, "   ")


def test_people_and_organisations_sign_the_same_statement_side_by_side(db):
    statement_id = _statement(db)
    org_id = organisations.add_organisation(db, "Sok Dara Foundation")
    person_id = people.add_person(db, "Sok Dara", affiliation="Lawyer")
    signons.record_signon(db, statement_id, org_id)
    signons.record_person_signon(db, statement_id, person_id)
    anonymous = people.add_person(db, "Chan Sophea")
    signons.record_person_signon(db, statement_id, anonymous, is_public=False)
    assert [row.organisation_name for row in signons.list_signons(db, statement_id)] == [
        "Sok Dara Foundation"
    ]
    assert [row.name for row in signons.list_person_signons(db, statement_id)] == [
        "Chan Sophea",
        "Sok Dara",
    ]
    published = signons.public_people(db, statement_id)
    assert [(p.printed_name, p.affiliation) for p in published.listed] == [("Sok Dara", "Lawyer")]
    assert published.anonymous_count == 1
    assert [s.printed_name for s in signons.public_signatories(db, statement_id).listed] == [
        "Sok Dara Foundation"
    ]
    with pytest.raises(ValidationError, match="a person signs for themselves"):
        signons.record_person_signon(db, statement_id, person_id, authorised_by=1)


def test_a_substantive_revision_asks_people_to_reconfirm_too(db):
    statement_id = _statement(db)
    early = people.add_person(db, "Early Signer")
    late = people.add_person(db, "Late Signer")
    signons.record_person_signon(db, statement_id, early)
    statements.revise_statement(
        db, statement_id, "We, the undersigned, call ...", kind="substantive"
    )
    signons.record_person_signon(db, statement_id, late)
    rows = {
        row.name: row.needs_reconfirmation for row in signons.list_person_signons(db, statement_id)
    }
    assert rows == {"Early Signer": True, "Late Signer": False}
    latest = signons.public_people(db, statement_id)
    assert [p.printed_name for p in latest.listed] == ["Late Signer"]
    assert latest.left_out_for_reconfirmation == 1
    first = signons.public_people(db, statement_id, 1)
    assert [p.printed_name for p in first.listed] == ["Early Signer"]


def test_a_sign_on_is_an_organisations_or_a_persons_never_both(db):
    statement_id = _statement(db)
    org_id = organisations.add_organisation(db, "Tenants Union")
    person_id = people.add_person(db, "Vanna Keo")
    with pytest.raises(Exception, match="CHECK"):
        db.execute(
            "INSERT INTO signons (statement_id, organisation_id, person_id, status, created_at,"
            " updated_at) VALUES (?, ?, ?, 'confirmed', 'x', 'x')",
            [statement_id, org_id, person_id],
        )


def test_merging_two_records_of_one_person_keeps_every_answer_and_undoes(db):
    first = _statement(db)
    second = statements.create_issued_statement(db, "Second letter", "Text")
    keep = people.add_person(db, "Sok Dara", affiliation="Lawyer")
    drop = people.add_person(db, "SOK Dara", email="dara@example.org")
    signons.record_person_signon(db, first, keep)
    signons.record_person_signon(db, first, drop, status="declined")
    signons.record_person_signon(db, second, drop)
    record = people.merge_people(db, keep, drop)
    assert people.get_person(db, keep).email == "dara@example.org"
    assert [row.status.value for row in signons.list_person_signons(db, first)] == ["confirmed"]
    assert [row.person_id for row in signons.list_person_signons(db, second)] == [keep]
    people.undo_merge_people(db, record)
    assert people.get_person(db, keep).email is None
    assert {row.person_id for row in signons.list_person_signons(db, first)} == {keep, drop}
    assert [row.person_id for row in signons.list_person_signons(db, second)] == [drop]


def test_an_older_file_gains_people_without_losing_a_sign_on(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    before_people = MIGRATION_STEPS.index(
        next(step for step in MIGRATION_STEPS if step.__name__.endswith("_people"))
    )
    old = open_database(path, steps=MIGRATION_STEPS[:before_people])
    statement_id = _statement(old)
    org_id = organisations.add_organisation(old, "Tenants Union")
    signon_id = signons.record_signon(old, statement_id, org_id)
    confirmations = old.execute("SELECT count(*) FROM signon_confirmations").fetchone()[0]
    close_database(old)
    db = open_database(path)
    try:
        assert [row.signon.id for row in signons.list_signons(db, statement_id)] == [signon_id]
        assert (
            db.execute("SELECT count(*) FROM signon_confirmations").fetchone()[0] == confirmations
        )
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        person_id = people.add_person(db, "Vanna Keo")
        assert signons.record_person_signon(db, statement_id, person_id) > signon_id
    finally:
        close_database(db)


def test_removing_a_persons_signon_from_a_statement_is_undone(db):
    statement_id = _statement(db)
    person_id = people.add_person(db, "Sok Dara")
    signon_id = signons.record_person_signon(db, statement_id, person_id)

    done = ops_statements.remove_signons(db, [signon_id])

    assert signons.list_person_signons(db, statement_id) == []
    assert done.changes.statement_ids == {statement_id}
    assert done.changes.organisation_ids == frozenset()
    assert done.undo is not None
    done.undo(db)
    assert [row.signon_id for row in signons.list_person_signons(db, statement_id)] == [signon_id]
