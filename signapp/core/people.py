"""People who sign in their own name, beside organisations.

A person is printed by name, with the affiliation they write themselves ("Professor,
Royal University of Phnom Penh"); their email and phone are private and never printed.
A person may also speak for an organisation as one of its contacts: the two records are
linked (``contact_id``), never merged, since signing in a personal capacity is not
signing for the organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from signapp.core import audit, records
from signapp.core.db import transaction
from signapp.core.errors import ValidationError
from signapp.core.fields import PersonFields
from signapp.core.text import fold_for_match, sort_key
from signapp.core.validation import (
    clean_text,
    normalise_country,
    normalise_email,
    normalise_phone,
    require_text,
)
from signapp.i18n import _

if TYPE_CHECKING:
    from signapp.core.signons import DeletedSignOn

PERSON_FIELDS = (
    "name",
    "local_name",
    "affiliation",
    "country",
    "email",
    "phone",
    "contact_id",
    "notes",
)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    local_name: str | None
    affiliation: str | None
    country: str | None
    email: str | None
    phone: str | None
    contact_id: int | None
    notes: str | None
    row_version: int


def _person(row: Mapping[str, Any]) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        local_name=row["local_name"],
        affiliation=row["affiliation"],
        country=row["country"],
        email=row["email"],
        phone=row["phone"],
        contact_id=row["contact_id"],
        notes=row["notes"],
        row_version=row["row_version"],
    )


def clean_person_fields(values: PersonFields, country: str | None = None) -> dict[str, Any]:
    """Validate and normalise the fields present; a phone defaults to ``country``;
    unknown keys (from a caller that built the fields at run time) are refused."""
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("is not a field of a person"))
    cleaned: dict[str, Any] = {}
    region = normalise_country(values["country"]) if values.get("country") else country
    given: Iterable[tuple[str, Any]] = values.items()  # each value is checked below
    for key, value in given:
        if key == "name":
            cleaned["name"] = require_text("name", value)
            cleaned["name_sort"] = sort_key(cleaned["name"])
        elif key == "local_name":
            cleaned["local_name"] = clean_text(value)
            cleaned["local_name_sort"] = sort_key(value) if cleaned["local_name"] else None
        elif key == "country":
            cleaned["country"] = normalise_country(value)
        elif key == "email":
            cleaned["email"] = normalise_email(value)
        elif key == "phone":
            cleaned["phone"] = normalise_phone(value, region)
        elif key == "contact_id":
            cleaned["contact_id"] = int(value) if value is not None else None
        else:
            cleaned[key] = clean_text(value)
    return cleaned


def person_search_text(row: Mapping[str, Any]) -> str:
    """The folded text a search of people looks in."""
    parts = (row.get(key) for key in ("name", "local_name", "affiliation", "country", "email"))
    return " | ".join(folded for folded in map(fold_for_match, parts) if folded)


def _reindex(db: Database, person_id: int) -> None:
    row = records.fetch(db, "people", person_id, "person")
    db.execute(
        "UPDATE people SET search_text = ? WHERE id = ?", [person_search_text(row), person_id]
    )


def add_person(
    db: Database,
    name: str,
    *,
    local_name: str | None = None,
    affiliation: str | None = None,
    country: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    contact_id: int | None = None,
    notes: str | None = None,
) -> int:
    """Add a person; returns the new id."""
    values = clean_person_fields(
        {
            "name": name,
            "local_name": local_name,
            "affiliation": affiliation,
            "country": country,
            "email": email,
            "phone": phone,
            "contact_id": contact_id,
            "notes": notes,
        }
    )
    with transaction(db):
        if values["contact_id"] is not None:
            records.fetch(db, "contacts", values["contact_id"], "contact")
        person_id = records.insert(db, "people", values, "person")
        _reindex(db, person_id)
    return person_id


def get_person(db: Database, person_id: int) -> Person:
    return _person(records.fetch(db, "people", person_id, "person"))


def update_person(
    db: Database,
    person_id: int,
    changes: PersonFields,
    *,
    expected_row_version: int | None = None,
) -> Person:
    """Change a person's fields."""
    with transaction(db):
        current = records.fetch(db, "people", person_id, "person")
        cleaned = clean_person_fields(changes, current["country"])
        records.update(
            db,
            "people",
            person_id,
            cleaned,
            "person",
            expected_row_version=expected_row_version,
        )
        _reindex(db, person_id)
        return get_person(db, person_id)


