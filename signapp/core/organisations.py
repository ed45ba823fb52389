"""The organisation directory: create, edit, search, merge, delete."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from signapp.core import audit, records, signons
from signapp.core.db import transaction
from signapp.core.errors import ValidationError
from signapp.core.fields import OrganisationFields
from signapp.core.model import HistoryEntry, Organisation, OrganisationRow, OrgKind, SignOnStatus
from signapp.core.text import fold_for_match, sort_key
from signapp.core.validation import (
    check_printable_name,
    clean_text,
    country_name,
    normalise_country,
    normalise_website,
    require_text,
)
from signapp.i18n import _

ORGANISATION_FIELDS = ("name", "local_name", "acronym", "kind", "country", "website", "notes")

ORDER_COLUMNS = {
    "name": "o.name_sort",
    "local_name": "o.local_name_sort",
    "acronym": "o.acronym COLLATE NOCASE",
    "country": "o.country",
    "kind": "o.kind",
    "contact_count": "contact_count",
    "statements_signed": "statements_signed",
}


def order_terms(order_by: str, descending: bool) -> str:
    """The ORDER BY terms for a directory column, blanks last, ties broken by name, then id.

    Sorting by name names ``name_sort`` once: naming it twice makes SQLite sort again
    what its index already gives in order (twice the time at 50,000 organisations).
    """
    direction = "DESC" if descending else "ASC"
    ties = "o.id" if order_by == "name" else "o.name_sort, o.id"
    # Organisations without the value go last whichever way the column is sorted.
    blanks = (
        f"coalesce({_OPTIONAL_COLUMNS[order_by]}, '') = '', "
        if order_by in _OPTIONAL_COLUMNS
        else ""
    )
    return f"{blanks}{ORDER_COLUMNS[order_by]} {direction}, {ties}"


_OPTIONAL_COLUMNS = {"local_name": "o.local_name", "acronym": "o.acronym", "country": "o.country"}


LIST_COLUMNS = """
    o.id, o.name, o.local_name, o.acronym, o.kind, o.country,
    (SELECT count(*) FROM contacts c WHERE c.organisation_id = o.id) AS contact_count,
    (SELECT count(*) FROM signons s WHERE s.organisation_id = o.id
        AND s.status = 'confirmed') AS statements_signed
