"""Undoable changes to organisations and contacts, each made by core functions.

Every command keeps what it needs to put things back exactly (ids included), so a
command further up the stack that names an organisation or contact still finds it
after an undo and a redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from signapp.core import contacts, organisations
from signapp.core.contacts import ContactSnapshot
from signapp.core.organisations import MergeRecord, OrganisationSnapshot
from signapp.ui.undo import StoreCommand, UndoStack


class CreateOrganisation(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, values: Mapping[str, Any]) -> None:
        super().__init__(stack, f"Create organisation “{values.get('name', '')}”")
        self._db = db
        self._values = dict(values)
        self.organisation_id: int | None = None
        self._snapshot: OrganisationSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.organisation_id = organisations.add_organisation(self._db, **self._values)
        else:
            organisations.restore_organisation(self._db, self._snapshot)

    def revert(self) -> None:
        assert self.organisation_id is not None
        self._snapshot = organisations.delete_organisation(self._db, self.organisation_id)


class EditOrganisation(StoreCommand):
    """Change some fields; ``before`` holds their values as the form loaded them.

    ``current_name`` names the organisation in the command's text when the change
    leaves the name alone (an edited acronym only, say).
    """

    def __init__(
        self,
        stack: UndoStack,
        db: Database,
        organisation_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        current_name: str | None = None,
        row_version: int | None = None,
    ) -> None:
        name = after.get("name") or before.get("name") or current_name or ""
        super().__init__(stack, f"Edit organisation “{name}”")
        self._db = db
        self.organisation_id = organisation_id
        self._before = dict(before)
        self._after = dict(after)
        self._row_version = row_version

    def apply(self) -> None:
        organisations.update_organisation(
            self._db, self.organisation_id, self._after, expected_row_version=self._row_version
        )
        # Checked once, against the version the form showed; undo and redo are ours.
        self._row_version = None

    def revert(self) -> None:
        organisations.update_organisation(self._db, self.organisation_id, self._before)


class DeleteOrganisation(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, organisation_id: int, name: str) -> None:
        super().__init__(stack, f"Delete organisation “{name}”")
        self._db = db
        self.organisation_id = organisation_id
        self._snapshot: OrganisationSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = organisations.delete_organisation(self._db, self.organisation_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        organisations.restore_organisation(self._db, self._snapshot)


class MergeOrganisations(StoreCommand):
    """Fold one organisation into another; undo splits them again as they were."""

    def __init__(
        self, stack: UndoStack, db: Database, keep_id: int, drop_id: int, text: str
    ) -> None:
        super().__init__(stack, text)
        self._db = db
        self.keep_id = keep_id
        self.drop_id = drop_id
        self._record: MergeRecord | None = None

    def apply(self) -> None:
        self._record = organisations.merge_organisations(self._db, self.keep_id, self.drop_id)

    def revert(self) -> None:
        assert self._record is not None
        organisations.undo_merge(self._db, self._record)


def _primary_contact_id(db: Database, organisation_id: int) -> int | None:
    return next((c.id for c in contacts.list_contacts(db, organisation_id) if c.is_primary), None)


class AddContact(StoreCommand):
    """Add a contact; if it is made primary, undo gives the flag back to the previous one."""

    def __init__(
        self, stack: UndoStack, db: Database, organisation_id: int, values: Mapping[str, Any]
    ) -> None:
        super().__init__(stack, f"Add contact “{values.get('name', '')}”")
        self._db = db
        self.organisation_id = organisation_id
        self._values = dict(values)
        self.contact_id: int | None = None
        self._previous_primary: int | None = None
        self._snapshot: ContactSnapshot | None = None

    def apply(self) -> None:
        if self._values.get("is_primary"):
            self._previous_primary = _primary_contact_id(self._db, self.organisation_id)
        if self._snapshot is None:
            self.contact_id = contacts.add_contact(self._db, self.organisation_id, **self._values)
            return
        contacts.restore_contact(self._db, self._snapshot)
        if self._values.get("is_primary"):
            contacts.update_contact(self._db, self._snapshot.row["id"], {"is_primary": True})

    def revert(self) -> None:
        assert self.contact_id is not None
        self._snapshot = contacts.delete_contact(self._db, self.contact_id)
        if self._previous_primary is not None:
            contacts.update_contact(self._db, self._previous_primary, {"is_primary": True})


class EditContact(StoreCommand):
    """Change a contact's details (the primary flag has its own command)."""

    def __init__(
        self,
        stack: UndoStack,
        db: Database,
        contact_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        row_version: int | None = None,
    ) -> None:
        super().__init__(stack, f"Edit contact “{after.get('name') or before.get('name')}”")
        self._db = db
        self.contact_id = contact_id
        self._before = dict(before)
        self._after = dict(after)
        self._row_version = row_version

    def apply(self) -> None:
        contacts.update_contact(
            self._db, self.contact_id, self._after, expected_row_version=self._row_version
        )
        self._row_version = None

    def revert(self) -> None:
        contacts.update_contact(self._db, self.contact_id, self._before)


class RemoveContact(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, contact_id: int, name: str) -> None:
        super().__init__(stack, f"Remove contact “{name}”")
        self._db = db
        self.contact_id = contact_id
        self._snapshot: ContactSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = contacts.delete_contact(self._db, self.contact_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        contacts.restore_contact(self._db, self._snapshot)


class SetPrimaryContact(StoreCommand):
    """Make a contact the organisation's primary one; undo restores the previous choice."""

    def __init__(
        self, stack: UndoStack, db: Database, organisation_id: int, contact_id: int, name: str
    ) -> None:
        super().__init__(stack, f"Make “{name}” the primary contact")
        self._db = db
        self.organisation_id = organisation_id
        self.contact_id = contact_id
        self._previous_primary: int | None = None

    def apply(self) -> None:
        self._previous_primary = _primary_contact_id(self._db, self.organisation_id)
        contacts.update_contact(self._db, self.contact_id, {"is_primary": True})

    def revert(self) -> None:
        if self._previous_primary is None:
            contacts.update_contact(self._db, self.contact_id, {"is_primary": False})
        else:
            contacts.update_contact(self._db, self._previous_primary, {"is_primary": True})
