"""Sign-ons: one per organisation per statement, and what may be published of them.

"Needs reconfirmation" is derived, never stored: a confirmation of version N needs
renewing once a substantive version later than N has been issued.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Unpack

from sqlite_utils import Database

from signapp.core import records
from signapp.core.db import transaction
from signapp.core.errors import ValidationError
from signapp.core.fields import SignOnDetails, SignOnFields
from signapp.core.model import (
    Channel,
    OrgKind,
    PersonSignOnRow,
    PublicList,
    PublicPeople,
    PublicPerson,
    PublicSignatory,
    SignOn,
    SignOnRow,
    SignOnStatus,
    StatementStatus,
)
from signapp.core.statements import get_statement, get_version
from signapp.core.text import sort_key
from signapp.core.validation import check_printable_name, clean_text
from signapp.i18n import _

SIGNON_FIELDS = (
    "status",
    "version_number",
    "is_public",
    "printed_name",
    "authorised_by",
    "channel",
    "received_at",
    "notes",
    "raw_source",
)


@dataclass(frozen=True)
class DeletedSignOn:
    """A sign-on :func:`delete_signon` removed, to put back: its row as stored and the
    versions it had confirmed, (version number, confirmed at)."""

    row: dict[str, Any]
    confirmed_versions: tuple[tuple[int, str], ...]

    @property
    def signon_id(self) -> int:
        return int(self.row["id"])

    @property
    def statement_id(self) -> int:
        return int(self.row["statement_id"])

    @property
    def organisation_id(self) -> int | None:
        """The organisation that answered; None for a person's answer."""
        org_id = self.row["organisation_id"]
        return None if org_id is None else int(org_id)


# The latest substantive version issued after the one confirmed, per sign-on.
_LATEST_SUBSTANTIVE = """
    (SELECT max(v.number) FROM statement_versions v
     WHERE v.statement_id = s.statement_id AND v.kind = 'substantive'
       AND v.issued_at IS NOT NULL)
"""
_NEEDS_RECONFIRMATION = f"""
    (s.status = 'confirmed' AND s.version_number IS NOT NULL
     AND coalesce({_LATEST_SUBSTANTIVE}, 0) > s.version_number)
"""


def closed_statement_note(db: Database, statement_id: int) -> str | None:
    """What to tell the coordinator who records sign-ons on a closed or published
    statement (still recorded: a late withdrawal must be), or None.
    """
    statement = get_statement(db, statement_id)
    if statement.status is StatementStatus.PUBLISHED:
        return _(
            "statement {id} is published: the list already published does not show this "
            "change; export the PDF again to publish it"
        ).format(id=statement_id)
    if statement.status is StatementStatus.CLOSED:
        return _("statement {id} is closed for sign-ons; this was recorded all the same").format(
            id=statement_id
        )
    return None


def _signon(row: Mapping[str, Any]) -> SignOn:
    return SignOn(
        id=row["id"],
        statement_id=row["statement_id"],
        organisation_id=row["organisation_id"],
        status=SignOnStatus(row["status"]),
        version_number=row["version_number"],
        is_public=bool(row["is_public"]),
        printed_name=row["printed_name"],
        authorised_by=row["authorised_by"],
        channel=Channel(row["channel"]) if row["channel"] else None,
        received_at=row["received_at"],
        notes=row["notes"],
        raw_source=row["raw_source"],
        row_version=row["row_version"],
        person_id=row.get("person_id"),
    )


def _latest_issued_number(db: Database, statement_id: int) -> int | None:
    row = db.execute(
        "SELECT max(number) FROM statement_versions WHERE statement_id = ? "
        "AND issued_at IS NOT NULL",
        [statement_id],
    ).fetchone()
    return row[0] if row else None