"""


def parse_kind(value: str | OrgKind | None) -> OrgKind:
    if value is None or value == "":
        return OrgKind.OTHER
    try:
        return OrgKind(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(kind.value for kind in OrgKind)
        raise ValidationError(
            "kind", _("{value!r} is not one of {choices}").format(value=value, choices=choices)
        ) from None


def clean_organisation_fields(values: OrganisationFields) -> dict[str, Any]:
    """Validate and normalise the fields present in ``values``; unknown keys (from a
    caller that built the fields at run time) are refused."""
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("is not a field of an organisation"))
    cleaned: dict[str, Any] = {}
    given: Iterable[tuple[str, Any]] = values.items()  # each value is checked below
    for key, value in given:
        if key == "name":
            cleaned["name"] = check_printable_name("name", require_text("name", value))
            cleaned["name_sort"] = sort_key(cleaned["name"])
        elif key == "kind":
            cleaned["kind"] = parse_kind(value).value
        elif key == "country":
            cleaned["country"] = normalise_country(value)
        elif key == "website":
            cleaned["website"] = normalise_website(value)
        elif key == "acronym":
            cleaned["acronym"] = check_printable_name("acronym", clean_text(value))
        elif key == "local_name":
            cleaned["local_name"] = check_printable_name("local_name", clean_text(value))
            cleaned["local_name_sort"] = local_name_sort(cleaned["local_name"])
        else:
            cleaned[key] = clean_text(value)
    # A name written only in Khmer, Thai, Arabic ... is also the own-script name: the
    # lists that print names in their own script would otherwise leave it out.
    if (
        "name" in cleaned
        and "local_name" in cleaned
        and not cleaned["local_name"]
        and written_in_other_script(cleaned["name"])
    ):
        cleaned["local_name"] = cleaned["name"]
        cleaned["local_name_sort"] = local_name_sort(cleaned["name"])
    return cleaned


def written_in_other_script(text: str) -> bool:
    """Whether most letters of ``text`` are in a script other than Latin."""
    if text.isascii():
        return False
    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if _is_latin(char))
    return bool(letters) and latin * 2 < len(letters)


@lru_cache(maxsize=4096)
def _is_latin(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith("LATIN")


def local_name_sort(local_name: str | None) -> bytes | None:
    """The sort key of an own-script name: names in Thai, Khmer or Burmese are ordered
    by their script's collation, not by code point (which puts every Thai name that
    starts with a vowel sign after all the others)."""
    return sort_key(local_name) if local_name else None


def _organisation(row: Mapping[str, Any]) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        local_name=row["local_name"],
        acronym=row["acronym"],
        kind=OrgKind(row["kind"]),
        country=row["country"],
        website=row["website"],
        notes=row["notes"],
        row_version=row["row_version"],
    )


def add_organisation(
    db: Database,
    name: str,
    *,
    local_name: str | None = None,
    acronym: str | None = None,
    kind: str | OrgKind = OrgKind.OTHER,
    country: str | None = None,
    website: str | None = None,
    notes: str | None = None,
) -> int:
    values = clean_organisation_fields(
        {
            "name": name,
            "local_name": local_name,
            "acronym": acronym,
            "kind": kind,
            "country": country,
            "website": website,
            "notes": notes,
        }
    )
    with transaction(db):
        org_id = records.insert(db, "organisations", values, "organisation")
        reindex_organisations(db, [org_id])
    return org_id


def get_organisation(db: Database, org_id: int) -> Organisation:
    return _organisation(records.fetch(db, "organisations", org_id, "organisation"))


def update_organisation(
    db: Database,
    org_id: int,
    changes: OrganisationFields,
    *,
    expected_row_version: int | None = None,
) -> Organisation:
    values = clean_organisation_fields(changes)
    with transaction(db):
        row = records.update(
            db,
            "organisations",
            org_id,
            values,
            "organisation",
            expected_row_version=expected_row_version,
        )
        reindex_organisations(db, [org_id])
    return _organisation(row)


@dataclass(frozen=True)
class OrganisationSnapshot:
    """Everything a deletion removes, so that it can be put back."""

    organisation: dict[str, Any]
    contacts: list[dict[str, Any]]
    signons: list[signons.DeletedSignOn]


@dataclass(frozen=True)
class DeletionImpact:
    contacts: int
    signons: int


def deletion_impact(db: Database, org_id: int) -> DeletionImpact:
    """What goes with an organisation if it is deleted, to tell the user first."""
    contacts = db.execute(
        "SELECT count(*) FROM contacts WHERE organisation_id = ?", [org_id]
    ).fetchone()[0]
    signons = db.execute(
        "SELECT count(*) FROM signons WHERE organisation_id = ?", [org_id]
    ).fetchone()[0]
    return DeletionImpact(contacts=contacts, signons=signons)


def delete_organisation(db: Database, org_id: int) -> OrganisationSnapshot:
    """Delete the organisation with its contacts and sign-ons."""
    with transaction(db):
        organisation = records.fetch(db, "organisations", org_id, "organisation")
        signon_ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM signons WHERE organisation_id = ? ORDER BY id", [org_id]
            )
        ]
        # Sign-ons point at contacts (authorised_by); remove them first, logged, each
        # with the versions it confirmed.
        snapshot = OrganisationSnapshot(
            organisation=organisation,
            signons=[signons.delete_signon(db, signon_id) for signon_id in signon_ids],
            contacts=records.fetch_all(
                db, "SELECT * FROM contacts WHERE organisation_id = ? ORDER BY id", [org_id]
            ),
        )
        for contact in snapshot.contacts:
            records.delete(db, "contacts", contact["id"], "contact")
        records.delete(db, "organisations", org_id, "organisation")
        db.execute("DELETE FROM organisation_search WHERE rowid = ?", [org_id])
    return snapshot


def restore_organisation(db: Database, snapshot: OrganisationSnapshot) -> None:
    """Undo :func:`delete_organisation`."""
    with transaction(db):
        records.reinsert(db, "organisations", snapshot.organisation, "organisation")
        for contact in snapshot.contacts:
            records.reinsert(db, "contacts", contact, "contact")
        for signon in snapshot.signons:
            signons.restore_signon(db, signon)
        reindex_organisations(db, [snapshot.organisation["id"]])


def reindex_organisations(db: Database, org_ids: Iterable[int]) -> None:
    """Rebuild the search text of these organisations (names, codes, contacts)."""
    ids = list(org_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        db.execute(f"DELETE FROM organisation_search WHERE rowid IN ({marks})", chunk)
        organisations = db.execute(
            "SELECT id, name, local_name, acronym, country, website FROM organisations "
            f"WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        contact_text: dict[int, list[str]] = {}
        for org_id, name, email in db.execute(
            f"SELECT organisation_id, name, email FROM contacts WHERE organisation_id IN ({marks})",
            chunk,
        ):
            contact_text.setdefault(org_id, []).extend(part for part in (name, email) if part)
        rows = [
            (org_id, search_text([*fields, *contact_text.get(org_id, [])]))
            for org_id, *fields in organisations
        ]
        db.conn.executemany("INSERT INTO organisation_search (rowid, text) VALUES (?, ?)", rows)


def search_text(parts: Sequence[str | None]) -> str:
    """The folded text an organisation is found by.

    ``parts`` are its name, local name, acronym, country code and website, then its
    contacts' names and emails. The country's English name is added after its code.
    Each part is folded on its own, so the many plain ASCII ones take the short path.
    """
    name, local_name, acronym, country, website, *contacts = parts
    everything = (name, local_name, acronym, country, country_name(country), website, *contacts)
    return " | ".join(folded for folded in map(fold_for_match, everything) if folded)


# More words than any name holds; thousands would exceed what SQLite can evaluate.
MAX_SEARCH_TERMS = 64


def search_conditions(search: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on ``organisation_search`` that match every term of ``search``.

    Terms are folded like the indexed text (case, accents, Khmer variants). Terms of
    three letters or more use the trigram index; shorter ones are scanned with LIKE.
    """
    terms = list(dict.fromkeys(fold_for_match(search).split())) if search else []
    if len(terms) > MAX_SEARCH_TERMS:
        raise ValidationError(
            "search",
            _("{count} different words; search for at most {most} at a time").format(
                count=len(terms), most=MAX_SEARCH_TERMS
            ),
        )
    conditions: list[str] = []
    params: list[Any] = []
    indexed = [term for term in terms if len(term) >= 3]
    if indexed:
        conditions.append("organisation_search MATCH ?")
        params.append(" AND ".join('"' + term.replace('"', '""') + '"' for term in indexed))
    for term in terms:
        if len(term) < 3:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append("text LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
    return conditions, params


def organisations_named(db: Database, name: str, *, except_id: int | None = None) -> list[int]:
    """Ids of the organisations whose name or own-script name is ``name`` once folded
    (case, accents, spaces, Khmer spelling variants): the same organisation, entered
    again by hand.
    """
    folded = fold_for_match(name)
    if not folded:
        return []
    conditions, params = search_conditions(name)
    rows = db.execute(
        "SELECT id, name, local_name FROM organisations WHERE id IN "
        f"(SELECT rowid FROM organisation_search WHERE {' AND '.join(conditions)}) "
        "ORDER BY id",
        params,
    ).fetchall()
    return [
        org_id
        for org_id, stored, local in rows
        if org_id != except_id and folded in (fold_for_match(stored), fold_for_match(local))
    ]


def directory_filters(
    search: str | None, country: str | None, kind: str | OrgKind | None
) -> tuple[str, list[Any]]:
    """A WHERE clause (on ``organisations o``) and its parameters for the directory."""
    where: list[str] = []
    params: list[Any] = []
    conditions, search_params = search_conditions(search)
    if conditions:
        where.append(
            "o.id IN (SELECT rowid FROM organisation_search WHERE " + " AND ".join(conditions) + ")"
        )
        params.extend(search_params)
    if country:
        where.append("o.country = ?")
        params.append(country.upper())
    if kind:
        where.append("o.kind = ?")
        params.append(parse_kind(kind).value)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def organisation_row(row: Sequence[Any]) -> OrganisationRow:
    """An :class:`OrganisationRow` from a row selected with :data:`LIST_COLUMNS`."""
    return OrganisationRow(
        id=row[0],
        name=row[1],
        local_name=row[2],
        acronym=row[3],
        kind=OrgKind(row[4]),
        country=row[5],
        contact_count=row[6],
        statements_signed=row[7],
    )


def list_organisations(
    db: Database,
    *,
    search: str | None = None,
    country: str | None = None,
    kind: str | OrgKind | None = None,
    order_by: str = "name",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[OrganisationRow]:
    """One page of the directory, filtered and sorted in SQL."""
    if order_by not in ORDER_COLUMNS:
        raise ValidationError(
            "order_by", _("cannot sort by {order_by!r}").format(order_by=order_by)
        )
    clause, params = directory_filters(search, country, kind)
    sql = (
        f"SELECT {LIST_COLUMNS} FROM organisations o {clause} "
        f"ORDER BY {order_terms(order_by, descending)} LIMIT ? OFFSET ?"
    )
    rows = db.execute(sql, [*params, -1 if limit is None else limit, offset]).fetchall()
    return [organisation_row(row) for row in rows]


def count_organisations(
    db: Database,
    *,
    search: str | None = None,
    country: str | None = None,
    kind: str | OrgKind | None = None,
) -> int:
    clause, params = directory_filters(search, country, kind)
    return int(db.execute(f"SELECT count(*) FROM organisations o {clause}", params).fetchone()[0])


def countries_in_use(db: Database) -> list[str]:
    """The country codes that organisations in the directory have, for filters."""
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT country FROM organisations WHERE country IS NOT NULL ORDER BY country"
        )
    ]


