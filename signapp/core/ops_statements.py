"""User-level changes to statements and their sign-ons, each one transaction.

Each returns a :class:`~signapp.core.ops.Done` saying what it changed and what
undoes it; undoing brings back the same rows with the same ids, so a later change
that names them still finds them. Every row written is audited by the functions
below these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.db import transaction, utc_now
from signapp.core.fields import SignOnFields, StatementFields
from signapp.core.model import SignOn, SignOnStatus, VersionKind
from signapp.core.ops import Changes, Data, Done, cannot_undo
from signapp.core.organisations import OrganisationSnapshot
from signapp.core.signons import DeletedSignOn
from signapp.core.statement_snapshots import (
    StatementSnapshot,
    delete_statement_keeping_snapshot,
    restore_statement,
)


def _statement_changes(statement_id: int) -> Changes:
    """A statement created, deleted or restored touches everything shown about it."""
    return Changes.of(Data.STATEMENTS, Data.VERSIONS, Data.SIGNONS, statements=[statement_id])


def create_statement(db: Database, title: str, *, deadline: str | None = None) -> Done:
    """A new statement in drafting (see :func:`signapp.core.statements.create_statement`)."""
    with transaction(db):
        statement_id = statements.create_statement(db, title, deadline=deadline)
    return Done(
        _statement_changes(statement_id),
        lambda db: delete_statement(db, statement_id),
        (statement_id,),
    )


def delete_statement(db: Database, statement_id: int) -> Done:
    """Delete a statement with its versions and sign-ons; undo restores them all."""
    with transaction(db):
        snapshot = delete_statement_keeping_snapshot(db, statement_id)
    return Done(_statement_changes(statement_id), lambda db: _restore_statement(db, snapshot))


def _restore_statement(db: Database, snapshot: StatementSnapshot) -> Done:
    with transaction(db):
        restore_statement(db, snapshot)
    statement_id = int(snapshot.statement["id"])
    return Done(_statement_changes(statement_id), lambda db: delete_statement(db, statement_id))


def edit_statement(db: Database, statement_id: int, changes: StatementFields) -> Done:
    """Rename, re-date or change the status of a statement."""
    with transaction(db):
        current = statements.get_statement(db, statement_id)
        before = cast(StatementFields, {key: getattr(current, key) for key in changes})
        statements.update_statement(db, statement_id, changes)
    return Done(
        Changes.of(Data.STATEMENTS, statements=[statement_id]),
        lambda db: edit_statement(db, statement_id, before),
    )


def issue_version(
    db: Database, statement_id: int, kind: str | VersionKind, note: str | None = None
) -> Done:
    """Issue the draft as the next version; ``created_ids`` holds its number.

    Never taken back: an issued text may already have been sent out and signed.
    A substantive revision changes which confirmations need renewing, so the
    statement's sign-ons count as changed too.
    """
    number = statements.issue_version(db, statement_id, kind, note)
    return cannot_undo(
        Changes.of(Data.STATEMENTS, Data.VERSIONS, Data.SIGNONS, statements=[statement_id]),
        [number],
    )


def _signon_values(signon: SignOn) -> dict[str, Any]:
    return {
        "status": signon.status.value,
        "version_number": signon.version_number,
        "is_public": signon.is_public,
        "printed_name": signon.printed_name,
        "authorised_by": signon.authorised_by,
        "channel": signon.channel.value if signon.channel else None,
        "received_at": signon.received_at,
        "notes": signon.notes,
    }


@dataclass(frozen=True)
class SignOnEdit:
    """New values for some fields of one sign-on."""

    signon_id: int
    changes: SignOnFields


def edit_signons(db: Database, edits: Sequence[SignOnEdit]) -> Done:
    """Change fields of sign-ons; undo puts back the values they had."""
    undo_edits: list[SignOnEdit] = []
    statement_ids: set[int] = set()
    organisation_ids: set[int] = set()
    with transaction(db):
        for edit in edits:
            current = signons.get_signon(db, edit.signon_id)
            values = _signon_values(current)
            keys = set(edit.changes)
            if "status" in keys:
                keys.add("version_number")  # confirming also sets the version confirmed
            undo_edits.append(
                SignOnEdit(edit.signon_id, cast(SignOnFields, {key: values[key] for key in keys}))
            )
            signons.update_signon(db, edit.signon_id, edit.changes)
            statement_ids.add(current.statement_id)
            if current.organisation_id is not None:
                organisation_ids.add(current.organisation_id)
    undo_edits.reverse()
    return Done(
        Changes.of(Data.SIGNONS, statements=statement_ids, organisations=organisation_ids),
        lambda db: edit_signons(db, undo_edits),
    )


def edit_signon(db: Database, signon_id: int, changes: SignOnFields) -> Done:
    return edit_signons(db, [SignOnEdit(signon_id, changes)])


_ANSWERS = frozenset({SignOnStatus.CONFIRMED, SignOnStatus.DECLINED, SignOnStatus.WITHDRAWN})


def status_change(signon: SignOn, status: SignOnStatus) -> SignOnFields:
    """The changes that put ``signon`` in ``status``.

    Confirming always confirms the latest issued version, which is also how a sign-on
    that needs reconfirmation is reconfirmed; an answer without a date is dated today,
    so that it counts on the progress curve.
    """
    changes: SignOnFields = {"status": status.value}
    if status is SignOnStatus.CONFIRMED:
        changes["version_number"] = None
    if status in _ANSWERS and signon.received_at is None:
        changes["received_at"] = utc_now()
    return changes


def set_signon_status(db: Database, signon_ids: Iterable[int], status: SignOnStatus) -> Done:
    """Put every sign-on of a selection in ``status``: one change, undone whole."""
    with transaction(db):
        edits = [
            SignOnEdit(signon_id, status_change(signons.get_signon(db, signon_id), status))
            for signon_id in signon_ids
        ]
        return edit_signons(db, edits)


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation created in place while adding sign-ons."""

    name: str
    country: str | None = None


