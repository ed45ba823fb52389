"""User-level changes to organisations and contacts, each one transaction.

Each returns a :class:`~signapp.core.ops.Done` (see :mod:`signapp.core.ops`); undoing
puts rows back with their ids, so a later change that names an organisation or a
contact still finds it after an undo and a redo.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from signapp.core import contacts, organisations
from signapp.core.contacts import ContactSnapshot
from signapp.core.db import transaction
from signapp.core.fields import ContactFields, OrganisationFields
from signapp.core.ops import Changes, Data, Done
from signapp.core.organisations import MergeRecord, OrganisationSnapshot


def _statements_signed_by(db: Database, organisation_ids: Iterable[int]) -> set[int]:
    ids = list(organisation_ids)
    marks = ", ".join("?" for _ in ids)
    return {
        int(row[0])
        for row in db.execute(
            f"SELECT DISTINCT statement_id FROM signons WHERE organisation_id IN ({marks})", ids
        )
    }


def _organisation_changes(db: Database, *organisation_ids: int) -> Changes:
    """An organisation created, deleted, merged or erased: its row, its contacts and
    the sign-ons of every statement it is on."""
    return Changes.of(
        Data.ORGANISATIONS,
        Data.CONTACTS,
        Data.SIGNONS,
        statements=_statements_signed_by(db, organisation_ids),
        organisations=organisation_ids,
    )


def create_organisation(db: Database, values: OrganisationFields) -> Done:
    """A new organisation; ``created_ids`` holds its id."""
    with transaction(db):
        org_id = organisations.add_organisation(db, **values)
    return Done(
        Changes.of(Data.ORGANISATIONS, organisations=[org_id]),
        lambda db: delete_organisation(db, org_id),
        (org_id,),
    )


def edit_organisation(
    db: Database,
    organisation_id: int,
    before: OrganisationFields,
    after: OrganisationFields,
    *,
    expected_row_version: int | None = None,
) -> Done:
    """Change some fields; ``before`` holds their values as the form loaded them, and
    ``expected_row_version`` the version it loaded (a change made meanwhile elsewhere
    is refused). Its sign-ons show its names, so their statements count as touched."""
    with transaction(db):
        organisations.update_organisation(
            db, organisation_id, after, expected_row_version=expected_row_version
        )
        changes = Changes.of(
            Data.ORGANISATIONS,
            statements=_statements_signed_by(db, [organisation_id]),
            organisations=[organisation_id],
        )
    return Done(changes, lambda db: edit_organisation(db, organisation_id, after, before))


def delete_organisation(db: Database, organisation_id: int) -> Done:
    """Delete an organisation with its contacts and sign-ons; undo restores them."""
    with transaction(db):
        changes = _organisation_changes(db, organisation_id)
        snapshot = organisations.delete_organisation(db, organisation_id)
    return Done(changes, lambda db: _restore_organisation(db, snapshot, changes))


def _restore_organisation(db: Database, snapshot: OrganisationSnapshot, changes: Changes) -> Done:
    with transaction(db):
        organisations.restore_organisation(db, snapshot)
    org_id = int(snapshot.organisation["id"])
    return Done(changes, lambda db: delete_organisation(db, org_id), (org_id,))


def merge_organisations(db: Database, keep_id: int, drop_id: int) -> Done:
    """Fold ``drop_id`` into ``keep_id``; undo splits them again as they were."""
    with transaction(db):
        changes = _organisation_changes(db, keep_id, drop_id)
        record = organisations.merge_organisations(db, keep_id, drop_id)
    return Done(changes, lambda db: _split_organisations(db, record, changes))


def _split_organisations(db: Database, record: MergeRecord, changes: Changes) -> Done:
    with transaction(db):
        organisations.undo_merge(db, record)
    keep_id, drop_id = int(record.keep_before["id"]), int(record.dropped["id"])
    return Done(changes, lambda db: merge_organisations(db, keep_id, drop_id))


def _contact_changes(organisation_id: int) -> Changes:
    return Changes.of(Data.CONTACTS, organisations=[organisation_id])


def _primary_contact_id(db: Database, organisation_id: int) -> int | None:
    return next((c.id for c in contacts.list_contacts(db, organisation_id) if c.is_primary), None)


def add_contact(db: Database, organisation_id: int, values: ContactFields) -> Done:
    """Add a contact; if it is made primary, undo gives the flag back to the previous one."""
    with transaction(db):
        previous_primary = (
            _primary_contact_id(db, organisation_id) if values.get("is_primary") else None
        )
        contact_id = contacts.add_contact(db, organisation_id, **values)
    return Done(
        _contact_changes(organisation_id),
        lambda db: _take_back_contact(db, contact_id, previous_primary),
        (contact_id,),
    )


def _take_back_contact(db: Database, contact_id: int, previous_primary: int | None) -> Done:
    with transaction(db):
        snapshot = contacts.delete_contact(db, contact_id)
        if previous_primary is not None:
            contacts.update_contact(db, previous_primary, {"is_primary": True})
    return Done(
        _contact_changes(int(snapshot.row["organisation_id"])),
        lambda db: _put_back_contact(db, snapshot, previous_primary),
    )


def _put_back_contact(
    db: Database, snapshot: ContactSnapshot, previous_primary: int | None
) -> Done:
    with transaction(db):
        contacts.restore_contact(db, snapshot)
        if snapshot.row["is_primary"]:
            contacts.update_contact(db, snapshot.row["id"], {"is_primary": True})
    contact_id = int(snapshot.row["id"])
    return Done(
        _contact_changes(int(snapshot.row["organisation_id"])),
        lambda db: _take_back_contact(db, contact_id, previous_primary),
        (contact_id,),
    )


def edit_contact(
    db: Database,
    contact_id: int,
    before: ContactFields,
    after: ContactFields,
    *,
    expected_row_version: int | None = None,
) -> Done:
    """Change a contact's details (the primary flag has its own operation)."""
    with transaction(db):
        contact = contacts.update_contact(
            db, contact_id, after, expected_row_version=expected_row_version
        )
    return Done(
        _contact_changes(contact.organisation_id),
        lambda db: edit_contact(db, contact_id, after, before),
    )