def organisation_history(db: Database, org_id: int) -> list[HistoryEntry]:
    """Every statement the organisation was asked to sign, newest first."""
    from signapp.core.signons import reconfirmation_needed  # one rule, kept there

    records.fetch(db, "organisations", org_id, "organisation")
    rows = db.execute(
        "SELECT s.statement_id, st.title, s.status, s.version_number, s.received_at "
        "FROM signons s JOIN statements st ON st.id = s.statement_id "
        "WHERE s.organisation_id = ? ORDER BY st.created_at DESC, st.id DESC",
        [org_id],
    ).fetchall()
    return [
        HistoryEntry(
            statement_id=row[0],
            statement_title=row[1],
            status=SignOnStatus(row[2]),
            version_number=row[3],
            received_at=row[4],
            needs_reconfirmation=reconfirmation_needed(db, row[0], row[2], row[3]),
        )
        for row in rows
    ]


@dataclass
class MergeRecord:
    """What a merge changed, so that it can be undone exactly."""

    keep_before: dict[str, Any]
    dropped: dict[str, Any]
    moved_contacts: list[dict[str, Any]] = field(default_factory=list)
    moved_signon_ids: list[int] = field(default_factory=list)
    replaced_signons: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)


_STATUS_STRENGTH = {
    SignOnStatus.CONFIRMED.value: 4,
    SignOnStatus.PENDING.value: 3,
    SignOnStatus.INVITED.value: 2,
    SignOnStatus.DECLINED.value: 1,
    SignOnStatus.WITHDRAWN.value: 0,
}


