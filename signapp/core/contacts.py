"""People who speak for an organisation. Their details never leave in a public export."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from signapp.core import records
from signapp.core.db import transaction
from signapp.core.errors import ValidationError
from signapp.core.fields import ContactFields
from signapp.core.model import Contact
from signapp.core.organisations import reindex_organisations
from signapp.core.validation import clean_text, normalise_email, normalise_phone, require_text
from signapp.i18n import _

CONTACT_FIELDS = ("name", "role", "email", "phone", "is_primary", "notes")


def _contact(row: Mapping[str, Any]) -> Contact:
    return Contact(
        id=row["id"],
        organisation_id=row["organisation_id"],
        name=row["name"],
        role=row["role"],
        email=row["email"],
        phone=row["phone"],
        is_primary=bool(row["is_primary"]),
        notes=row["notes"],
        row_version=row["row_version"],
    )


def clean_contact_fields(values: ContactFields, country: str | None) -> dict[str, Any]:
    """Validate and normalise the fields present; phones default to ``country``."""
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("is not a field of a contact"))
    cleaned: dict[str, Any] = {}
    given: Iterable[tuple[str, Any]] = values.items()  # each value is checked below
    for key, value in given:
        if key == "name":
            cleaned["name"] = require_text("name", value)
        elif key == "email":
            cleaned["email"] = normalise_email(value)
        elif key == "phone":
            cleaned["phone"] = normalise_phone(value, country)
        elif key == "is_primary":
            cleaned["is_primary"] = 1 if value else 0
        else:
            cleaned[key] = clean_text(value)
    return cleaned


def _organisation_country(db: Database, org_id: int) -> str | None:
    row = records.fetch(db, "organisations", org_id, "organisation")
    return row["country"]  # type: ignore[no-any-return]


def _clear_other_primaries(db: Database, org_id: int, keep_contact_id: int) -> None:
    for row in db.execute(
        "SELECT id FROM contacts WHERE organisation_id = ? AND is_primary = 1 AND id != ?",
        [org_id, keep_contact_id],
    ).fetchall():
        records.update(db, "contacts", row[0], {"is_primary": 0}, "contact")


def add_contact(
    db: Database,
    organisation_id: int,
    name: str,
    *,
    role: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    is_primary: bool = False,
    notes: str | None = None,
) -> int:
    """Add a contact; a primary contact takes the primary flag from any other."""
    with transaction(db):
        country = _organisation_country(db, organisation_id)
        values = clean_contact_fields(
            {
                "name": name,
                "role": role,
                "email": email,
                "phone": phone,
                "is_primary": is_primary,
                "notes": notes,
            },
            country,
        )
        contact_id = records.insert(
            db, "contacts", {"organisation_id": organisation_id, **values}, "contact"
        )
        if values["is_primary"]:
            _clear_other_primaries(db, organisation_id, contact_id)
        reindex_organisations(db, [organisation_id])
    return contact_id


def get_contact(db: Database, contact_id: int) -> Contact:
    return _contact(records.fetch(db, "contacts", contact_id, "contact"))


def list_contacts(db: Database, organisation_id: int) -> list[Contact]:
    """The organisation's contacts, primary first."""
    rows = records.fetch_all(
        db,
        "SELECT * FROM contacts WHERE organisation_id = ? ORDER BY is_primary DESC, name, id",
        [organisation_id],
    )
    return [_contact(row) for row in rows]


def update_contact(
    db: Database,
    contact_id: int,
    changes: ContactFields,
    *,
    expected_row_version: int | None = None,
) -> Contact:
    with transaction(db):
        current = records.fetch(db, "contacts", contact_id, "contact")
        org_id = current["organisation_id"]
        values = clean_contact_fields(changes, _organisation_country(db, org_id))
        row = records.update(
            db,
            "contacts",
            contact_id,
            values,
            "contact",
            expected_row_version=expected_row_version,
        )
        if values.get("is_primary"):
            _clear_other_primaries(db, org_id, contact_id)
        reindex_organisations(db, [org_id])
    return _contact(row)


@dataclass(frozen=True)
class ContactSnapshot:
    """A deleted contact and the sign-ons it had authorised, for undo."""

    row: dict[str, Any]
    authorised_signon_ids: list[int]


def delete_contact(db: Database, contact_id: int) -> ContactSnapshot:
    """Delete a contact; sign-ons it authorised keep no authoriser."""
    with transaction(db):
        authorised = [
            row[0]
            for row in db.execute("SELECT id FROM signons WHERE authorised_by = ?", [contact_id])
        ]
        for signon_id in authorised:
            records.update(db, "signons", signon_id, {"authorised_by": None}, "sign-on")
        row = records.delete(db, "contacts", contact_id, "contact")
        reindex_organisations(db, [row["organisation_id"]])
    return ContactSnapshot(row=row, authorised_signon_ids=authorised)


def restore_contact(db: Database, snapshot: ContactSnapshot) -> None:
    """Undo :func:`delete_contact`."""
    with transaction(db):
        records.reinsert(db, "contacts", snapshot.row, "contact")
        for signon_id in snapshot.authorised_signon_ids:
            records.update(
                db, "signons", signon_id, {"authorised_by": snapshot.row["id"]}, "sign-on"
            )
        reindex_organisations(db, [snapshot.row["organisation_id"]])
