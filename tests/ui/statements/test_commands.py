"""Every change of the statement views is one undo step, and each step is audited."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import audit, organisations, signons, statements
from signapp.core.errors import NotFound
from signapp.core.model import SignOnStatus, StatementStatus, VersionKind
from signapp.core.ops_statements import NewOrganisation
from signapp.ui.statements.commands import (
    AddSignOns,
    CreateStatement,
    DeleteStatement,
    EditSignOn,
    EditStatement,
    RemoveSignOns,
    SetSignOnStatus,
    run_command,
)
from signapp.ui.undo import UndoStack
from tests.ui.statements.sample import build_sample


def _statuses(db: Database, statement_id: int) -> dict[str, tuple[str, int | None]]:
    return {
        row.organisation_name: (row.signon.status.value, row.signon.version_number)
        for row in signons.list_signons(db, statement_id)
    }


def test_a_status_change_for_a_selection_is_one_step_and_undoes_whole(
    db: Database, stack: UndoStack
) -> None:
    sample = build_sample(db)
    before = _statuses(db, sample.statement_id)
    chosen = [sample.signon_ids["Lao River Union"], sample.signon_ids["เครือข่ายแม่น้ำ"]]
    audit_before = len(audit.entries(db, entity="sign-on", limit=1000))
    run_command(stack, SetSignOnStatus(stack, db, chosen, SignOnStatus.CONFIRMED))
    assert stack.count() == 1
    after = _statuses(db, sample.statement_id)
    assert after["Lao River Union"] == ("confirmed", 1)
    assert after["เครือข่ายแม่น้ำ"] == ("confirmed", 1)
    assert signons.get_signon(db, chosen[0]).received_at is not None  # dated for the curve
    stack.undo()
    assert _statuses(db, sample.statement_id) == before
    assert signons.get_signon(db, chosen[0]).received_at is None
    stack.redo()
    assert _statuses(db, sample.statement_id) == after
    assert len(audit.entries(db, entity="sign-on", limit=1000)) == audit_before + 6


def test_confirming_again_renews_a_stale_confirmation_and_undo_restores_it(
    db: Database, stack: UndoStack
) -> None:
    sample = build_sample(db)
    statements.revise_statement(
        db, sample.statement_id, "Changed.", kind=VersionKind.SUBSTANTIVE, note="n"
    )
    signon_id = sample.signon_ids["Mekong Fishers Network"]
    run_command(stack, SetSignOnStatus(stack, db, [signon_id], SignOnStatus.CONFIRMED))
    renewed = signons.get_signon(db, signon_id)
    assert renewed.version_number == 2
    assert renewed.received_at == "2026-11-02"  # an existing date is kept
    stack.undo()
    assert signons.get_signon(db, signon_id).version_number == 1
    assert signons.count_needing_reconfirmation(db, sample.statement_id) == 3


def test_a_refused_change_is_not_pushed(db: Database, stack: UndoStack) -> None:
    statement_id = statements.create_statement(db, "Nothing issued yet")
    org_id = organisations.add_organisation(db, "Early Bird")
    signon_id = signons.record_signon(db, statement_id, org_id, status="invited")
    refusals: list[str] = []
    stack.command_failed.connect(refusals.append)
    command = SetSignOnStatus(stack, db, [signon_id], SignOnStatus.CONFIRMED)
    assert run_command(stack, command) is False
    assert stack.count() == 0
    assert refusals == [
        "Set 1 sign-on to confirmed: status: a sign-on can be confirmed only once a "
        "version has been issued"
    ]
    assert signons.get_signon(db, signon_id).status is SignOnStatus.INVITED


def test_adding_organisations_and_creating_one_in_place_undoes_both(
    db: Database, stack: UndoStack
) -> None:
    sample = build_sample(db)
    existing = organisations.add_organisation(db, "Delta Farmers")
    command = AddSignOns(
        stack,
        db,
        sample.statement_id,
        [existing, sample.organisation_ids["Coastal Youth"]],  # the second is already on
        new_organisations=[NewOrganisation("Hill Tribes Council", "TH")],
        status=SignOnStatus.PENDING,
    )
    run_command(stack, command)
    names = _statuses(db, sample.statement_id)
    assert names["Delta Farmers"] == ("pending", None)
    assert names["Hill Tribes Council"] == ("pending", None)
    assert names["Coastal Youth"] == ("declined", None)  # left as it was
    new_ids = list(command.signon_ids)
    stack.undo()
    assert "Delta Farmers" not in _statuses(db, sample.statement_id)
    assert organisations.count_organisations(db, search="Hill Tribes") == 0
    stack.redo()
    back = {
        row.signon.id
        for row in signons.list_signons(db, sample.statement_id)
        if row.organisation_name in ("Delta Farmers", "Hill Tribes Council")
    }
    assert back == set(new_ids)  # the same rows, with the same ids


def test_editing_details_and_removing_sign_ons_undo(db: Database, stack: UndoStack) -> None:
    sample = build_sample(db)
    signon_id = sample.signon_ids["Lao River Union"]
    run_command(
        stack,
        EditSignOn(stack, db, signon_id, {"channel": "phone", "notes": "Called Tuesday"}),
    )
    assert signons.get_signon(db, signon_id).notes == "Called Tuesday"
    run_command(stack, RemoveSignOns(stack, db, [signon_id]))
    with pytest.raises(NotFound):
        signons.get_signon(db, signon_id)
    stack.undo()
    assert signons.get_signon(db, signon_id).channel is not None
    stack.undo()
    restored = signons.get_signon(db, signon_id)
    assert (restored.channel, restored.notes) == (None, None)


def test_statement_create_rename_status_delete_all_undo(db: Database, stack: UndoStack) -> None:
    create = CreateStatement(stack, db, "Clean air now", deadline="2026-12-01")
    run_command(stack, create)
    statement_id = create.statement_id
    assert statement_id is not None
    run_command(stack, EditStatement(stack, db, statement_id, {"title": "Clean air for all"}))
    run_command(stack, EditStatement(stack, db, statement_id, {"status": "closed"}))
    assert statements.get_statement(db, statement_id).status is StatementStatus.CLOSED
    run_command(stack, DeleteStatement(stack, db, statement_id))
    with pytest.raises(NotFound):
        statements.get_statement(db, statement_id)
    stack.undo()
    assert statements.get_statement(db, statement_id).title == "Clean air for all"
    stack.undo()
    stack.undo()
    restored = statements.get_statement(db, statement_id)
    assert (restored.title, restored.status) == ("Clean air now", StatementStatus.DRAFTING)
    stack.undo()
    with pytest.raises(NotFound):
        statements.get_statement(db, statement_id)
    stack.redo()
    assert statements.get_statement(db, statement_id).deadline == "2026-12-01"
    assert statements.get_draft(db, statement_id) is not None
