"""Storage for imports: what matching needs to read, and writing many rows at once.

Importing a form export writes thousands of organisations, contacts and sign-ons in one
transaction. Row-by-row inserts (each read back for the audit log) are too slow for
that, so this module inserts in bulk with ids assigned up front. The caller holds the
transaction (:func:`signapp.core.db.transaction`), which also holds the write lock, so
the ids cannot be taken by another writer in between.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, cast

from sqlite_utils import Database

from signapp.core import audit, records
from signapp.core.contacts import CONTACT_FIELDS
from signapp.core.db import utc_now
from signapp.core.errors import ValidationError
from signapp.core.fields import NewContact, NewPerson, NewSignOn, OrganisationFields, PersonFields
from signapp.core.organisations import (
    ORGANISATION_FIELDS,
    clean_organisation_fields,
    search_text,
)
from signapp.core.people import PERSON_FIELDS, clean_person_fields, person_search_text
from signapp.core.signons import SIGNON_FIELDS
from signapp.core.statements import get_statement
from signapp.i18n import _

ORGANISATION_COLUMNS = (*ORGANISATION_FIELDS, "name_sort", "local_name_sort")
CONTACT_COLUMNS = ("organisation_id", *CONTACT_FIELDS)
SIGNON_COLUMNS = ("statement_id", "organisation_id", "person_id", *SIGNON_FIELDS)
PERSON_COLUMNS = (*PERSON_FIELDS, "name_sort", "local_name_sort", "search_text")
_NO_PERSON_FIELDS = dict.fromkeys(PERSON_FIELDS)
# Every field left out of a row given to insert is stored empty (kind: "other").
_NO_ORGANISATION_FIELDS = dict.fromkeys(ORGANISATION_FIELDS)
_NO_CONTACT_FIELDS = dict.fromkeys(CONTACT_COLUMNS)
_NO_SIGNON_FIELDS = dict.fromkeys(SIGNON_COLUMNS)
# A sign-on's form rows (its evidence) stay on the sign-on: its log entry does not copy
# them. They hold people's contact details, which one copy keeps fewer places to erase,
# and they were half of what an import wrote.
_KEPT_OUT_OF_LOG = audit.UNLOGGED_COLUMNS | {"raw_source", "search_text"}
# One encoder for every sign-on of an import, rather than one per ``json.dumps`` call.
_RAW_SOURCE_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def directory_rows(db: Database) -> list[dict[str, Any]]:
    """Every organisation with the fields matching compares, and its contacts' emails."""
    emails: dict[int, set[str]] = {}
    for org_id, email in db.execute(
        "SELECT organisation_id, email FROM contacts WHERE email IS NOT NULL AND email != ''"
    ):
        emails.setdefault(org_id, set()).add(email.casefold())
    return [
        {
            "id": row[0],
            "name": row[1],
            "local_name": row[2],
            "acronym": row[3],
            "kind": row[4],
            "country": row[5],
            "website": row[6],
            "emails": frozenset(emails.get(row[0], ())),
        }
        for row in db.execute(
            "SELECT id, name, local_name, acronym, kind, country, website FROM organisations"
        )
    ]


def imported_fingerprints(db: Database, statement_id: int) -> frozenset[str]:
    """Fingerprints of the rows imported into this statement before."""
    return frozenset(
        row[0]
        for row in db.execute(
            "SELECT fingerprint FROM imported_rows WHERE statement_id = ?", [statement_id]
        )
    )


def load_mapping(db: Database, statement_id: int) -> dict[str, str] | None:
    """The column mapping last confirmed for this statement (field -> column title)."""
    row = db.execute(
        "SELECT mapping FROM import_mappings WHERE statement_id = ?", [statement_id]
    ).fetchone()
    if row is None:
        return None
    try:
        loaded = json.loads(row[0])
    except ValueError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {str(key): str(value) for key, value in loaded.items()}


def save_mapping(db: Database, statement_id: int, mapping: Mapping[str, str]) -> None:
    """Remember the confirmed mapping for the next import into this statement."""
    get_statement(db, statement_id)
    db.execute(
        "INSERT INTO import_mappings (statement_id, mapping, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (statement_id) DO UPDATE SET mapping = excluded.mapping, "
        "updated_at = excluded.updated_at",
        [statement_id, json.dumps(dict(mapping), ensure_ascii=False, sort_keys=True), utc_now()],
    )