def merge_organisations(db: Database, keep_id: int, drop_id: int) -> MergeRecord:
    """Fold ``drop_id`` into ``keep_id``: contacts and sign-ons move, gaps are filled.

    Where both signed the same statement, the stronger answer (confirmed over pending,
    ...) is kept, and the more private listing choice wins.
    """
    if keep_id == drop_id:
        raise ValidationError("organisation", _("cannot merge an organisation with itself"))
    with transaction(db):
        keep = records.fetch(db, "organisations", keep_id, "organisation")
        drop = records.fetch(db, "organisations", drop_id, "organisation")
        record = MergeRecord(keep_before=keep, dropped=drop)
        gaps = {
            key: drop[key]
            for key in ("local_name", "acronym", "country", "website")
            if not keep[key] and drop[key]
        }
        if drop["notes"] and drop["notes"] != keep["notes"]:
            gaps["notes"] = "\n".join(part for part in (keep["notes"], drop["notes"]) if part)
        keep_has_primary = bool(
            db.execute(
                "SELECT 1 FROM contacts WHERE organisation_id = ? AND is_primary = 1", [keep_id]
            ).fetchone()
        )
        for contact in records.fetch_all(
            db, "SELECT * FROM contacts WHERE organisation_id = ?", [drop_id]
        ):
            record.moved_contacts.append(contact)
            changes: dict[str, Any] = {"organisation_id": keep_id}
            if keep_has_primary:
                changes["is_primary"] = 0
            records.update(db, "contacts", contact["id"], changes, "contact", action="merge")
        keep_signons = {
            row["statement_id"]: row
            for row in records.fetch_all(
                db, "SELECT * FROM signons WHERE organisation_id = ?", [keep_id]
            )
        }
        for signon in records.fetch_all(
            db, "SELECT * FROM signons WHERE organisation_id = ?", [drop_id]
        ):
            existing = keep_signons.get(signon["statement_id"])
            if existing is None:
                record.moved_signon_ids.append(signon["id"])
                records.update(
                    db,
                    "signons",
                    signon["id"],
                    {"organisation_id": keep_id},
                    "sign-on",
                    action="merge",
                )
                continue
            stronger = (
                signon
                if (_STATUS_STRENGTH[signon["status"]] > _STATUS_STRENGTH[existing["status"]])
                else existing
            )
            kept_changes = {
                key: stronger[key]
                for key in (
                    "status",
                    "version_number",
                    "authorised_by",
                    "channel",
                    "received_at",
                    "raw_source",
                )
            }
            kept_changes["is_public"] = min(existing["is_public"], signon["is_public"])
            records.update(db, "signons", existing["id"], kept_changes, "sign-on", action="merge")
            record.replaced_signons.append((existing, signon))
            signons.keep_confirmations(db, from_signon=signon["id"], to_signon=existing["id"])
            records.delete(db, "signons", signon["id"], "sign-on")
        if "local_name" in gaps:
            gaps["local_name_sort"] = local_name_sort(gaps["local_name"])
        if gaps:
            records.update(db, "organisations", keep_id, gaps, "organisation", action="merge")
        records.delete(db, "organisations", drop_id, "organisation")
        db.execute("DELETE FROM organisation_search WHERE rowid = ?", [drop_id])
        reindex_organisations(db, [keep_id])
        audit.record(db, "merge", "organisation", keep_id, {"merged": drop_id}, None)
    return record


