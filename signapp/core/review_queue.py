"""The review queue: replies received by email, each a proposal until it is decided.

An item proposes what a message says (sign, decline, withdraw, a question, or nothing to
act on), who sent it (an organisation of the directory, or a new one by name), whether
the organisation may be named, and the version it answers. Nothing reaches a statement
until the coordinator accepts the item; accepting records an ordinary sign-on whose
evidence is the message, and can be undone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, records
from signapp.core.db import transaction, utc_now
from signapp.core.errors import NotFound, SignappError, ValidationError
from signapp.core.fields import SignOnDetails
from signapp.core.model import Channel, SignOnStatus
from signapp.core.signons import record_signon
from signapp.core.statements import get_statement
from signapp.i18n import _


class ReviewAction(StrEnum):
    SIGN = "sign"
    DECLINE = "decline"
    WITHDRAW = "withdraw"
    QUESTION = "question"
    IGNORE = "ignore"

    @property
    def signon_status(self) -> SignOnStatus | None:
        """The sign-on status an accepted item records, or None for nothing to record."""
        return _STATUS_OF_ACTION.get(self)


_STATUS_OF_ACTION = {
    ReviewAction.SIGN: SignOnStatus.CONFIRMED,
    ReviewAction.DECLINE: SignOnStatus.DECLINED,
    ReviewAction.WITHDRAW: SignOnStatus.WITHDRAWN,
}


class ReviewState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class NewReviewItem:
    """A message read and understood, before it is queued."""

    message_key: str
    received_at: str | None
    sender: str | None
    sender_name: str | None
    subject: str | None
    answer_text: str
    message: str
    attachments: tuple[str, ...]
    source: str
    action: ReviewAction
    organisation_id: int | None
    new_organisation: str | None
    is_public: bool
    version_number: int | None
    reason: str


@dataclass(frozen=True)
class ReviewItem:
    id: int
    statement_id: int
    message_key: str
    received_at: str | None
    sender: str | None
    sender_name: str | None
    subject: str | None
    answer_text: str
    message: str
    attachments: tuple[str, ...]
    source: str | None
    action: ReviewAction
    organisation_id: int | None
    new_organisation: str | None
    is_public: bool
    version_number: int | None
    reason: str | None
    state: ReviewState
    signon_id: int | None

    @property
    def proposed_organisation(self) -> str:
        """The proposal as the command line prints it: an id, or ``new:`` and a name."""
        if self.organisation_id is not None:
            return str(self.organisation_id)
        return f"new:{self.new_organisation or ''}"


def _item(row: dict[str, Any]) -> ReviewItem:
    return ReviewItem(
        id=row["id"],
        statement_id=row["statement_id"],
        message_key=row["message_key"],
        received_at=row["received_at"],
        sender=row["sender"],
        sender_name=row["sender_name"],
        subject=row["subject"],
        answer_text=row["answer_text"],
        message=row["message"],
        attachments=tuple(json.loads(row["attachments"] or "[]")),
        source=row["source"],
        action=ReviewAction(row["action"]),
        organisation_id=row["organisation_id"],
        new_organisation=row["new_organisation"],
        is_public=bool(row["is_public"]),
        version_number=row["version_number"],
        reason=row["reason"],
        state=ReviewState(row["state"]),
        signon_id=row["signon_id"],
    )


def known_message_keys(db: Database, statement_id: int) -> set[str]:
    """The keys of every message already queued for the statement, decided or not."""
    rows = db.execute(
        "SELECT message_key FROM review_items WHERE statement_id = ?", [statement_id]
    ).fetchall()
    return {row[0] for row in rows}


def queue_items(db: Database, statement_id: int, items: Iterable[NewReviewItem]) -> list[int]:
    """Queue the items not queued before (by message key), in one transaction.

    Returns the ids of the items added.
    """
    added: list[int] = []
    now = utc_now()
    with transaction(db):
        get_statement(db, statement_id)
        known = known_message_keys(db, statement_id)
        for item in items:
            if item.message_key in known:
                continue
            known.add(item.message_key)
            cursor = db.execute(
                """INSERT INTO review_items (statement_id, message_key, received_at, sender,
                       sender_name, subject, answer_text, message, attachments, source,
                       action, organisation_id, new_organisation, is_public,
                       version_number, reason, state, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)""",
                [
                    statement_id,
                    item.message_key,
                    item.received_at,
                    item.sender,
                    item.sender_name,
                    item.subject,
                    item.answer_text,
                    item.message,
                    json.dumps(list(item.attachments), ensure_ascii=False),
                    item.source,
                    item.action.value,
                    item.organisation_id,
                    item.new_organisation,
                    1 if item.is_public else 0,
                    item.version_number,
                    item.reason,
                    now,
                ],
            )
            added.append(int(cursor.lastrowid or 0))
    return added


_SELECT = "SELECT * FROM review_items"


def get_review_item(db: Database, item_id: int) -> ReviewItem:
    rows = records.fetch_all(db, f"{_SELECT} WHERE id = ?", [item_id])
    if not rows:
        raise NotFound(_("review item {item_id} does not exist").format(item_id=item_id))
    return _item(rows[0])


def list_review_items(
    db: Database, statement_id: int, *, state: ReviewState | None = ReviewState.PENDING
) -> list[ReviewItem]:
    """The statement's items in the order the messages were received."""
    sql = f"{_SELECT} WHERE statement_id = ?"
    params: list[Any] = [statement_id]
    if state is not None:
        sql += " AND state = ?"
        params.append(state.value)
    sql += " ORDER BY coalesce(received_at, created_at), id"
    return [_item(row) for row in records.fetch_all(db, sql, params)]


