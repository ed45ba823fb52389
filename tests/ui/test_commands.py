"""Each undo command changes the store, undoes exactly, redoes, and is logged."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations
from signapp.core.errors import NotFound
from signapp.core.signons import record_signon
from signapp.core.statements import create_issued_statement
from signapp.ui.directory import commands
from signapp.ui.undo import UndoStack


def test_create_undo_redo_keeps_the_same_id(db: Database, stack: UndoStack) -> None:
    command = commands.CreateOrganisation(stack, db, {"name": "Lake Keepers", "country": "TH"})
    stack.push(command)
    org_id = command.organisation_id
    assert org_id is not None
    stack.push(commands.AddContact(stack, db, org_id, {"name": "Nok", "email": "nok@example.org"}))
    stack.undo()
    stack.undo()
    with pytest.raises(NotFound):
        organisations.get_organisation(db, org_id)
    stack.redo()
    stack.redo()
    assert organisations.get_organisation(db, org_id).name == "Lake Keepers"
    assert [c.name for c in contacts.list_contacts(db, org_id)] == ["Nok"]
    actions = [e.action for e in audit.entries(db, entity="organisation", entity_id=org_id)]
    assert actions == ["restore", "delete", "create"]


def test_delete_restores_contacts_and_signons(db: Database, stack: UndoStack) -> None:
    org_id = organisations.add_organisation(db, "River Watch")
    contacts.add_contact(db, org_id, "Ana", is_primary=True)
    statement_id = create_issued_statement(db, "Statement", "Text")
    record_signon(db, statement_id, org_id, status="confirmed")
    stack.push(commands.DeleteOrganisation(stack, db, org_id, "River Watch"))
    with pytest.raises(NotFound):
        organisations.get_organisation(db, org_id)
    stack.undo()
    assert [c.name for c in contacts.list_contacts(db, org_id)] == ["Ana"]
    assert [h.status.value for h in organisations.organisation_history(db, org_id)] == ["confirmed"]


def test_merge_and_undo_merge(db: Database, stack: UndoStack) -> None:
    keep = organisations.add_organisation(db, "Delta Women", acronym="DW")
    drop = organisations.add_organisation(db, "Delta Women's Network", country="VN")
    contacts.add_contact(db, drop, "Thu")
    stack.push(commands.MergeOrganisations(stack, db, keep, drop, "merge"))
    assert organisations.get_organisation(db, keep).country == "VN"
    assert [c.name for c in contacts.list_contacts(db, keep)] == ["Thu"]
    stack.undo()
    assert organisations.get_organisation(db, keep).country is None
    assert [c.name for c in contacts.list_contacts(db, drop)] == ["Thu"]
    stack.redo()
    with pytest.raises(NotFound):
        organisations.get_organisation(db, drop)


def test_adding_a_primary_contact_is_undone_with_the_old_primary_back(
    db: Database, stack: UndoStack
) -> None:
    org_id = organisations.add_organisation(db, "Hill Farmers")
    first = contacts.add_contact(db, org_id, "Old primary", is_primary=True)
    command = commands.AddContact(stack, db, org_id, {"name": "New primary", "is_primary": True})
    stack.push(command)
    assert not contacts.get_contact(db, first).is_primary
    stack.undo()
    assert contacts.get_contact(db, first).is_primary
    stack.redo()
    assert contacts.get_contact(db, command.contact_id).is_primary
    assert not contacts.get_contact(db, first).is_primary


def test_a_refused_change_is_reported_and_leaves_no_undo_entry(
    db: Database, stack: UndoStack, qtbot
) -> None:  # type: ignore[no-untyped-def]
    org_id = organisations.add_organisation(db, "Seed Bank")
    stale = organisations.get_organisation(db, org_id).row_version
    organisations.update_organisation(db, org_id, {"acronym": "SB"})  # someone else
    with qtbot.waitSignal(stack.command_failed) as failure:
        stack.push(
            commands.EditOrganisation(
                stack,
                db,
                org_id,
                {"name": "Seed Bank"},
                {"name": "Seed Library"},
                row_version=stale,
            )
        )
    assert "changed elsewhere" in failure.args[0]
    assert stack.count() == 0
    assert organisations.get_organisation(db, org_id).name == "Seed Bank"