@contextmanager
def larger_page_cache(db: Database, kibibytes: int = 262144) -> Iterator[None]:
    """Let SQLite keep up to ``kibibytes`` of pages in memory during a large import.

    With the default cache (2 MB) one transaction of tens of thousands of rows spills
    its pages to the write-ahead log and reads them back for every index it touches;
    measured on 50,000 rows, this halves the time of the inserts. Memory is only taken
    as pages are used, and the previous size is restored afterwards.
    """
    previous = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size = {-kibibytes:d}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {previous:d}")


def _next_id(db: Database, table: str) -> int:
    """The id SQLite would give next: above every id the table ever held (AUTOINCREMENT
    keeps the highest in ``sqlite_sequence``), so a freed id is never given again."""
    return int(
        db.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), coalesce("
            "(SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) + 1",
            [table],
        ).fetchone()[0]
    )


def _bulk_insert(
    db: Database, table: str, what: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert ``rows`` (each holding every one of ``columns``) with consecutive new ids,
    and log each as created.

    The log entries are built by SQLite (``json_object``) from the rows just inserted,
    in one statement: encoding thousands of entries in Python took longer than the
    inserts themselves.
    """
    if not rows:
        return []
    now = utc_now()
    first = _next_id(db, table)
    last = first + len(rows) - 1
    pick = itemgetter(*columns)
    values = [
        (row_id, *pick(row), now, now)
        for row_id, row in zip(range(first, last + 1), rows, strict=True)
    ]
    all_columns = ["id", *columns, "created_at", "updated_at"]
    marks = ", ".join("?" for _ in all_columns)
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(all_columns)}) VALUES ({marks})", values)
    logged = ("id", *columns, "created_at", "updated_at", "row_version")
    pairs = ", ".join(f"'{c}', {c}" for c in logged if c not in _KEPT_OUT_OF_LOG)
    db.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id, before, after) "
        f"SELECT ?, 'create', ?, id, NULL, json_object({pairs}) FROM {table} "
        "WHERE id BETWEEN ? AND ? ORDER BY id",
        [now, what, first, last],
    )
    return list(range(first, last + 1))


def insert_organisations(db: Database, organisations: Sequence[OrganisationFields]) -> list[int]:
    """Validate and insert organisations (fields as for ``add_organisation``).

    Call :func:`index_new_organisations` with the returned ids once their contacts are in.

    Raises:
        ValidationError: naming the organisation whose field is not acceptable.
    """
    cleaned = []
    for values in organisations:
        try:
            # Every column present: those the import did not give are empty.
            every = cast(OrganisationFields, {**_NO_ORGANISATION_FIELDS, **values})
            cleaned.append(clean_organisation_fields(every))
        except ValidationError as error:
            raise ValidationError(
                error.field,
                _("organisation {name!r}: {reason}").format(
                    name=values.get("name"), reason=error.reason
                ),
            ) from None
    return _bulk_insert(db, "organisations", "organisation", ORGANISATION_COLUMNS, cleaned)


def index_new_organisations(db: Database, org_ids: Sequence[int]) -> None:
    """Give organisations just inserted their search text, as ``reindex_organisations``
    would, in one pass over the consecutive ids :func:`insert_organisations` gave them.

    New ids have no search text to replace; reading and clearing them as one range
    rather than in lists of ids took a fifth off the indexing of 5,000 organisations.
    """
    if not org_ids:
        return
    first, last = min(org_ids), max(org_ids)
    if last - first + 1 != len(set(org_ids)):
        raise ValueError("the ids of newly inserted organisations must be consecutive")
    contact_text: dict[int, list[str]] = {}
    for org_id, name, email in db.execute(
        "SELECT organisation_id, name, email FROM contacts "
        "WHERE organisation_id BETWEEN ? AND ? ORDER BY organisation_id, id",
        [first, last],
    ):
        contact_text.setdefault(org_id, []).extend(part for part in (name, email) if part)
    rows = [
        (org_id, search_text([*fields, *contact_text.get(org_id, [])]))
        for org_id, *fields in db.execute(
            "SELECT id, name, local_name, acronym, country, website FROM organisations "
            "WHERE id BETWEEN ? AND ?",
            [first, last],
        )
    ]
    db.execute("DELETE FROM organisation_search WHERE rowid BETWEEN ? AND ?", [first, last])
    db.conn.executemany("INSERT INTO organisation_search (rowid, text) VALUES (?, ?)", rows)


def insert_contacts(db: Database, contacts: Sequence[NewContact]) -> list[int]:
    """Insert contacts whose fields the caller has already checked and normalised."""
    prepared = [
        {**_NO_CONTACT_FIELDS, **contact, "is_primary": 1 if contact.get("is_primary") else 0}
        for contact in contacts
    ]
    return _bulk_insert(db, "contacts", "contact", CONTACT_COLUMNS, prepared)


def insert_signons(db: Database, signons: Sequence[NewSignOn]) -> list[int]:
    """Insert new sign-ons (no sign-on of the same organisation and statement may exist)."""
    prepared = [
        {
            **_NO_SIGNON_FIELDS,
            **signon,
            "is_public": 1 if signon.get("is_public") else 0,
            "raw_source": _json_text(signon.get("raw_source")),
        }
        for signon in signons
    ]
    return _bulk_insert(db, "signons", "sign-on", SIGNON_COLUMNS, prepared)


def _json_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return _RAW_SOURCE_JSON.encode(value)


def record_imported_rows(
    db: Database, statement_id: int, rows: Iterable[tuple[str, int | None]]
) -> None:
    """Remember (fingerprint, sign-on id) of rows imported, so a re-import skips them."""
    now = utc_now()
    db.conn.executemany(
        "INSERT OR IGNORE INTO imported_rows (statement_id, fingerprint, signon_id, imported_at) "
        "VALUES (?, ?, ?, ?)",
        [(statement_id, fingerprint, signon_id, now) for fingerprint, signon_id in rows],
    )


def signons_of(
    db: Database, statement_id: int, org_ids: Iterable[int], *, people: bool = False
) -> dict[int, dict[str, Any]]:
    """The statement's existing sign-ons of these organisations (or, with ``people``,
    of these people), by organisation (person) id."""
    found: dict[int, dict[str, Any]] = {}
    ids = list(org_ids)
    owner = "person_id" if people else "organisation_id"
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in records.fetch_all(
            db,
            f"SELECT * FROM signons WHERE statement_id = ? AND {owner} IN ({marks})",
            [statement_id, *chunk],
        ):
            found[row[owner]] = row
    return found


def people_rows(db: Database) -> list[dict[str, Any]]:
    """Every stored person with the fields matching compares."""
    return records.fetch_all(
        db, "SELECT id, name, local_name, affiliation, country, email, phone FROM people"
    )


def insert_people(db: Database, people: Sequence[NewPerson]) -> list[int]:
    """Validate and insert people (fields as for ``add_person``), with their search text.

    Raises:
        ValidationError: naming the person whose field is not acceptable.
    """
    cleaned = []
    for values in people:
        # The phone as the row gave it: the import checked it, or kept it as written
        # with a note when it could not be checked.
        given = cast(PersonFields, {**_NO_PERSON_FIELDS, **values})
        phone = given.pop("phone", None)
        try:
            person = {**clean_person_fields(given), "phone": phone}
        except ValidationError as error:
            raise ValidationError(
                error.field,
                _("person {name!r}: {reason}").format(name=values.get("name"), reason=error.reason),
            ) from None
        cleaned.append({**person, "search_text": person_search_text(person)})
    return _bulk_insert(db, "people", "person", PERSON_COLUMNS, cleaned)


def contacts_of(db: Database, org_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The contacts of these organisations, by organisation id."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = list(org_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in records.fetch_all(
            db, f"SELECT * FROM contacts WHERE organisation_id IN ({marks}) ORDER BY id", chunk
        ):
            found.setdefault(row["organisation_id"], []).append(row)
    return found


def latest_issued_version(db: Database, statement_id: int) -> int | None:
    """The number of the statement's latest issued version, or None before the first."""
    get_statement(db, statement_id)
    row = db.execute(
        "SELECT max(number) FROM statement_versions WHERE statement_id = ? "
        "AND issued_at IS NOT NULL",
        [statement_id],
    ).fetchone()
    return row[0] if row else None


def issued_versions(db: Database, statement_id: int) -> list[tuple[int, str]]:
    """(number, issued_at) of each issued version of the statement, oldest first."""
    get_statement(db, statement_id)
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT number, issued_at FROM statement_versions WHERE statement_id = ? "
            "AND issued_at IS NOT NULL ORDER BY number",
            [statement_id],
        )
    ]
