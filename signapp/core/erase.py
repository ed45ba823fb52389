"""Erasing an organisation: its contacts and personal data, everywhere they are kept.

"Everywhere" means the rows themselves, the audit log's copies of them, the raw
source rows kept from imports, the search index, the free pages of the file (secure
delete, then VACUUM), and the same data in every backup. What may be kept, if the
coordinator chooses, is an anonymous count: the sign-ons stay, unnamed and not
public, attached to a placeholder organisation that holds nothing.

Organisations merged into the erased one earlier are erased with it: their rows are
gone from the database, but the audit log and older backups still hold them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from signapp.core import audit, records
from signapp.core.backups import backup_files, backups_folder
from signapp.core.db import (
    DATABASE_ERRORS,
    SCHEMA_VERSION,
    connect_file,
    database_path,
    effective_passphrase,
    passphrase_of,
    transaction,
    utc_now,
)
from signapp.core.errors import SignappError
from signapp.core.review_queue import forget_replies
from signapp.core.text import sort_key
from signapp.i18n import _

log = logging.getLogger("signapp.erase")

PLACEHOLDER_NAME = "Erased organisation"


@dataclass(frozen=True)
class ErasurePlan:
    """What an erasure will remove, to show before the coordinator confirms."""

    organisation_id: int
    organisation_name: str
    contacts: int
    signons: int
    confirmed_signons: int
    audit_entries: int
    backups: int


@dataclass
class ErasureReport:
    """What an erasure did."""

    organisation_id: int
    contacts_removed: int = 0
    signons_removed: int = 0
    signons_kept_anonymous: int = 0
    audit_entries_removed: int = 0
    backups_cleaned: list[Path] = field(default_factory=list)
    backups_removed: list[Path] = field(default_factory=list)


def _ids(db: Database, sql: str, params: Iterable[object]) -> set[int]:
    return {int(row[0]) for row in db.execute(sql, list(params)).fetchall() if row[0] is not None}


def _marks(ids: set[int]) -> str:
    return ",".join("?" for _ in ids) or "NULL"


def _merged_into(db: Database, org_id: int) -> set[int]:
    """The organisation and, transitively, those merged into it earlier."""
    found = {org_id}
    frontier = [org_id]
    while frontier:
        current = frontier.pop()
        for merged in _ids(
            db,
            "SELECT json_extract(before, '$.merged') FROM audit_log "
            "WHERE action = 'merge' AND entity = 'organisation' AND entity_id = ?",
            [current],
        ):
            if merged not in found:
                found.add(merged)
                frontier.append(merged)
    return found


def _owned_ids(db: Database, entity: str, table: str, org_ids: set[int]) -> set[int]:
    """Rows of ``table`` belonging to the organisations now, or last seen so in the log."""
    marks = _marks(org_ids)
    current = _ids(db, f"SELECT id FROM {table} WHERE organisation_id IN ({marks})", org_ids)
    logged = _ids(
        db,
        "SELECT entity_id FROM audit_log WHERE entity = ? AND json_extract("
        f"coalesce(after, before), '$.organisation_id') IN ({marks})",
        [entity, *org_ids],
    )
    still_elsewhere = _ids(
        db,
        f"SELECT id FROM {table} WHERE id IN ({_marks(logged)}) "
        f"AND organisation_id NOT IN ({marks})",
        [*logged, *org_ids],
    )
    return current | (logged - still_elsewhere)


def _audit_clause(
    org_ids: set[int], contact_ids: set[int], signon_ids: set[int]
) -> tuple[str, list[object]]:
    clause = (
        f"(entity = 'organisation' AND entity_id IN ({_marks(org_ids)})) "
        f"OR (entity = 'contact' AND entity_id IN ({_marks(contact_ids)})) "
        f"OR (entity = 'sign-on' AND entity_id IN ({_marks(signon_ids)}))"
    )
    return clause, [*org_ids, *contact_ids, *signon_ids]


def erasure_plan(db: Database, org_id: int) -> ErasurePlan:
    """Count what :func:`erase_organisation` would remove, without changing anything."""
    organisation = records.fetch(db, "organisations", org_id, "organisation")
    org_ids = _merged_into(db, org_id)
    contact_ids = _owned_ids(db, "contact", "contacts", org_ids)
    signon_ids = _owned_ids(db, "sign-on", "signons", org_ids)
    clause, params = _audit_clause(org_ids, contact_ids, signon_ids)
    path = database_path(db)
    return ErasurePlan(
        organisation_id=org_id,
        organisation_name=organisation["name"],
        contacts=len(_ids(db, "SELECT id FROM contacts WHERE organisation_id = ?", [org_id])),
        signons=len(_ids(db, "SELECT id FROM signons WHERE organisation_id = ?", [org_id])),
        confirmed_signons=len(
            _ids(
                db,
                "SELECT id FROM signons WHERE organisation_id = ? AND status = 'confirmed'",
                [org_id],
            )
        ),
        audit_entries=int(
            db.execute(f"SELECT count(*) FROM audit_log WHERE {clause}", params).fetchone()[0]
        ),
        backups=len(backup_files(backups_folder(path))) if path else 0,
    )


def erase_organisation(
    db: Database,
    org_id: int,
    *,
    keep_anonymous_count: bool = False,
    include_backups: bool = True,
    passphrase: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ErasureReport:
    """Erase the organisation ``org_id`` with its contacts and personal data.

    Args:
        keep_anonymous_count: keep its sign-ons as anonymous ones of a placeholder
            organisation, so that published counts stay right; otherwise they go too.
        include_backups: erase the same data in every backup of the database; a backup
            that cannot be cleaned (an older schema, another passphrase) is deleted.
        passphrase: the passphrase of the backups; by default the database's own.
        progress: called with (files done, files in all) after each backup and after
            the database. There is no cancelling half way: an erasure stopped between
            files would leave the data in the files not reached yet.
    """
    records.fetch(db, "organisations", org_id, "organisation")
    if passphrase is None:
        passphrase = passphrase_of(db)
    report = ErasureReport(organisation_id=org_id)
    org_ids = _merged_into(db, org_id)
    path = database_path(db)
    to_clean = (
        sorted(backup for backup, _kind in backup_files(backups_folder(path)))
        if include_backups and path is not None
        else []
    )
    # Backups first: if the erasure is interrupted, the organisation is still in the
    # database, so erasing it again finishes the work.
    for done, backup in enumerate(to_clean, start=1):
        try:
            _erase_in_backup(backup, org_id, org_ids, keep_anonymous_count, passphrase)
        except SignappError as error:
            log.warning("backup %s could not be cleaned, deleting it: %s", backup, error)
            backup.unlink(missing_ok=True)
            report.backups_removed.append(backup)
        else:
            report.backups_cleaned.append(backup)
        if progress:
            progress(done, 1 + len(to_clean))
    db.execute("PRAGMA secure_delete = ON")
    with transaction(db):
        _erase_in(db, org_id, org_ids, keep_anonymous_count, report)
    _compact(db)
    if progress:
        progress(1 + len(to_clean), 1 + len(to_clean))
    return report


def _erase_in(
    db: Database, org_id: int, org_ids: set[int], keep: bool, report: ErasureReport
) -> None:
    present = _ids(db, f"SELECT id FROM organisations WHERE id IN ({_marks(org_ids)})", org_ids)
    contact_ids = _owned_ids(db, "contact", "contacts", org_ids)
    signon_ids = _owned_ids(db, "sign-on", "signons", org_ids)
    clause, params = _audit_clause(org_ids, contact_ids, signon_ids)
    report.audit_entries_removed += db.execute(
        f"DELETE FROM audit_log WHERE {clause}", params
    ).rowcount
    if "review_items" in db.table_names():
        forget_replies(db, org_ids, signon_ids)
    report.contacts_removed += db.execute(
        f"DELETE FROM contacts WHERE organisation_id IN ({_marks(present)})", list(present)
    ).rowcount
    marks = _marks(present)
    if "imported_rows" in db.table_names():
        db.execute(
            "DELETE FROM imported_rows WHERE signon_id IN "
            f"(SELECT id FROM signons WHERE organisation_id IN ({marks}))",
            list(present),
        )
    db.execute(f"DELETE FROM organisation_search WHERE rowid IN ({marks})", list(present))
    now = utc_now()
    for erased_id in sorted(present):
        if keep:
            kept = db.execute(
                "UPDATE signons SET is_public = 0, printed_name = NULL, authorised_by = NULL, "
                "channel = NULL, received_at = NULL, notes = NULL, raw_source = NULL, "
                "row_version = row_version + 1, updated_at = ? WHERE organisation_id = ?",
                [now, erased_id],
            ).rowcount
            report.signons_kept_anonymous += kept
            db.execute(
                "UPDATE organisations SET name = ?, name_sort = ?, local_name = NULL, "
                "local_name_sort = NULL, "
                "acronym = NULL, kind = 'other', country = NULL, website = NULL, notes = NULL, "
                "row_version = row_version + 1, updated_at = ? WHERE id = ?",
                [PLACEHOLDER_NAME, sort_key(PLACEHOLDER_NAME), now, erased_id],
            )
            db.execute(
                "INSERT INTO organisation_search (rowid, text) VALUES (?, ?)",
                [erased_id, PLACEHOLDER_NAME.casefold()],
            )
        else:
            report.signons_removed += db.execute(
                "DELETE FROM signons WHERE organisation_id = ?", [erased_id]
            ).rowcount
            db.execute("DELETE FROM organisations WHERE id = ?", [erased_id])
    audit.record(
        db,
        "erase",
        "organisation",
        org_id,
        None,
        {"kept_anonymous_signons": report.signons_kept_anonymous} if keep else None,
    )


def _compact(db: Database) -> None:
    """Leave no erased text in the search index's old segments, free pages or the WAL."""
    db.execute("INSERT INTO organisation_search (organisation_search) VALUES ('optimize')")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _erase_in_backup(
    path: Path, org_id: int, org_ids: set[int], keep: bool, passphrase: str | None
) -> None:
    try:
        with closing(
            connect_file(path, effective_passphrase(path, passphrase), read_only=False)
        ) as connection:
            backup = Database(connection)
            version = backup.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise SignappError(
                    _("{path} has schema generation {version}").format(path=path, version=version)
                )
            backup.execute("PRAGMA secure_delete = ON")
            backup.execute("PRAGMA foreign_keys = ON")
            with transaction(backup):
                _erase_in(backup, org_id, org_ids, keep, ErasureReport(organisation_id=org_id))
            _compact(backup)
    except DATABASE_ERRORS as error:
        raise SignappError(
            _("{path} cannot be cleaned ({error})").format(path=path, error=error)
        ) from None