def _clean_signon_fields(
    db: Database, statement_id: int, organisation_id: int | None, values: SignOnFields
) -> dict[str, Any]:
    unknown = set(values) - set(SIGNON_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("is not a field of a sign-on"))
    cleaned: dict[str, Any] = {}
    given: Iterable[tuple[str, Any]] = values.items()  # each value is checked below
    for key, value in given:
        if key == "status":
            try:
                cleaned["status"] = SignOnStatus(value).value
            except ValueError:
                choices = ", ".join(status.value for status in SignOnStatus)
                raise ValidationError(
                    "status",
                    _("{value!r} is not one of {choices}").format(value=value, choices=choices),
                ) from None
        elif key == "channel":
            if value in (None, ""):
                cleaned["channel"] = None
                continue
            try:
                cleaned["channel"] = Channel(value).value
            except ValueError:
                choices = ", ".join(channel.value for channel in Channel)
                raise ValidationError(
                    "channel",
                    _("{value!r} is not one of {choices}").format(value=value, choices=choices),
                ) from None
        elif key == "printed_name":
            cleaned["printed_name"] = check_printable_name("printed_name", clean_text(value))
        elif key == "is_public":
            cleaned["is_public"] = 1 if value else 0
        elif key == "version_number":
            if value is not None:
                get_version(db, statement_id, int(value))
            cleaned["version_number"] = value
        elif key == "authorised_by":
            if value is not None and organisation_id is None:
                raise ValidationError(
                    "authorised_by", _("a person signs for themselves; no contact authorises it")
                )
            if value is not None:
                contact = records.fetch(db, "contacts", int(value), "contact")
                if contact["organisation_id"] != organisation_id:
                    raise ValidationError(
                        "authorised_by", _("the contact belongs to another organisation")
                    )
            cleaned["authorised_by"] = value
        elif key == "raw_source":
            if value is not None and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            cleaned["raw_source"] = value
        else:
            cleaned[key] = clean_text(value)
    return cleaned


def _confirm_version(
    db: Database,
    statement_id: int,
    cleaned: dict[str, Any],
    previous: Mapping[str, Any] | None,
    *,
    fresh_answer: bool,
) -> None:
    """Fill in the version a confirmation is for, when none was given.

    A confirmation received now (``fresh_answer``) or a change to confirmed is a
    confirmation of the latest issued version; other edits keep the version confirmed.
    """
    if cleaned.get("status", previous["status"] if previous else None) != "confirmed":
        return
    if cleaned.get("version_number") is not None:
        return
    becoming_confirmed = previous is None or previous["status"] != "confirmed"
    if fresh_answer or becoming_confirmed or "version_number" in cleaned:
        latest = _latest_issued_number(db, statement_id)
        if latest is None:
            raise ValidationError(
                "status", _("a sign-on can be confirmed only once a version has been issued")
            )
        cleaned["version_number"] = latest


def record_signon(
    db: Database,
    statement_id: int,
    organisation_id: int,
    *,
    status: str | SignOnStatus = SignOnStatus.CONFIRMED,
    **fields: Unpack[SignOnDetails],
) -> int:
    """Record the organisation's answer to the statement, or update the existing one.

    Keyword fields are those of :data:`SIGNON_FIELDS`; fields not given keep their
    value on an existing sign-on. A confirmation recorded without a version confirms the
    latest issued version (so recording it again after a substantive revision renews it).
    """
    return _record_answer(db, statement_id, "organisation_id", organisation_id, status, fields)


# The sign-ons' column naming the signatory, and the table and word for what it names.
_SIGNATORY_TABLES = {
    "organisation_id": ("organisations", "organisation"),
    "person_id": ("people", "person"),
}