def list_people(
    db: Database, search: str | None = None, *, limit: int | None = None
) -> list[Person]:
    """People in name order; with ``search``, those whose name, own-script name,
    affiliation, country or email holds every word of it (case and accents ignored)."""
    conditions: list[str] = []
    params: list[Any] = []
    for term in fold_for_match(search).split() if search else []:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append("search_text LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"SELECT * FROM people {where} ORDER BY name_sort, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_person(row) for row in records.fetch_all(db, sql, params)]


def people_named(db: Database, name: str) -> list[Person]:
    """People whose name or own-script name is ``name`` once folded."""
    folded = fold_for_match(name)
    return [
        person
        for person in list_people(db, name)
        if folded in (fold_for_match(person.name), fold_for_match(person.local_name))
    ]


@dataclass(frozen=True)
class PersonSnapshot:
    """A deleted person with their sign-ons, to put back on undo."""

    person: dict[str, Any]
    signons: tuple[DeletedSignOn, ...]


def delete_person(db: Database, person_id: int) -> PersonSnapshot:
    """Delete a person and their sign-ons; the snapshot puts them back."""
    from signapp.core import signons

    with transaction(db):
        rows = records.fetch_all(
            db, "SELECT id FROM signons WHERE person_id = ? ORDER BY id", [person_id]
        )
        removed = tuple(signons.delete_signon(db, row["id"]) for row in rows)
        person = records.delete(db, "people", person_id, "person")
    return PersonSnapshot(person, removed)


def restore_person(db: Database, snapshot: PersonSnapshot) -> None:
    from signapp.core import signons

    with transaction(db):
        records.reinsert(db, "people", snapshot.person, "person")
        for deleted in snapshot.signons:
            signons.restore_signon(db, deleted)


def statements_signed(db: Database, person_id: int) -> list[tuple[int, str, str]]:
    """(statement id, title, status) of every statement the person was asked to sign."""
    rows = db.execute(
        "SELECT st.id, st.title, s.status FROM signons s JOIN statements st "
        "ON st.id = s.statement_id WHERE s.person_id = ? ORDER BY st.id",
        [person_id],
    ).fetchall()
    return [(row[0], row[1], row[2]) for row in rows]


@dataclass(frozen=True)
class PersonMerge:
    """What :func:`merge_people` changed, to undo it: the kept person's row before, the
    dropped person with their sign-ons, and the sign-ons moved to the kept person."""

    kept: dict[str, Any]
    dropped: PersonSnapshot
    moved_signons: tuple[int, ...]


def merge_people(db: Database, keep_id: int, drop_id: int) -> PersonMerge:
    """Fold ``drop_id`` into ``keep_id``: empty fields of the kept person are filled from
    the other; each statement keeps the kept person's answer where both answered.

    Returns what undoes it: the dropped person's snapshot and the kept person's row.
    """
    if keep_id == drop_id:
        raise ValidationError("person", _("a person cannot be merged with themselves"))
    with transaction(db):
        keep = records.fetch(db, "people", keep_id, "person")
        drop = records.fetch(db, "people", drop_id, "person")
        filled = {
            key: drop[key]
            for key in PERSON_FIELDS
            if key != "name" and not keep.get(key) and drop.get(key)
        }
        moved: list[int] = []
        for signon_id, statement_id in db.execute(
            "SELECT id, statement_id FROM signons WHERE person_id = ?", [drop_id]
        ).fetchall():
            taken = db.execute(
                "SELECT 1 FROM signons WHERE person_id = ? AND statement_id = ?",
                [keep_id, statement_id],
            ).fetchone()
            if taken is None:
                records.update(db, "signons", signon_id, {"person_id": keep_id}, "sign-on")
                moved.append(signon_id)
        snapshot = delete_person(db, drop_id)
        audit.record(db, "merge", "person", keep_id, {"merged": drop_id}, None)
        if filled:
            records.update(db, "people", keep_id, filled, "person")
            _reindex(db, keep_id)
        return PersonMerge(keep, snapshot, tuple(moved))


def undo_merge_people(db: Database, record: PersonMerge) -> None:
    kept = record.kept
    with transaction(db):
        restore_person(db, record.dropped)
        for signon_id in record.moved_signons:
            records.update(
                db, "signons", signon_id, {"person_id": record.dropped.person["id"]}, "sign-on"
            )
        columns = [key for key in PERSON_FIELDS if key in kept]
        records.update(db, "people", kept["id"], {key: kept[key] for key in columns}, "person")
        _reindex(db, kept["id"])
