"""User-level changes to people, each one transaction, each with what undoes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from sqlite_utils import Database

from signapp.core import people
from signapp.core.db import transaction
from signapp.core.fields import NewPerson, PersonFields
from signapp.core.ops import Changes, Data, Done
from signapp.core.people import PERSON_FIELDS, PersonMerge, PersonSnapshot


def _statements_of(db: Database, person_ids: Iterable[int]) -> set[int]:
    ids = list(person_ids)
    marks = ", ".join("?" for _ in ids) or "NULL"
    return {
        int(row[0])
        for row in db.execute(
            f"SELECT DISTINCT statement_id FROM signons WHERE person_id IN ({marks})", ids
        )
    }


def _people_changes(db: Database, *person_ids: int) -> Changes:
    """People created, edited, deleted or merged: their rows and the sign-ons of every
    statement they are on."""
    return Changes.of(Data.PEOPLE, Data.SIGNONS, statements=_statements_of(db, person_ids))


def create_person(db: Database, values: NewPerson) -> Done:
    """A new person; ``created_ids`` holds the id."""
    person_id = people.add_person(db, **values)
    return Done(Changes.of(Data.PEOPLE), lambda db: delete_person(db, person_id), (person_id,))


def edit_person(
    db: Database,
    person_id: int,
    changes: PersonFields,
    *,
    expected_row_version: int | None = None,
) -> Done:
    """Change a person's fields; undo puts back the values they had."""
    with transaction(db):
        current = people.get_person(db, person_id)
        before = cast(
            PersonFields, {key: getattr(current, key) for key in changes if key in PERSON_FIELDS}
        )
        people.update_person(db, person_id, changes, expected_row_version=expected_row_version)
        touched = _people_changes(db, person_id)
    return Done(touched, lambda db: edit_person(db, person_id, before))


def delete_person(db: Database, person_id: int) -> Done:
    """Delete a person with their sign-ons; undo brings all back with the same ids."""
    touched = _people_changes(db, person_id)
    snapshot = people.delete_person(db, person_id)
    return Done(touched, lambda db: _restore(db, snapshot))


def _restore(db: Database, snapshot: PersonSnapshot) -> Done:
    people.restore_person(db, snapshot)
    person_id = int(snapshot.person["id"])
    return Done(_people_changes(db, person_id), lambda db: delete_person(db, person_id))


def merge_people(db: Database, keep_id: int, drop_id: int) -> Done:
    """Fold a duplicate record into the one kept (see :func:`signapp.core.people.merge_people`)."""
    touched = _people_changes(db, keep_id, drop_id)
    record = people.merge_people(db, keep_id, drop_id)
    return Done(touched, lambda db: _unmerge(db, record, keep_id, drop_id))


def _unmerge(db: Database, record: PersonMerge, keep_id: int, drop_id: int) -> Done:
    people.undo_merge_people(db, record)
    return Done(
        _people_changes(db, keep_id, drop_id), lambda db: merge_people(db, keep_id, drop_id)
    )