def _record_answer(
    db: Database,
    statement_id: int,
    column: str,
    signatory_id: int,
    status: str | SignOnStatus,
    fields: SignOnDetails,
) -> int:
    """Record or update the answer of the signatory whose ``column`` is ``signatory_id``
    (``organisation_id`` or ``person_id``)."""
    table, what = _SIGNATORY_TABLES[column]
    with transaction(db):
        get_statement(db, statement_id)
        records.fetch(db, table, signatory_id, what)
        organisation_id = signatory_id if column == "organisation_id" else None
        cleaned = _clean_signon_fields(
            db, statement_id, organisation_id, {"status": status, **fields}
        )
        existing = records.fetch_all(
            db,
            f"SELECT * FROM signons WHERE statement_id = ? AND {column} = ?",
            [statement_id, signatory_id],
        )
        previous = existing[0] if existing else None
        _confirm_version(db, statement_id, cleaned, previous, fresh_answer=True)
        if previous is None:
            return records.insert(
                db,
                "signons",
                {"statement_id": statement_id, column: signatory_id, **cleaned},
                "sign-on",
            )
        records.update(db, "signons", previous["id"], cleaned, "sign-on")
        return int(previous["id"])


def get_signon(db: Database, signon_id: int) -> SignOn:
    return _signon(records.fetch(db, "signons", signon_id, "sign-on"))


def update_signon(
    db: Database,
    signon_id: int,
    changes: SignOnFields,
    *,
    expected_row_version: int | None = None,
) -> SignOn:
    with transaction(db):
        current = records.fetch(db, "signons", signon_id, "sign-on")
        cleaned = _clean_signon_fields(
            db, current["statement_id"], current["organisation_id"], changes
        )
        _confirm_version(db, current["statement_id"], cleaned, current, fresh_answer=False)
        row = records.update(
            db,
            "signons",
            signon_id,
            cleaned,
            "sign-on",
            expected_row_version=expected_row_version,
        )
    return _signon(row)


def delete_signon(db: Database, signon_id: int) -> DeletedSignOn:
    """Remove an organisation from a statement; returns what puts it back."""
    with transaction(db):
        history = db.execute(
            "SELECT version_number, confirmed_at FROM signon_confirmations "
            "WHERE signon_id = ? ORDER BY version_number",
            [signon_id],
        ).fetchall()
        row = records.delete(db, "signons", signon_id, "sign-on")
    return DeletedSignOn(row, tuple((version, at) for version, at in history))


def restore_signon(db: Database, deleted: DeletedSignOn) -> None:
    """Put back a sign-on :func:`delete_signon` removed, with its confirmations."""
    with transaction(db):
        records.reinsert(db, "signons", deleted.row, "sign-on")
        db.conn.executemany(
            "INSERT OR IGNORE INTO signon_confirmations "
            "(signon_id, version_number, confirmed_at) VALUES (?, ?, ?)",
            [(deleted.signon_id, version, at) for version, at in deleted.confirmed_versions],
        )


def keep_confirmations(db: Database, *, from_signon: int, to_signon: int) -> None:
    """Give ``to_signon`` the versions ``from_signon`` confirmed (two organisations
    merged: each version either confirmed stays printed)."""
    db.execute(
        "INSERT OR IGNORE INTO signon_confirmations (signon_id, version_number, confirmed_at) "
        "SELECT ?, version_number, confirmed_at FROM signon_confirmations WHERE signon_id = ?",
        [to_signon, from_signon],
    )


def confirmed_versions(db: Database, signon_id: int) -> list[int]:
    """The versions the sign-on has confirmed, oldest first."""
    rows = db.execute(
        "SELECT version_number FROM signon_confirmations WHERE signon_id = ? "
        "ORDER BY version_number",
        [signon_id],
    )
    return [row[0] for row in rows]


def reconfirmation_needed(
    db: Database, statement_id: int, status: str, version_number: int | None
) -> bool:
    """Whether a sign-on in this state needs renewing after a substantive revision."""
    if status != SignOnStatus.CONFIRMED.value or version_number is None:
        return False
    row = db.execute(
        "SELECT 1 FROM statement_versions WHERE statement_id = ? AND kind = 'substantive' "
        "AND issued_at IS NOT NULL AND number > ? LIMIT 1",
        [statement_id, version_number],
    ).fetchone()
    return row is not None


