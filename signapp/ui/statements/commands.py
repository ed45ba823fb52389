"""Undoable changes to statements and sign-ons; each ``apply``/``revert`` calls core.

Commands keep what they need to undo themselves (the values before, or a snapshot of
what they deleted), so that undo and redo bring back the same rows with the same ids,
and every step is written to the audit log by core. A change core refuses is reported
through the stack's ``command_failed`` and dropped (see :mod:`signapp.ui.undo`).

Issuing a version is deliberately not a command: an issued text may already have been
sent out and signed, so it is never taken back (the editor asks for confirmation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.db import transaction, utc_now
from signapp.core.model import SignOn, SignOnStatus
from signapp.core.statement_snapshots import (
    StatementSnapshot,
    delete_statement_keeping_snapshot,
    restore_statement,
)
from signapp.core.wording import counted
from signapp.ui.undo import StoreCommand, UndoStack


def run_command(stack: UndoStack, command: StoreCommand) -> bool:
    """Push ``command`` (which makes the change); False if core refused it.

    The refusal itself reaches the user through ``stack.command_failed``.
    """
    refusals: list[str] = []
    stack.command_failed.connect(refusals.append)
    try:
        stack.push(command)
    finally:
        stack.command_failed.disconnect(refusals.append)
    return not refusals


class CreateStatementCommand(StoreCommand):
    def __init__(
        self, stack: UndoStack, db: Database, title: str, *, deadline: str | None = None
    ) -> None:
        super().__init__(stack, f"Create statement “{title}”")
        self._db = db
        self._title = title
        self._deadline = deadline
        self.statement_id: int | None = None
        self._snapshot: StatementSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.statement_id = statements.create_statement(
                self._db, self._title, deadline=self._deadline
            )
        else:
            restore_statement(self._db, self._snapshot)

    def revert(self) -> None:
        assert self.statement_id is not None
        self._snapshot = delete_statement_keeping_snapshot(self._db, self.statement_id)


class UpdateStatementCommand(StoreCommand):
    """Rename, re-date or change the status of a statement."""

    def __init__(
        self, stack: UndoStack, db: Database, statement_id: int, changes: Mapping[str, Any]
    ) -> None:
        current = statements.get_statement(db, statement_id)
        if set(changes) == {"status"}:
            text = f"Set “{current.title}” to {changes['status']}"
        elif set(changes) == {"title"}:
            text = f"Rename “{current.title}”"
        else:
            text = f"Edit “{current.title}”"
        super().__init__(stack, text)
        self._before = {key: getattr(current, key) for key in changes}
        self._after = dict(changes)
        self._db = db
        self._statement_id = statement_id

    def apply(self) -> None:
        statements.update_statement(self._db, self._statement_id, self._after)

    def revert(self) -> None:
        statements.update_statement(self._db, self._statement_id, self._before)


class DeleteStatementCommand(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, statement_id: int) -> None:
        title = statements.get_statement(db, statement_id).title
        super().__init__(stack, f"Delete statement “{title}”")
        self._db = db
        self._statement_id = statement_id
        self._snapshot: StatementSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = delete_statement_keeping_snapshot(self._db, self._statement_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        restore_statement(self._db, self._snapshot)


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


class SignOnEdit:
    """A change to one sign-on and the values it replaces.

    The parts of a command that changes several sign-ons are these plain objects, not
    child ``QUndoCommand``s: PySide6 6.12 crashes when it deletes a command that has
    child commands.
    """

    def __init__(self, db: Database, signon_id: int, changes: Mapping[str, Any]) -> None:
        before = _signon_values(signons.get_signon(db, signon_id))
        keys = set(changes)
        if "status" in keys:
            keys.add("version_number")  # confirming also sets the version confirmed
        self._before = {key: before[key] for key in keys}
        self._db = db
        self._signon_id = signon_id
        self._changes = dict(changes)

    def apply(self) -> None:
        signons.update_signon(self._db, self._signon_id, self._changes)

    def revert(self) -> None:
        signons.update_signon(self._db, self._signon_id, self._before)


class UpdateSignOnCommand(StoreCommand):
    """Change fields of one sign-on; undo puts back the values it had."""

    def __init__(
        self, stack: UndoStack, db: Database, signon_id: int, changes: Mapping[str, Any]
    ) -> None:
        super().__init__(stack, "Edit sign-on")
        self._edit = SignOnEdit(db, signon_id, changes)

    def apply(self) -> None:
        self._edit.apply()

    def revert(self) -> None:
        self._edit.revert()


_ANSWERS = frozenset({SignOnStatus.CONFIRMED, SignOnStatus.DECLINED, SignOnStatus.WITHDRAWN})


def status_change(signon: SignOn, status: SignOnStatus) -> dict[str, Any]:
    """The changes that put ``signon`` in ``status``.

    Confirming always confirms the latest issued version, which is also how a sign-on
    that needs reconfirmation is reconfirmed; an answer without a date is dated today,
    so that it counts on the progress curve.
    """
    changes: dict[str, Any] = {"status": status.value}
    if status is SignOnStatus.CONFIRMED:
        changes["version_number"] = None
    if status in _ANSWERS and signon.received_at is None:
        changes["received_at"] = utc_now()
    return changes


class SetSignOnStatusCommand(StoreCommand):
    """One status change for a selection: one undo step and one transaction, with an
    edit per sign-on."""

    def __init__(
        self, stack: UndoStack, db: Database, signon_ids: Iterable[int], status: SignOnStatus
    ) -> None:
        ids = list(signon_ids)
        super().__init__(stack, f"Set {counted(len(ids), 'sign-on')} to {status.value}")
        self._db = db
        self._edits = [
            SignOnEdit(db, signon_id, status_change(signons.get_signon(db, signon_id), status))
            for signon_id in ids
        ]

    def apply(self) -> None:
        with transaction(self._db):
            for edit in self._edits:
                edit.apply()

    def revert(self) -> None:
        with transaction(self._db):
            for edit in reversed(self._edits):
                edit.revert()


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation created in place while adding sign-ons."""

    name: str
    country: str | None = None