def count_pending(db: Database, statement_id: int) -> int:
    row = db.execute(
        "SELECT count(*) FROM review_items WHERE statement_id = ? AND state = 'pending'",
        [statement_id],
    ).fetchone()
    return int(row[0])


@dataclass(frozen=True)
class Proposal:
    """The correctable part of an item; also what undoes a correction."""

    action: ReviewAction
    organisation_id: int | None
    new_organisation: str | None
    is_public: bool


def _pending(db: Database, item_id: int) -> ReviewItem:
    item = get_review_item(db, item_id)
    if item.state is not ReviewState.PENDING:
        raise SignappError(
            _("review item {item_id} was already {state}").format(
                item_id=item_id, state=item.state.value
            )
        )
    return item


def set_proposal(
    db: Database,
    item_id: int,
    *,
    action: ReviewAction | str | None = None,
    organisation_id: int | None = None,
    new_organisation: str | None = None,
    is_public: bool | None = None,
) -> Proposal:
    """Correct a pending item's proposal; returns the proposal as it was (for undo)."""
    with transaction(db):
        item = _pending(db, item_id)
        before = Proposal(item.action, item.organisation_id, item.new_organisation, item.is_public)
        changes: dict[str, Any] = {}
        if action is not None:
            try:
                changes["action"] = ReviewAction(action).value
            except ValueError:
                choices = ", ".join(choice.value for choice in ReviewAction)
                raise ValidationError(
                    "action",
                    _("{action!r} is not one of {choices}").format(action=action, choices=choices),
                ) from None
        if organisation_id is not None:
            records.fetch(db, "organisations", organisation_id, "organisation")
            changes["organisation_id"] = organisation_id
            changes["new_organisation"] = None
        elif new_organisation is not None:
            name = new_organisation.strip()
            if not name:
                raise ValidationError("organisation", _("a new organisation needs a name"))
            changes["organisation_id"] = None
            changes["new_organisation"] = name
        if is_public is not None:
            changes["is_public"] = 1 if is_public else 0
        _write(db, item_id, changes)
        return before


def restore_proposal(db: Database, item_id: int, proposal: Proposal) -> None:
    """Put back a proposal that :func:`set_proposal` replaced."""
    with transaction(db):
        _pending(db, item_id)
        _write(
            db,
            item_id,
            {
                "action": proposal.action.value,
                "organisation_id": proposal.organisation_id,
                "new_organisation": proposal.new_organisation,
                "is_public": 1 if proposal.is_public else 0,
            },
        )


