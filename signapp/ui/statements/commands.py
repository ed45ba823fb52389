"""Undoable changes to statements and sign-ons: each runs one core operation.

The operations (:mod:`signapp.core.ops_statements`) make the change in one transaction
and say what undoes it, bringing back the same rows with the same ids; a change core
refuses is reported through the stack's ``command_failed`` and dropped (see
:mod:`signapp.ui.undo`).

Issuing a version is deliberately not a command: an issued text may already have been
sent out and signed, so it is never taken back (the editor asks for confirmation).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from signapp.core import ops_statements, statements
from signapp.core.fields import SignOnFields, StatementFields
from signapp.core.model import SignOnStatus, StatementStatus
from signapp.core.ops import Done
from signapp.core.ops_statements import NewOrganisation
from signapp.i18n import _, ngettext
from signapp.ui.undo import StoreCommand, UndoStack


def run_command(stack: UndoStack, command: StoreCommand) -> bool:
    """Push ``command`` (which makes the change); False if core refused it.

    The refusal itself reaches the user through ``stack.command_failed``.
    """
    refusals: list[str] = []
    stack.command_failed.connect(refusals.append)
    stack.command_broke.connect(refusals.append)
    try:
        stack.push(command)
    finally:
        stack.command_failed.disconnect(refusals.append)
        stack.command_broke.disconnect(refusals.append)
    return not refusals


class CreateStatement(StoreCommand):
    def __init__(
        self, stack: UndoStack, db: Database, title: str, *, deadline: str | None = None
    ) -> None:
        super().__init__(stack, db, _("Create statement “{title}”").format(title=title))
        self._title = title
        self._deadline = deadline
        self.statement_id: int | None = None

    def operate(self) -> Done:
        return ops_statements.create_statement(self._db, self._title, deadline=self._deadline)

    def done(self, result: Done) -> None:
        self.statement_id = result.created_ids[0]


class EditStatement(StoreCommand):
    """Rename, re-date or change the status of a statement."""

    def __init__(
        self, stack: UndoStack, db: Database, statement_id: int, changes: StatementFields
    ) -> None:
        current = statements.get_statement(db, statement_id)
        if set(changes) == {"status"}:
            text = _("Set “{title}” to {status}").format(
                title=current.title, status=StatementStatus(changes["status"]).label
            )
        elif set(changes) == {"title"}:
            text = _("Rename “{title}”").format(title=current.title)
        else:
            text = _("Edit “{title}”").format(title=current.title)
        super().__init__(stack, db, text)
        self._changes = changes.copy()
        self._statement_id = statement_id

    def operate(self) -> Done:
        return ops_statements.edit_statement(self._db, self._statement_id, self._changes)


class DeleteStatement(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, statement_id: int) -> None:
        title = statements.get_statement(db, statement_id).title
        super().__init__(stack, db, _("Delete statement “{title}”").format(title=title))
        self._statement_id = statement_id

    def operate(self) -> Done:
        return ops_statements.delete_statement(self._db, self._statement_id)


class EditSignOn(StoreCommand):
    """Change fields of one sign-on; undo puts back the values it had."""

    def __init__(
        self, stack: UndoStack, db: Database, signon_id: int, changes: SignOnFields
    ) -> None:
        super().__init__(stack, db, _("Edit sign-on"))
        self._signon_id = signon_id
        self._changes = changes.copy()

    def operate(self) -> Done:
        return ops_statements.edit_signon(self._db, self._signon_id, self._changes)


class SetSignOnStatus(StoreCommand):
    """One status change for a selection: one undo step and one transaction."""

    def __init__(
        self, stack: UndoStack, db: Database, signon_ids: Iterable[int], status: SignOnStatus
    ) -> None:
        self._signon_ids = list(signon_ids)
        count = len(self._signon_ids)
        super().__init__(
            stack,
            db,
            ngettext(
                "Set {count:,} sign-on to {status}", "Set {count:,} sign-ons to {status}", count
            ).format(count=count, status=status.label),
        )
        self._status = status

    def operate(self) -> Done:
        return ops_statements.set_signon_status(self._db, self._signon_ids, self._status)


class AddSignOns(StoreCommand):
    """Put organisations on a statement, creating new ones first if asked.

    Undo removes exactly those sign-ons and the organisations created; redo brings them
    back with the same ids.
    """

    def __init__(
        self,
        stack: UndoStack,
        db: Database,
        statement_id: int,
        organisation_ids: Iterable[int],
        *,
        new_organisations: Iterable[NewOrganisation] = (),
        status: SignOnStatus = SignOnStatus.INVITED,
        is_public: bool = True,
    ) -> None:
        self._organisation_ids = list(organisation_ids)
        self._new_organisations = list(new_organisations)
        count = len(self._organisation_ids) + len(self._new_organisations)
        super().__init__(
            stack,
            db,
            ngettext(
                "Add {count:,} organisation to the statement",
                "Add {count:,} organisations to the statement",
                count,
            ).format(count=count),
        )
        self._statement_id = statement_id
        self._status = status
        self._is_public = is_public
        self.signon_ids: list[int] = []

    def operate(self) -> Done:
        return ops_statements.add_signons(
            self._db,
            self._statement_id,
            self._organisation_ids,
            new_organisations=self._new_organisations,
            status=self._status,
            is_public=self._is_public,
        )

    def done(self, result: Done) -> None:
        self.signon_ids = list(result.created_ids)


class RemoveSignOns(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, signon_ids: Iterable[int]) -> None:
        self._signon_ids = list(signon_ids)
        count = len(self._signon_ids)
        super().__init__(
            stack,
            db,
            ngettext("Remove {count:,} sign-on", "Remove {count:,} sign-ons", count).format(
                count=count
            ),
        )

    def operate(self) -> Done:
        return ops_statements.remove_signons(self._db, self._signon_ids)
