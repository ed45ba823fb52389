"""User-level changes to a statement's queue of email replies, each one transaction.

Reading a mailbox adds proposals only; accepting records what they propose, and is
taken back by putting the sign-ons, organisations and contacts as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from signapp.core import review_queue
from signapp.core.ops import Changes, Data, Done
from signapp.core.review_queue import Decision, Proposal, ReviewAction


def queue_changed(statement_id: int) -> Changes:
    """What reading replies into ``statement_id``'s queue changes: the queue alone."""
    return Changes.of(Data.REPLIES, statements=[statement_id])


def _decision_changes(decision: Decision) -> Changes:
    touched = set(decision.signons_before) | set(decision.created_organisations)
    return Changes.of(
        Data.REPLIES,
        Data.SIGNONS,
        Data.ORGANISATIONS,
        Data.CONTACTS,
        statements=[decision.statement_id],
        organisations=touched,
    )


def accept_replies(db: Database, item_ids: Sequence[int]) -> Done:
    """Accept pending replies (see :func:`signapp.core.review_queue.accept_items`)."""
    decision = review_queue.accept_items(db, item_ids)
    return Done(
        _decision_changes(decision),
        lambda db: _undo_accept(db, decision),
        tuple(decision.item_ids),
    )


def _undo_accept(db: Database, decision: Decision) -> Done:
    review_queue.undo_accept(db, decision)
    return Done(_decision_changes(decision), lambda db: accept_replies(db, decision.item_ids))


def reject_replies(db: Database, statement_id: int, item_ids: Sequence[int]) -> Done:
    rejected = review_queue.reject_items(db, item_ids)
    return Done(queue_changed(statement_id), lambda db: _undo_reject(db, statement_id, rejected))


def _undo_reject(db: Database, statement_id: int, item_ids: Sequence[int]) -> Done:
    review_queue.undo_reject(db, item_ids)
    return Done(queue_changed(statement_id), lambda db: reject_replies(db, statement_id, item_ids))


def correct_reply(
    db: Database,
    item_id: int,
    *,
    action: ReviewAction | None = None,
    organisation_id: int | None = None,
    new_organisation: str | None = None,
    is_public: bool | None = None,
) -> Done:
    """Correct a pending reply's proposal; undo puts the earlier proposal back."""
    statement_id = review_queue.get_review_item(db, item_id).statement_id
    before = review_queue.set_proposal(
        db,
        item_id,
        action=action,
        organisation_id=organisation_id,
        new_organisation=new_organisation,
        is_public=is_public,
    )
    return Done(queue_changed(statement_id), lambda db: _restore(db, item_id, statement_id, before))


def _restore(db: Database, item_id: int, statement_id: int, proposal: Proposal) -> Done:
    current = review_queue.get_review_item(db, item_id)
    review_queue.restore_proposal(db, item_id, proposal)
    return Done(
        queue_changed(statement_id),
        lambda db: correct_reply(
            db,
            item_id,
            action=current.action,
            organisation_id=current.organisation_id,
            new_organisation=current.new_organisation if current.organisation_id is None else None,
            is_public=current.is_public,
        ),
    )