def count_needing_reconfirmation(db: Database, statement_id: int) -> int:
    return int(
        db.execute(
            f"SELECT count(*) FROM signons s WHERE s.statement_id = ? AND {_NEEDS_RECONFIRMATION}",
            [statement_id],
        ).fetchone()[0]
    )


def list_signons(
    db: Database,
    statement_id: int,
    organisation_ids: Collection[int] | None = None,
    *,
    people: bool = False,
) -> list[SignOnRow]:
    """The statement's sign-ons with their organisations, in name order; only those
    of ``organisation_ids`` if given (to re-read what an edit changed). With
    ``people``, the sign-ons of people signing in their own name come too, in the same
    name order."""
    only = "" if people and organisation_ids is None else "AND s.organisation_id IS NOT NULL"
    params: list[Any] = [statement_id]
    if organisation_ids is not None:
        only = f"AND s.organisation_id IN ({', '.join('?' for _ in organisation_ids)})"
        params.extend(organisation_ids)
    rows = records.fetch_all(
        db,
        f"""
        SELECT s.*, coalesce(o.name, p.name) AS organisation_name,
               coalesce(o.local_name, p.local_name) AS local_name,
               o.acronym AS acronym, coalesce(o.country, p.country) AS country,
               c.name AS authorised_by_name, p.affiliation AS affiliation,
               {_NEEDS_RECONFIRMATION} AS needs_reconfirmation
        FROM signons s
        LEFT JOIN organisations o ON o.id = s.organisation_id
        LEFT JOIN people p ON p.id = s.person_id
        LEFT JOIN contacts c ON c.id = s.authorised_by
        WHERE s.statement_id = ? {only}
        ORDER BY coalesce(o.name_sort, p.name_sort), coalesce(o.id, p.id)
        """,
        params,
    )
    return [
        SignOnRow(
            signon=_signon(row),
            organisation_name=row["organisation_name"],
            local_name=row["local_name"],
            acronym=row["acronym"],
            country=row["country"],
            authorised_by_name=row["authorised_by_name"],
            needs_reconfirmation=bool(row["needs_reconfirmation"]),
            affiliation=row["affiliation"],
        )
        for row in rows
    ]


def status_counts(db: Database, statement_id: int) -> dict[SignOnStatus, int]:
    counts = dict(
        db.execute(
            "SELECT status, count(*) FROM signons WHERE statement_id = ? GROUP BY status",
            [statement_id],
        ).fetchall()
    )
    return {status: counts.get(status.value, 0) for status in SignOnStatus}


def public_signatories(
    db: Database, statement_id: int, version_number: int | None = None
) -> PublicList:
    """What may be published with version ``version_number`` (latest issued if None).

    A confirmation covers the version it confirmed and every later version up to the next
    substantive one; each sign-on keeps every version it confirmed, so an earlier version
    lists the same organisations after some confirm a later one. Only sign-ons confirmed
    today are printed (a withdrawal takes a name off every version). Of those, the ones
    that asked not to be named are only counted; confirmations that a substantive
    revision has made stale are left out and counted; sign-ons that confirmed only later
    versions are not part of this one.
    """
    version = get_version(db, statement_id, version_number)
    number = version.number
    covered_since = _covered_since(db, statement_id, number)
    rows = db.execute(
        """
        SELECT s.organisation_id, s.is_public, s.printed_name,
               (SELECT max(c.version_number) FROM signon_confirmations c
                WHERE c.signon_id = s.id AND c.version_number <= ?),
               o.name, o.local_name, o.acronym, o.country, o.kind
        FROM signons s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.statement_id = ? AND s.status = 'confirmed'
        """,
        [number, statement_id],
    ).fetchall()
    listed: list[PublicSignatory] = []
    anonymous = 0
    left_out = 0
    for org_id, is_public, printed, confirmed, name, local, acronym, country, kind in rows:
        if confirmed is None:
            continue
        if confirmed < covered_since:
            left_out += 1
            continue
        if not is_public:
            anonymous += 1
            continue
        listed.append(
            PublicSignatory(
                organisation_id=org_id,
                printed_name=printed or name,
                local_name=local,
                acronym=acronym,
                country=country,
                kind=OrgKind(kind),
            )
        )
    listed.sort(key=lambda signatory: (sort_key(signatory.printed_name), signatory.organisation_id))
    return PublicList(
        statement_id=statement_id,
        version_number=number,
        listed=listed,
        anonymous_count=anonymous,
        left_out_for_reconfirmation=left_out,
    )