def _write(db: Database, item_id: int, changes: dict[str, Any]) -> None:
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE review_items SET {assignments} WHERE id = ?", [*changes.values(), item_id])


@dataclass
class Decision:
    """What deciding a set of items changed, to report it and to undo it."""

    statement_id: int
    item_ids: list[int] = field(default_factory=list)
    signons_before: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    created_organisations: list[int] = field(default_factory=list)
    created_contacts: list[int] = field(default_factory=list)
    kept_later_answer: list[int] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return len(self.signons_before)


def _signon_row(db: Database, statement_id: int, organisation_id: int) -> dict[str, Any] | None:
    rows = records.fetch_all(
        db,
        "SELECT * FROM signons WHERE statement_id = ? AND organisation_id = ?",
        [statement_id, organisation_id],
    )
    return rows[0] if rows else None


def _organisation_for(db: Database, item: ReviewItem, decision: Decision) -> int:
    if item.organisation_id is not None:
        return item.organisation_id
    name = (item.new_organisation or "").strip()
    if not name:
        raise ValidationError(
            "organisation",
            _("review item {item_id}: choose an organisation before accepting").format(
                item_id=item.id
            ),
        )
    org_id = organisations.add_organisation(db, name)
    decision.created_organisations.append(org_id)
    return org_id


def _contact_for(db: Database, item: ReviewItem, org_id: int, decision: Decision) -> int | None:
    """The sender as a contact of the organisation (added when not known yet)."""
    if not item.sender:
        return None
    for contact in contacts.list_contacts(db, org_id):
        if contact.email and contact.email.casefold() == item.sender.casefold():
            return contact.id
    try:
        contact_id = contacts.add_contact(
            db, org_id, item.sender_name or item.sender, email=item.sender
        )
    except ValidationError:
        return None
    decision.created_contacts.append(contact_id)
    return contact_id