def undo_merge(db: Database, record: MergeRecord) -> None:
    """Put both organisations back as they were before :func:`merge_organisations`."""
    keep_id = record.keep_before["id"]
    with transaction(db):
        records.reinsert(db, "organisations", record.dropped, "organisation")
        keep_fields = {
            key: record.keep_before[key] for key in (*ORGANISATION_FIELDS, "local_name_sort")
        }
        records.update(db, "organisations", keep_id, keep_fields, "organisation", action="unmerge")
        for contact in record.moved_contacts:
            records.update(
                db,
                "contacts",
                contact["id"],
                {
                    "organisation_id": contact["organisation_id"],
                    "is_primary": contact["is_primary"],
                },
                "contact",
                action="unmerge",
            )
        for signon_id in record.moved_signon_ids:
            records.update(
                db,
                "signons",
                signon_id,
                {"organisation_id": record.dropped["id"]},
                "sign-on",
                action="unmerge",
            )
        for kept_before, dropped_signon in record.replaced_signons:
            restored = {
                key: value
                for key, value in kept_before.items()
                if key not in ("id", "row_version", "created_at", "updated_at")
            }
            records.update(db, "signons", kept_before["id"], restored, "sign-on", action="unmerge")
            records.reinsert(db, "signons", dropped_signon, "sign-on")
        reindex_organisations(db, [keep_id, record.dropped["id"]])
