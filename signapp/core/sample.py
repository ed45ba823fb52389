"""The sample campaign offered on a first start (``data/sample_campaign.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from signapp.core.contacts import add_contact
from signapp.core.db import transaction
from signapp.core.errors import SignappError, ValidationError
from signapp.core.organisations import add_organisation
from signapp.core.signons import record_signon
from signapp.core.statements import add_translation, create_issued_statement
from signapp.i18n import _

_ORGANISATION_KEYS = ("name", "local_name", "acronym", "kind", "country", "website", "notes")
_CONTACT_KEYS = ("role", "email", "phone", "notes")
_SIGNON_KEYS = ("is_public", "printed_name", "channel", "received_at", "notes")


@dataclass(frozen=True)
class SampleSummary:
    statement_id: int
    organisations: int
    contacts: int
    signons: int


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SignappError(
            _("Cannot read the sample campaign {path}: {strerror}").format(
                path=path, strerror=error.strerror
            )
        ) from None
    except json.JSONDecodeError as error:
        raise SignappError(
            _("{path} is not valid JSON (line {lineno}, column {colno})").format(
                path=path, lineno=error.lineno, colno=error.colno
            )
        ) from None
    if not isinstance(data, dict) or "statement" not in data or "organisations" not in data:
        raise SignappError(
            _("{path} has no 'statement' and 'organisations' sections").format(path=path)
        )
    return data


def load_sample_campaign(db: Database, path: str | Path) -> SampleSummary:
    """Add the sample statement, its organisations, contacts and sign-ons, all or nothing.

    A bad entry raises an error naming the file and the organisation; nothing is kept.
    """
    source = Path(path)
    data = _read(source)
    statement = data["statement"]
    contacts = signons = 0
    with transaction(db):
        texts = dict(statement["texts"])
        statement_id = create_issued_statement(
            db,
            statement["title"],
            texts.pop("en"),
            language="en",
            deadline=statement.get("deadline"),
            notes=statement.get("notes"),
        )
        for language, text in texts.items():
            add_translation(db, statement_id, language, text)
        for number, entry in enumerate(data["organisations"], start=1):
            try:
                org_id = add_organisation(
                    db, **{key: entry[key] for key in _ORGANISATION_KEYS if key in entry}
                )
                for contact in entry.get("contacts", []):
                    add_contact(
                        db,
                        org_id,
                        contact["name"],
                        is_primary=bool(contact.get("primary")),
                        **{key: contact[key] for key in _CONTACT_KEYS if key in contact},
                    )
                    contacts += 1
                signon = entry.get("signon")
                if signon:
                    record_signon(
                        db,
                        statement_id,
                        org_id,
                        status=signon["status"],
                        **{key: signon[key] for key in _SIGNON_KEYS if key in signon},
                    )
                    signons += 1
            except (ValidationError, KeyError) as error:
                reason = error.message if isinstance(error, ValidationError) else f"{error} missing"
                raise SignappError(
                    _("{source}: organisation {number} ({name}): {reason}").format(
                        source=source, number=number, name=entry.get("name", "?"), reason=reason
                    )
                ) from None
    return SampleSummary(
        statement_id=statement_id,
        organisations=len(data["organisations"]),
        contacts=contacts,
        signons=signons,
    )
