"""Statements, versions, sign-on statuses and the reconfirmation rule."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, signons, statements
from signapp.core.errors import StatementLocked, ValidationError
from signapp.core.model import SignOnStatus, StatementStatus, VersionKind


@pytest.fixture
def statement_id(db: Database) -> int:
    return statements.create_issued_statement(
        db, "Stop judicial harassment", "# Statement\n\nVersion one."
    )


def test_a_new_statement_starts_as_a_draft_and_issuing_opens_collection(db: Database) -> None:
    statement_id = statements.create_statement(db, "Draft only", deadline="2026-12-10")
    assert statements.get_statement(db, statement_id).status is StatementStatus.DRAFTING
    statements.save_draft_text(db, statement_id, "en", "English text")
    statements.save_draft_text(db, statement_id, "km", "អត្ថបទខ្មែរ")
    assert statements.issue_version(db, statement_id, "editorial") == 1
    version = statements.get_version(db, statement_id)
    assert version.kind is VersionKind.INITIAL
    assert version.texts == {"en": "English text", "km": "អត្ថបទខ្មែរ"}
    assert statements.get_statement(db, statement_id).status is StatementStatus.COLLECTING


def test_issued_versions_never_change_edits_go_to_a_new_draft(
    db: Database, statement_id: int
) -> None:
    draft = statements.save_draft_text(db, statement_id, "en", "Version two text.")
    assert draft.number == 2 and draft.is_draft
    assert statements.get_version(db, statement_id, 1).texts["en"] == "# Statement\n\nVersion one."
    assert statements.issue_version(db, statement_id, "editorial", note="typo") == 2
    [first, second] = statements.list_versions(db, statement_id)
    assert (first.kind, second.kind, second.note) == (
        VersionKind.INITIAL,
        VersionKind.EDITORIAL,
        "typo",
    )
    with pytest.raises(ValidationError, match="already has a en text"):
        statements.add_translation(db, statement_id, "en", "changed", version_number=1)


def test_translation_is_added_to_an_issued_version(db: Database, statement_id: int) -> None:
    assert statements.add_translation(db, statement_id, "km", "សេចក្តីថ្លែងការណ៍") == 1
    assert statements.get_version(db, statement_id, 1).texts == {
        "en": "# Statement\n\nVersion one.",
        "km": "សេចក្តីថ្លែងការណ៍",
    }
    assert audit.entries(db, entity="statement version", limit=1)[0].action == "translate"


def test_issuing_needs_text_and_a_revision_kind(db: Database) -> None:
    empty = statements.create_statement(db, "Nothing yet")
    with pytest.raises(ValidationError, match="no text"):
        statements.issue_version(db, empty, "editorial")
    statement_id = statements.create_issued_statement(db, "T", "text")
    statements.save_draft_text(db, statement_id, "en", "more")
    with pytest.raises(ValidationError, match="editorial or substantive"):
        statements.issue_version(db, statement_id, "initial")


@pytest.mark.parametrize("locked", ["closed", "published"])
def test_closed_or_published_text_cannot_change(
    db: Database, statement_id: int, locked: str
) -> None:
    statements.set_statement_status(db, statement_id, locked)
    with pytest.raises(StatementLocked, match=locked):
        statements.save_draft_text(db, statement_id, "en", "sneaky edit")
    with pytest.raises(StatementLocked):
        statements.add_translation(db, statement_id, "km", "text")
    assert statements.get_draft(db, statement_id) is None


def test_every_signon_status_can_be_recorded(db: Database, statement_id: int) -> None:
    org_id = organisations.add_organisation(db, "Status Walker")
    for status in SignOnStatus:
        signon_id = signons.record_signon(db, statement_id, org_id, status=status)
        assert signons.get_signon(db, signon_id).status is status
    assert len(signons.list_signons(db, statement_id)) == 1  # one per organisation
    changes = [e.after["status"] for e in reversed(audit.entries(db, entity="sign-on")) if e.after]
    assert changes == [status.value for status in SignOnStatus]


def test_confirmation_records_the_latest_issued_version(db: Database, statement_id: int) -> None:
    org_id = organisations.add_organisation(db, "Late Signer")
    statements.revise_statement(db, statement_id, "v2", kind="editorial")
    signon_id = signons.record_signon(db, statement_id, org_id, status="pending")
    assert signons.get_signon(db, signon_id).version_number is None
    signons.update_signon(db, signon_id, {"status": "confirmed"})
    assert signons.get_signon(db, signon_id).version_number == 2


def test_confirmation_needs_an_issued_version(db: Database) -> None:
    statement_id = statements.create_statement(db, "Unissued")
    org_id = organisations.add_organisation(db, "Eager")
    with pytest.raises(ValidationError, match="once a version has been issued"):
        signons.record_signon(db, statement_id, org_id)
    signons.record_signon(db, statement_id, org_id, status="invited")


def test_authoriser_must_belong_to_the_organisation(db: Database, statement_id: int) -> None:
    org_id = organisations.add_organisation(db, "Org A")
    other = organisations.add_organisation(db, "Org B")
    stranger = contacts.add_contact(db, other, "Stranger")
    with pytest.raises(ValidationError, match="another organisation"):
        signons.record_signon(db, statement_id, org_id, authorised_by=stranger)


def test_substantive_revision_flags_earlier_confirmations(db: Database, statement_id: int) -> None:
    early = organisations.add_organisation(db, "Early Bird")
    declined = organisations.add_organisation(db, "Nay Sayer")
    signons.record_signon(db, statement_id, early)
    signons.record_signon(db, statement_id, declined, status="declined")

    statements.revise_statement(db, statement_id, "Changed demands", kind="substantive")

    rows = {row.organisation_name: row for row in signons.list_signons(db, statement_id)}
    assert rows["Early Bird"].needs_reconfirmation
    assert not rows["Nay Sayer"].needs_reconfirmation
    assert signons.count_needing_reconfirmation(db, statement_id) == 1

    signons.record_signon(db, statement_id, early)  # confirmed again, now
    rows = {row.organisation_name: row for row in signons.list_signons(db, statement_id)}
    assert rows["Early Bird"].signon.version_number == 2
    assert not rows["Early Bird"].needs_reconfirmation


def test_editing_a_confirmation_keeps_the_version_it_confirmed(
    db: Database, statement_id: int
) -> None:
    org_id = organisations.add_organisation(db, "Noted")
    signon_id = signons.record_signon(db, statement_id, org_id)
    statements.revise_statement(db, statement_id, "Changed", kind="substantive")
    signons.update_signon(db, signon_id, {"notes": "called on Monday"})
    assert signons.get_signon(db, signon_id).version_number == 1
    assert signons.list_signons(db, statement_id)[0].needs_reconfirmation


def test_editorial_revision_keeps_confirmations(db: Database, statement_id: int) -> None:
    org_id = organisations.add_organisation(db, "Steadfast")
    signons.record_signon(db, statement_id, org_id)
    statements.revise_statement(db, statement_id, "Typo fixed", kind="editorial")
    assert not signons.list_signons(db, statement_id)[0].needs_reconfirmation
    assert [s.printed_name for s in signons.public_signatories(db, statement_id).listed] == [
        "Steadfast"
    ]


def test_public_list_names_only_public_confirmations_that_cover_the_version(
    db: Database, statement_id: int
) -> None:
    named = organisations.add_organisation(db, "Zebra Crossing Collective")
    printed = organisations.add_organisation(db, "Long Official Name")
    hidden = organisations.add_organisation(db, "Quiet Partners")
    stale = organisations.add_organisation(db, "Stale Signer")
    pending = organisations.add_organisation(db, "Undecided")
    signons.record_signon(db, statement_id, stale)
    statements.revise_statement(db, statement_id, "v2", kind="substantive")
    signons.record_signon(db, statement_id, named)
    signons.record_signon(db, statement_id, printed, printed_name="Ärzte Kollektiv")
    signons.record_signon(db, statement_id, hidden, is_public=False)
    signons.record_signon(db, statement_id, pending, status="pending")

    public = signons.public_signatories(db, statement_id)

    assert public.version_number == 2
    assert [s.printed_name for s in public.listed] == [
        "Ärzte Kollektiv",
        "Zebra Crossing Collective",
    ]
    assert public.anonymous_count == 1
    assert public.left_out_for_reconfirmation == 1
    first = signons.public_signatories(db, statement_id, version_number=1)
    assert [s.printed_name for s in first.listed] == ["Stale Signer"]


def test_statement_list_counts_signons_per_status(db: Database, statement_id: int) -> None:
    for name, status in [
        ("A", "confirmed"),
        ("B", "confirmed"),
        ("C", "pending"),
        ("D", "declined"),
    ]:
        signons.record_signon(
            db, statement_id, organisations.add_organisation(db, name), status=status
        )
    [summary] = statements.list_statements(db)
    assert summary.counts[SignOnStatus.CONFIRMED] == 2
    assert summary.counts[SignOnStatus.PENDING] == 1
    assert summary.counts[SignOnStatus.WITHDRAWN] == 0
    assert summary.latest_version == 1


def test_deleting_a_statement_removes_its_signons(db: Database, statement_id: int) -> None:
    signons.record_signon(db, statement_id, organisations.add_organisation(db, "Gone"))
    statements.delete_statement(db, statement_id)
    assert statements.list_statements(db) == []
    assert organisations.list_organisations(db)[0].statements_signed == 0