def _evidence(item: ReviewItem) -> str:
    return json.dumps(
        {
            "review_item": item.id,
            "message_key": item.message_key,
            "from": item.sender,
            "date": item.received_at,
            "subject": item.subject,
            "answer": item.answer_text,
            "attachments": list(item.attachments),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def accept_items(db: Database, item_ids: Sequence[int]) -> Decision:
    """Accept pending items, oldest message first, in one transaction.

    A sign, decline or withdrawal records the organisation's answer for the version in
    force when the message was written; a newer answer already recorded is kept (the
    item is accepted, and :attr:`Decision.kept_later_answer` lists it). Questions and
    messages with nothing to act on are only marked as dealt with.
    """
    with transaction(db):
        items = sorted(
            (_pending(db, item_id) for item_id in dict.fromkeys(item_ids)),
            key=lambda item: (item.received_at or "", item.id),
        )
        statement_ids = {item.statement_id for item in items}
        if len(statement_ids) > 1:
            raise SignappError(_("accept the replies of one statement at a time"))
        decision = Decision(statement_id=statement_ids.pop() if statement_ids else 0)
        for item in items:
            _accept_one(db, item, decision)
            decision.item_ids.append(item.id)
        return decision


def _accept_one(db: Database, item: ReviewItem, decision: Decision) -> None:
    status = item.action.signon_status
    signon_id: int | None = None
    org_id: int | None = None
    if status is not None:
        org_id = _organisation_for(db, item, decision)
        before = _signon_row(db, item.statement_id, org_id)
        if before is not None and _is_later(before.get("received_at"), item.received_at):
            decision.kept_later_answer.append(item.id)
            signon_id = int(before["id"])
        else:
            decision.signons_before.setdefault(org_id, before)
            fields: SignOnDetails = {
                "is_public": item.is_public,
                "channel": Channel.EMAIL,
                "received_at": item.received_at or utc_now(),
                "raw_source": _evidence(item),
                "authorised_by": _contact_for(db, item, org_id, decision),
            }
            if status is SignOnStatus.CONFIRMED and item.version_number is not None:
                fields["version_number"] = item.version_number
            signon_id = record_signon(db, item.statement_id, org_id, status=status, **fields)
    db.execute(
        "UPDATE review_items SET state = 'accepted', signon_id = ?, decided_at = ?, "
        "organisation_id = coalesce(organisation_id, ?) WHERE id = ?",
        [signon_id, utc_now(), org_id, item.id],
    )
    audit.record(db, "accept", "review item", item.id, None, {"signon_id": signon_id})


def _is_later(recorded_at: str | None, message_at: str | None) -> bool:
    return bool(recorded_at and message_at and recorded_at > message_at)


def undo_accept(db: Database, decision: Decision) -> None:
    """Put back what :func:`accept_items` changed: sign-ons, new records, item states."""
    with transaction(db):
        for org_id, before in decision.signons_before.items():
            current = _signon_row(db, decision.statement_id, org_id)
            if before is None:
                if current is not None:
                    db.execute("DELETE FROM signons WHERE id = ?", [current["id"]])
                    audit.record(db, "delete", "sign-on", current["id"], current, None)
            else:
                columns = [key for key in before if key != "id"]
                db.execute(
                    f"UPDATE signons SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                    [*(before[c] for c in columns), before["id"]],
                )
                audit.record(db, "restore", "sign-on", before["id"], current, before)
        for contact_id in decision.created_contacts:
            contacts.delete_contact(db, contact_id)
        for org_id in decision.created_organisations:
            organisations.delete_organisation(db, org_id)
        _reopen(db, decision.item_ids)


def reject_items(db: Database, item_ids: Sequence[int]) -> list[int]:
    """Mark pending items as rejected (nothing else changes); returns their ids."""
    with transaction(db):
        ids = [_pending(db, item_id).id for item_id in dict.fromkeys(item_ids)]
        now = utc_now()
        db.conn.executemany(
            "UPDATE review_items SET state = 'rejected', decided_at = ? WHERE id = ?",
            [(now, item_id) for item_id in ids],
        )
        return ids


def undo_reject(db: Database, item_ids: Sequence[int]) -> None:
    with transaction(db):
        _reopen(db, item_ids)


def _reopen(db: Database, item_ids: Iterable[int]) -> None:
    db.conn.executemany(
        "UPDATE review_items SET state = 'pending', signon_id = NULL, decided_at = NULL "
        "WHERE id = ?",
        [(item_id,) for item_id in item_ids],
    )


def _replies_clause(
    org_ids: set[int], signon_ids: set[int], emails: Iterable[str]
) -> tuple[str, list[Any]]:
    addresses = sorted({email.casefold() for email in emails if email})
    marks = [
        ", ".join("?" for _ in values) or "NULL" for values in (org_ids, signon_ids, addresses)
    ]
    clause = (
        f"organisation_id IN ({marks[0]}) OR signon_id IN ({marks[1]}) "
        f"OR lower(sender) IN ({marks[2]})"
    )
    return clause, [*org_ids, *signon_ids, *addresses]


def count_replies(
    db: Database, org_ids: set[int], signon_ids: set[int], emails: Iterable[str]
) -> int:
    """How many replies :func:`forget_replies` would delete."""
    clause, params = _replies_clause(org_ids, signon_ids, emails)
    return int(
        db.execute(f"SELECT count(*) FROM review_items WHERE {clause}", params).fetchone()[0]
    )


def forget_replies(
    db: Database, org_ids: set[int], signon_ids: set[int], emails: Iterable[str]
) -> int:
    """Delete the replies of organisations or people being erased: those proposed for
    them, those recorded as their sign-ons, and those sent from their addresses (the
    message is evidence about them, and may name the people who wrote it)."""
    clause, params = _replies_clause(org_ids, signon_ids, emails)
    return int(db.execute(f"DELETE FROM review_items WHERE {clause}", params).rowcount or 0)
