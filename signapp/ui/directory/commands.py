"""Undoable changes to organisations and contacts: each runs one core operation.

The operations (:mod:`signapp.core.ops_directory`) put things back exactly (ids
included), so a command further up the stack that names an organisation or contact
still finds it after an undo and a redo.
"""

from __future__ import annotations

from sqlite_utils import Database

from signapp.core import ops_directory
from signapp.core.fields import ContactFields, OrganisationFields
from signapp.core.ops import Done
from signapp.i18n import _
from signapp.ui.undo import StoreCommand, UndoStack


class CreateOrganisation(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, values: OrganisationFields) -> None:
        super().__init__(
            stack, db, _("Create organisation “{name}”").format(name=values.get("name", ""))
        )
        self._values = values.copy()
        self.organisation_id: int | None = None

    def operate(self) -> Done:
        return ops_directory.create_organisation(self._db, self._values)

    def done(self, result: Done) -> None:
        self.organisation_id = result.created_ids[0]


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
        before: OrganisationFields,
        after: OrganisationFields,
        *,
        current_name: str | None = None,
        row_version: int | None = None,
    ) -> None:
        name = after.get("name") or before.get("name") or current_name or ""
        super().__init__(stack, db, _("Edit organisation “{name}”").format(name=name))
        self.organisation_id = organisation_id
        self._before = before.copy()
        self._after = after.copy()
        self._row_version = row_version

    def operate(self) -> Done:
        # Checked once, against the version the form showed; undo and redo are ours.
        return ops_directory.edit_organisation(
            self._db,
            self.organisation_id,
            self._before,
            self._after,
            expected_row_version=self._row_version,
        )


class DeleteOrganisation(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, organisation_id: int, name: str) -> None:
        super().__init__(stack, db, _("Delete organisation “{name}”").format(name=name))
        self.organisation_id = organisation_id

    def operate(self) -> Done:
        return ops_directory.delete_organisation(self._db, self.organisation_id)


class MergeOrganisations(StoreCommand):
    """Fold one organisation into another; undo splits them again as they were."""

    def __init__(
        self, stack: UndoStack, db: Database, keep_id: int, drop_id: int, text: str
    ) -> None:
        super().__init__(stack, db, text)
        self.keep_id = keep_id
        self.drop_id = drop_id

    def operate(self) -> Done:
        return ops_directory.merge_organisations(self._db, self.keep_id, self.drop_id)


class AddContact(StoreCommand):
    """Add a contact; if it is made primary, undo gives the flag back to the previous one."""

    def __init__(
        self, stack: UndoStack, db: Database, organisation_id: int, values: ContactFields
    ) -> None:
        super().__init__(stack, db, _("Add contact “{name}”").format(name=values.get("name", "")))
        self.organisation_id = organisation_id
        self._values = values.copy()
        self.contact_id: int | None = None

    def operate(self) -> Done:
        return ops_directory.add_contact(self._db, self.organisation_id, self._values)

    def done(self, result: Done) -> None:
        self.contact_id = result.created_ids[0]


class EditContact(StoreCommand):
    """Change a contact's details (the primary flag has its own command)."""

    def __init__(
        self,
        stack: UndoStack,
        db: Database,
        contact_id: int,
        before: ContactFields,
        after: ContactFields,
        *,
        row_version: int | None = None,
    ) -> None:
        super().__init__(
            stack,
            db,
            _("Edit contact “{name}”").format(name=after.get("name") or before.get("name")),
        )
        self.contact_id = contact_id
        self._before = before.copy()
        self._after = after.copy()
        self._row_version = row_version

    def operate(self) -> Done:
        return ops_directory.edit_contact(
            self._db,
            self.contact_id,
            self._before,
            self._after,
            expected_row_version=self._row_version,
        )


class RemoveContact(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, contact_id: int, name: str) -> None:
        super().__init__(stack, db, _("Remove contact “{name}”").format(name=name))
        self.contact_id = contact_id

    def operate(self) -> Done:
        return ops_directory.remove_contact(self._db, self.contact_id)


class SetPrimaryContact(StoreCommand):
    """Make a contact the organisation's primary one; undo restores the previous choice."""

    def __init__(
        self, stack: UndoStack, db: Database, organisation_id: int, contact_id: int, name: str
    ) -> None:
        super().__init__(stack, db, _("Make “{name}” the primary contact").format(name=name))
        self.organisation_id = organisation_id
        self.contact_id = contact_id

    def operate(self) -> Done:
        return ops_directory.set_primary_contact(self._db, self.organisation_id, self.contact_id)


def pushed(stack: UndoStack, command: StoreCommand) -> bool:
    """Push ``command``; True if the change was made (a refused one leaves the stack)."""
    before = stack.index()
    stack.push(command)
    return stack.index() > before