def remove_contact(db: Database, contact_id: int) -> Done:
    """Delete a contact; sign-ons it authorised keep no authoriser until undone."""
    with transaction(db):
        snapshot = contacts.delete_contact(db, contact_id)
    organisation_id = int(snapshot.row["organisation_id"])
    authorised = bool(snapshot.authorised_signon_ids)
    changes = Changes.of(
        Data.CONTACTS,
        *([Data.SIGNONS] if authorised else []),
        statements=_statements_signed_by(db, [organisation_id]) if authorised else (),
        organisations=[organisation_id],
    )
    return Done(changes, lambda db: _restore_contact(db, snapshot, changes))


def _restore_contact(db: Database, snapshot: ContactSnapshot, changes: Changes) -> Done:
    with transaction(db):
        contacts.restore_contact(db, snapshot)
    contact_id = int(snapshot.row["id"])
    return Done(changes, lambda db: remove_contact(db, contact_id), (contact_id,))


def set_primary_contact(db: Database, organisation_id: int, contact_id: int) -> Done:
    """Make a contact the organisation's primary one; undo restores the previous choice."""
    with transaction(db):
        previous = _primary_contact_id(db, organisation_id)
        contacts.update_contact(db, contact_id, {"is_primary": True})
    return Done(
        _contact_changes(organisation_id),
        lambda db: _give_primary_back(db, organisation_id, contact_id, previous),
    )


def _give_primary_back(
    db: Database, organisation_id: int, contact_id: int, previous: int | None
) -> Done:
    with transaction(db):
        if previous is None:
            contacts.update_contact(db, contact_id, {"is_primary": False})
        else:
            contacts.update_contact(db, previous, {"is_primary": True})
    return Done(
        _contact_changes(organisation_id),
        lambda db: set_primary_contact(db, organisation_id, contact_id),
    )
