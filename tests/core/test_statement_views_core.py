"""Core helpers of the statement views: word diff, reminders, progress, undoable delete."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, signons, statements
from signapp.core.errors import NotFound
from signapp.core.model import SignOnStatus, VersionKind
from signapp.core.progress import collection_progress
from signapp.core.reminders import ReminderGroup, mailto_url, reminder_recipients
from signapp.core.statement_snapshots import (
    delete_statement_keeping_snapshot,
    restore_statement,
)
from signapp.core.textdiff import DiffOp, diff_stats, diff_words, tokenise

KHMER_OLD = "យើងទាមទារឱ្យមានការដោះលែងអ្នកការពារសិទ្ធិមនុស្ស។"
KHMER_NEW = "យើងទាមទារឱ្យមានការដោះលែងភ្លាមៗអ្នកការពារសិទ្ធិមនុស្ស។"


def _joined(op_filter: set[DiffOp], old: str, new: str) -> str:
    return "".join(s.text for s in diff_words(old, new) if s.op in op_filter)


@given(st.text(), st.text())
def test_a_diff_rebuilds_both_texts(old: str, new: str) -> None:
    assert _joined({DiffOp.EQUAL, DiffOp.DELETE}, old, new) == old
    assert _joined({DiffOp.EQUAL, DiffOp.INSERT}, old, new) == new


@given(st.text())
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenise(text)) == text


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    segments = diff_words(
        "We call for the release of the defenders.", "We demand the release of all defenders."
    )
    deleted = [s.text for s in segments if s.op is DiffOp.DELETE]
    inserted = [s.text for s in segments if s.op is DiffOp.INSERT]
    assert deleted == ["call for ", "the "]  # with the space after, so the change reads apart
    assert inserted == ["demand ", "all "]
    assert diff_stats(segments).words_inserted == 2
    assert diff_stats(segments).words_deleted == 3


def test_khmer_changes_are_found_inside_an_unspaced_sentence() -> None:
    segments = diff_words(KHMER_OLD, KHMER_NEW)
    inserted = "".join(s.text for s in segments if s.op is DiffOp.INSERT)
    assert inserted == "ភ្លាមៗ"
    assert not [s for s in segments if s.op is DiffOp.DELETE]
    # A subscript consonant stays with its base: ភ្លា is one cluster, not split at the coeng.
    assert "ភ្លា" in tokenise("ភ្លាមៗ")


def _organisation(db: Database, name: str, country: str, email: str | None) -> int:
    org_id = organisations.add_organisation(db, name, country=country)
    if email:
        contacts.add_contact(db, org_id, f"Contact of {name}", email=email, is_primary=True)
    contacts.add_contact(db, org_id, "Second person", email=f"second.{org_id}@example.org")
    return org_id


def test_reminders_reach_primary_contacts_of_the_groups_asked_only(db: Database) -> None:
    statement_id = statements.create_issued_statement(db, "Water is a right", "Version one.")
    pending = _organisation(db, "River Keepers", "KH", "keepers@example.org")
    invited = _organisation(db, "Lake Union", "TH", "union@example.org")
    no_email = _organisation(db, "Quiet Group", "KH", None)
    confirmed = _organisation(db, "Early Signers", "KH", "early@example.org")
    declined = _organisation(db, "Said No", "KH", "no@example.org")
    signons.record_signon(db, statement_id, pending, status="pending")
    signons.record_signon(db, statement_id, invited, status="invited")
    signons.record_signon(db, statement_id, no_email, status="pending")
    signons.record_signon(db, statement_id, confirmed, status="confirmed")
    signons.record_signon(db, statement_id, declined, status="declined")

    waiting = reminder_recipients(db, statement_id, [ReminderGroup.PENDING])
    assert sorted(waiting.emails) == ["keepers@example.org", "union@example.org"]
    assert waiting.organisations_without_email == ["Quiet Group"]
    assert reminder_recipients(db, statement_id, [ReminderGroup.NEEDS_RECONFIRMATION]).emails == []

    statements.revise_statement(
        db, statement_id, "Version two.", kind=VersionKind.SUBSTANTIVE, note="new demand"
    )
    stale = reminder_recipients(db, statement_id, [ReminderGroup.NEEDS_RECONFIRMATION])
    assert stale.emails == ["early@example.org"]
    both = reminder_recipients(db, statement_id, list(ReminderGroup))
    assert len(both.emails) == 3
    assert both.bcc.count(", ") == 2


def test_mailto_puts_addresses_in_bcc_and_encodes_the_subject() -> None:
    url = mailto_url(["a@example.org", "b+x@example.org"], "Reminder: sign & share ជំរាបសួរ")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert query["bcc"] == ["a@example.org,b+x@example.org"]
    assert query["subject"] == ["Reminder: sign & share ជំរាបសួរ"]
    assert " " not in url and "&share" not in url


def test_progress_counts_the_curve_by_day_and_countries(db: Database) -> None:
    statement_id = statements.create_issued_statement(db, "Forests", "Text.")
    statements.update_statement(db, statement_id, {"deadline": "2026-12-20"})
    days = ["2026-11-01", "2026-11-01", "2026-11-03", None]
    for number, day in enumerate(days):
        org_id = organisations.add_organisation(
            db, f"Org {number}", country="KH" if number else "TH"
        )
        signons.record_signon(db, statement_id, org_id, status="confirmed", received_at=day)
    late = organisations.add_organisation(db, "Late", country="KH")
    signons.record_signon(db, statement_id, late, status="pending")

    progress = collection_progress(db, statement_id)
    assert [(d.isoformat(), n) for d, n in progress.confirmations_over_time] == [
        ("2026-11-01", 2),
        ("2026-11-03", 3),
    ]
    assert progress.confirmed_without_date == 1
    assert progress.by_status[SignOnStatus.CONFIRMED] == 4
    assert progress.by_status[SignOnStatus.PENDING] == 1
    assert progress.deadline is not None and progress.deadline.isoformat() == "2026-12-20"
    first = progress.by_country[0]
    assert (first.country, first.confirmed, first.other) == ("KH", 3, 1)


def _progress_from_every_sign_on(db: Database, statement_id: int) -> tuple[object, ...]:
    """The counts of the progress view, worked out from the listed sign-ons one by one."""
    rows = signons.list_signons(db, statement_id)
    confirmed = [row for row in rows if row.signon.status is SignOnStatus.CONFIRMED]
    days = sorted(row.signon.received_at[:10] for row in confirmed if row.signon.received_at)
    countries: dict[str, list[int]] = {}
    for row in rows:
        counts = countries.setdefault(row.country or "", [0, 0])
        counts[0 if row.signon.status is SignOnStatus.CONFIRMED else 1] += 1
    return (
        {status: sum(1 for r in rows if r.signon.status is status) for status in SignOnStatus},
        sum(1 for row in rows if row.needs_reconfirmation),
        [(day, days.count(day) + sum(1 for d in days if d < day)) for day in sorted(set(days))],
        len(confirmed) - len(days),
        sorted(((c, n[0], n[1]) for c, n in countries.items()), key=lambda x: (-x[1], -x[2], x[0])),
    )


def test_progress_counts_what_the_sign_ons_one_by_one_give(db: Database) -> None:
    rng = random.Random(8)
    statement_id = statements.create_issued_statement(db, "Coasts", "Text.")
    for number in range(80):
        org_id = organisations.add_organisation(
            db, f"Group {number}", country=rng.choice(["KH", "TH", "PE", None])
        )
        day = rng.choice([None, "2026-11-01", "2026-11-02T09:30:00+07:00", "2026-11-05"])
        status = rng.choice(["confirmed", "confirmed", "pending", "declined", "invited"])
        signons.record_signon(db, statement_id, org_id, status=status, received_at=day)
        if number == 40:
            statements.revise_statement(db, statement_id, "New.", kind=VersionKind.SUBSTANTIVE)

    progress = collection_progress(db, statement_id)

    assert (
        progress.by_status,
        progress.needs_reconfirmation,
        [(day.isoformat(), count) for day, count in progress.confirmations_over_time],
        progress.confirmed_without_date,
        [(c.country, c.confirmed, c.other) for c in progress.by_country],
    ) == _progress_from_every_sign_on(db, statement_id)
    assert progress.needs_reconfirmation > 0


def test_a_deleted_statement_comes_back_with_the_same_rows(db: Database) -> None:
    statement_id = statements.create_issued_statement(db, "Fisheries", "One.", language="en")
    statements.add_translation(db, statement_id, "km", KHMER_OLD)
    statements.revise_statement(db, statement_id, "Two.", kind="editorial", note="typo")
    org_id = organisations.add_organisation(db, "Net Menders")
    signon_id = signons.record_signon(db, statement_id, org_id, status="confirmed")
    before_versions = statements.list_versions(db, statement_id)
    before_signons = signons.list_signons(db, statement_id)

    snapshot = delete_statement_keeping_snapshot(db, statement_id)
    try:
        statements.get_statement(db, statement_id)
        raise AssertionError("the statement should be gone")
    except NotFound:
        pass
    restore_statement(db, snapshot)

    assert statements.list_versions(db, statement_id) == before_versions
    assert signons.list_signons(db, statement_id) == before_signons
    assert signons.get_signon(db, signon_id).version_number == 2
    actions = [
        entry.action for entry in audit.entries(db, entity="statement", entity_id=statement_id)
    ]
    assert actions[:2] == ["restore", "delete"]


def test_a_replaced_khmer_word_is_one_change_not_syllable_confetti() -> None:
    old = "ក្រុមអង្គការសង្គម\u200bស៊ីវិលជាតិ"
    new = "ក្រុមអង្គការអង្គការ\u200bមិនមែន\u200bរដ្ឋាភិបាលជាតិ"
    segments = diff_words(old, new)
    changes = [s for s in segments if s.op is not DiffOp.EQUAL]
    assert [s.op for s in changes] == [DiffOp.DELETE, DiffOp.INSERT]
    assert changes[0].text.startswith("សង្គម") and changes[1].text.startswith("អង្គការ")
    # Unchanged text with a word separator in it is never folded into a change.
    english = diff_words("one two three four", "one 2 three 4")
    assert [s.text for s in english if s.op is DiffOp.EQUAL] == ["one ", "three "]