def _covered_since(db: Database, statement_id: int, number: int) -> int:
    """The first version whose confirmations still cover version ``number``: the last
    substantive (or initial) version issued at or before it."""
    return int(
        db.execute(
            "SELECT coalesce(max(number), 1) FROM statement_versions WHERE statement_id = ? "
            "AND kind IN ('substantive', 'initial') AND issued_at IS NOT NULL AND number <= ?",
            [statement_id, number],
        ).fetchone()[0]
    )


def record_person_signon(
    db: Database,
    statement_id: int,
    person_id: int,
    *,
    status: str | SignOnStatus = SignOnStatus.CONFIRMED,
    **fields: Unpack[SignOnDetails],
) -> int:
    """A person's answer to the statement, recorded or updated as
    :func:`record_signon` records an organisation's."""
    return _record_answer(db, statement_id, "person_id", person_id, status, fields)


def list_person_signons(db: Database, statement_id: int) -> list[PersonSignOnRow]:
    """The people asked to sign the statement, in name order."""
    rows = records.fetch_all(
        db,
        f"""
        SELECT s.*, p.name AS person_name, p.local_name AS local_name,
               p.affiliation AS affiliation, p.country AS country,
               {_NEEDS_RECONFIRMATION} AS needs_reconfirmation
        FROM signons s JOIN people p ON p.id = s.person_id
        WHERE s.statement_id = ?
        ORDER BY p.name_sort, p.id
        """,
        [statement_id],
    )
    return [
        PersonSignOnRow(
            signon_id=row["id"],
            person_id=row["person_id"],
            name=row["person_name"],
            local_name=row["local_name"],
            affiliation=row["affiliation"],
            country=row["country"],
            status=SignOnStatus(row["status"]),
            version_number=row["version_number"],
            is_public=bool(row["is_public"]),
            printed_name=row["printed_name"],
            channel=Channel(row["channel"]) if row["channel"] else None,
            received_at=row["received_at"],
            needs_reconfirmation=bool(row["needs_reconfirmation"]),
        )
        for row in rows
    ]


def public_people(
    db: Database, statement_id: int, version_number: int | None = None
) -> PublicPeople:
    """The people who may be named with version ``version_number`` (latest issued if
    None), by the same rules as :func:`public_signatories`: only confirmations that
    cover the version; those who asked not to be named are only counted."""
    number = get_version(db, statement_id, version_number).number
    covered_since = _covered_since(db, statement_id, number)
    rows = db.execute(
        """
        SELECT s.person_id, s.is_public, s.printed_name,
               (SELECT max(c.version_number) FROM signon_confirmations c
                WHERE c.signon_id = s.id AND c.version_number <= ?),
               p.name, p.local_name, p.affiliation, p.country
        FROM signons s JOIN people p ON p.id = s.person_id
        WHERE s.statement_id = ? AND s.status = 'confirmed'
        """,
        [number, statement_id],
    ).fetchall()
    listed: list[PublicPerson] = []
    anonymous = left_out = 0
    for person_id, is_public, printed, confirmed, name, local, affiliation, country in rows:
        if confirmed is None:
            continue
        if confirmed < covered_since:
            left_out += 1
        elif not is_public:
            anonymous += 1
        else:
            listed.append(PublicPerson(person_id, printed or name, local, affiliation, country))
    listed.sort(key=lambda person: (sort_key(person.printed_name), person.person_id))
    return PublicPeople(statement_id, number, listed, anonymous, left_out)