def add_signons(
    db: Database,
    statement_id: int,
    organisation_ids: Iterable[int],
    *,
    new_organisations: Iterable[NewOrganisation] = (),
    status: SignOnStatus = SignOnStatus.INVITED,
    is_public: bool = True,
) -> Done:
    """Put organisations on a statement, creating new ones first.

    Organisations already on the statement are left as they are. ``created_ids``
    holds the new sign-ons' ids; undo removes exactly those and the organisations
    created.
    """
    with transaction(db):
        created = [
            organisations.add_organisation(db, new.name, country=new.country)
            for new in new_organisations
        ]
        already_on = {
            row[0]
            for row in db.execute(
                "SELECT organisation_id FROM signons WHERE statement_id = ?", [statement_id]
            )
        }
        chosen = [*organisation_ids, *created]
        signon_ids = [
            signons.record_signon(
                db, statement_id, organisation_id, status=status, is_public=is_public
            )
            for organisation_id in dict.fromkeys(chosen)
            if organisation_id not in already_on
        ]
    changes = Changes.of(
        Data.SIGNONS,
        *([Data.ORGANISATIONS] if created else []),
        statements=[statement_id],
        organisations=chosen,
    )
    return Done(
        changes,
        lambda db: _take_back_signons(db, signon_ids, created, changes),
        tuple(signon_ids),
    )


def _take_back_signons(
    db: Database, signon_ids: Sequence[int], created: Sequence[int], changes: Changes
) -> Done:
    with transaction(db):
        deleted = [signons.delete_signon(db, signon_id) for signon_id in signon_ids]
        snapshots = [organisations.delete_organisation(db, org_id) for org_id in created]
    return Done(changes, lambda db: _put_back_signons(db, deleted, snapshots, changes))


def _put_back_signons(
    db: Database,
    deleted: Sequence[DeletedSignOn],
    snapshots: Sequence[OrganisationSnapshot],
    changes: Changes,
) -> Done:
    with transaction(db):
        for snapshot in snapshots:
            organisations.restore_organisation(db, snapshot)
        for signon in deleted:
            signons.restore_signon(db, signon)
    created = [int(snapshot.organisation["id"]) for snapshot in snapshots]
    signon_ids = [signon.signon_id for signon in deleted]
    return Done(
        changes,
        lambda db: _take_back_signons(db, signon_ids, created, changes),
        tuple(signon_ids),
    )


def remove_signons(db: Database, signon_ids: Iterable[int]) -> Done:
    """Take organisations off a statement; undo puts the same sign-ons back."""
    with transaction(db):
        deleted = [signons.delete_signon(db, signon_id) for signon_id in signon_ids]
    changes = Changes.of(
        Data.SIGNONS,
        statements={signon.statement_id for signon in deleted},
        # A person's sign-on changes no organisation.
        organisations={
            signon.organisation_id for signon in deleted if signon.organisation_id is not None
        },
    )
    return Done(changes, lambda db: _put_back_signons(db, deleted, [], changes))