class AddSignOnsCommand(StoreCommand):
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
        super().__init__(stack, f"Add {counted(count, 'organisation')} to the statement")
        self._db = db
        self._statement_id = statement_id
        self._status = status
        self._is_public = is_public
        self.signon_ids: list[int] = []
        self._created_ids: list[int] = []
        self._removed_signons: list[dict[str, Any]] = []
        self._removed_organisations: list[organisations.OrganisationSnapshot] = []

    def apply(self) -> None:
        with transaction(self._db):
            if self._removed_signons or self._removed_organisations:
                for snapshot in self._removed_organisations:
                    organisations.restore_organisation(self._db, snapshot)
                for row in self._removed_signons:
                    signons.restore_signon(self._db, row)
                self._removed_signons, self._removed_organisations = [], []
                return
            self._created_ids = [
                organisations.add_organisation(self._db, new.name, country=new.country)
                for new in self._new_organisations
            ]
            already_on = {
                row.signon.organisation_id
                for row in signons.list_signons(self._db, self._statement_id)
            }
            self.signon_ids = [
                signons.record_signon(
                    self._db,
                    self._statement_id,
                    organisation_id,
                    status=self._status,
                    is_public=self._is_public,
                )
                for organisation_id in [*self._organisation_ids, *self._created_ids]
                if organisation_id not in already_on
            ]

    def revert(self) -> None:
        with transaction(self._db):
            self._removed_signons = [
                signons.delete_signon(self._db, signon_id) for signon_id in self.signon_ids
            ]
            self._removed_organisations = [
                organisations.delete_organisation(self._db, organisation_id)
                for organisation_id in self._created_ids
            ]


class RemoveSignOnsCommand(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, signon_ids: Iterable[int]) -> None:
        ids = list(signon_ids)
        super().__init__(stack, f"Remove {counted(len(ids), 'sign-on')}")
        self._db = db
        self._signon_ids = ids
        self._removed_rows: list[dict[str, Any]] = []

    def apply(self) -> None:
        with transaction(self._db):
            self._removed_rows = [signons.delete_signon(self._db, i) for i in self._signon_ids]

    def revert(self) -> None:
        with transaction(self._db):
            for row in self._removed_rows:
                signons.restore_signon(self._db, row)
