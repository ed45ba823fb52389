"""Erasing an organisation or a person: their personal data, everywhere it is kept.

"Everywhere" means the rows themselves, the audit log's copies of them, the raw
source rows kept from imports, the replies received from it, the search index, the
free pages of the file (secure delete, then VACUUM), and the same data in every
backup (half-written backup copies are removed). What may be kept, if the
coordinator chooses, is an anonymous count: the sign-ons stay, unnamed and not
public, attached to a placeholder organisation that holds nothing.

Organisations merged into the erased one earlier are erased with it: their rows are
gone from the database, but the audit log and older backups still hold them. An
organisation deleted earlier can be erased too: only its copies are left.

What is erased is found by identity, not by id alone: an id and the entry of the
audit log that created it. Before schema step 6, SQLite gave a freed id (of a merged
duplicate, a deleted contact) to the next new row, so an old log entry's id may name
a later organisation; only the entries between an organisation's creation and its
end are its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from signapp.core import audit
from signapp.core.backups import backup_files, backups_folder
from signapp.core.db import (
    DATABASE_ERRORS,
    SCHEMA_VERSION,
    connect_file,
    database_path,
    effective_passphrase,
    hold_exclusively,
    migrate,
    passphrase_of,
    transaction,
    utc_now,
)
from signapp.core.errors import DatabaseBusy, NotFound, SignappError, field_name
from signapp.core.review_queue import count_replies, forget_replies
from signapp.core.text import sort_key
from signapp.i18n import _, ngettext

log = logging.getLogger("signapp.erase")

PLACEHOLDER_NAME = "Erased organisation"
PERSON_PLACEHOLDER_NAME = "Erased person"


@dataclass(frozen=True)
class _Kind:
    """Where the rows of one kind of signatory live, and how the log names them."""

    entity: str  # as the audit log names it
    table: str
    signon_column: str  # the sign-ons' column that points at it
    owned_entities: tuple[str, ...]  # log entries about rows that belong to it


ORGANISATION = _Kind("organisation", "organisations", "organisation_id", ("contact", "sign-on"))
PERSON = _Kind("person", "people", "person_id", ("sign-on",))

# Stands for "no end yet" in a span of audit log ids.
_OPEN_END = 2**62


@dataclass(frozen=True)
class Identity:
    """One organisation (or person) as the audit log knows it.

    Attributes:
        since: the audit log id of the entry that created it (0 if the log lacks it).
        until: the log id of its deletion (by a merge or by hand); None while it is
            in the directory.
        merged_into: the organisation it was merged into, if it was.
    """

    record_id: int
    name: str
    since: int
    until: int | None
    merged_into: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.since, self.until if self.until is not None else _OPEN_END


@dataclass(frozen=True)
class ErasurePlan:
    """What an erasure will remove, to show before the coordinator confirms."""

    record_id: int
    name: str
    contacts: int
    signons: int
    confirmed_signons: int
    audit_entries: int
    backups: int
    identities: tuple[Identity, ...] = ()
    contact_names: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    backup_paths: tuple[Path, ...] = ()
    partial_copies: tuple[Path, ...] = ()
    files_set_aside: tuple[Path, ...] = ()
    kind: str = "organisation"
    replies: int = 0

    def describe(self) -> list[str]:
        """One line per thing erased, naming each, for a confirmation."""
        lines = []
        for identity in self.identities:
            if identity.until is None:
                state = _("in the directory")
            elif identity.merged_into is not None:
                state = _("merged into {id} earlier; its history").format(id=identity.merged_into)
            else:
                state = _("deleted earlier; its history")
            lines.append(
                _("{kind} {id} {name!r} ({state})").format(
                    kind=field_name(self.kind),
                    id=identity.record_id,
                    name=identity.name,
                    state=state,
                )
            )
        for name in self.contact_names:
            lines.append(_("contact {name!r}").format(name=name))
        if self.signons:
            titles = ", ".join(repr(title) for title in self.statements)
            lines.append(
                ngettext(
                    "{count:,} sign-on, on {titles}",
                    "{count:,} sign-ons, on {titles}",
                    self.signons,
                ).format(count=self.signons, titles=titles)
            )
        lines.append(
            ngettext(
                "{count:,} audit log entry", "{count:,} audit log entries", self.audit_entries
            ).format(count=self.audit_entries)
        )
        if self.replies:
            lines.append(
                ngettext("{count:,} email reply", "{count:,} email replies", self.replies).format(
                    count=self.replies
                )
            )
        for path in self.backup_paths:
            lines.append(_("backup {path}").format(path=path))
        for path in self.partial_copies:
            lines.append(_("half-written backup copy {path} (removed)").format(path=path))
        return lines


@dataclass
class ErasureReport:
    """What an erasure did."""

    organisation_id: int | None = None
    person_id: int | None = None
    contacts_removed: int = 0
    signons_removed: int = 0
    signons_kept_anonymous: int = 0
    audit_entries_removed: int = 0
    backups_cleaned: list[Path] = field(default_factory=list)
    backups_removed: list[Path] = field(default_factory=list)
    partial_copies_removed: list[Path] = field(default_factory=list)


def _marks(values: Iterable[object]) -> str:
    return ",".join("?" for _ in values) or "NULL"


def _logged_name(db: Database, kind: _Kind, record_id: int, before_entry: int) -> str:
    row = db.execute(
        "SELECT json_extract(coalesce(after, before), '$.name') FROM audit_log "
        "WHERE entity = ? AND entity_id = ? AND id < ? "
        "AND json_extract(coalesce(after, before), '$.name') IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        [kind.entity, record_id, before_entry],
    ).fetchone()
    return str(row[0]) if row else f"{kind.entity} {record_id}"


def _created(db: Database, kind: _Kind, record_id: int, before_entry: int = _OPEN_END) -> int:
    """The log id of the latest creation of ``record_id`` before ``before_entry``."""
    row = db.execute(
        "SELECT max(id) FROM audit_log WHERE entity = ? AND entity_id = ? "
        "AND action = 'create' AND id < ?",
        [kind.entity, record_id, before_entry],
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def find_identities(db: Database, record_id: int, kind: _Kind = ORGANISATION) -> list[Identity]:
    """The organisation (or person) ``record_id``, present or deleted earlier, and,
    through the merges into it, every record folded into it, each with its own span
    of the audit log."""
    present = db.execute(f"SELECT name FROM {kind.table} WHERE id = ?", [record_id]).fetchone()
    if present is not None:
        root = Identity(record_id, present[0], _created(db, kind, record_id), None)
    else:
        deleted = db.execute(
            "SELECT max(id) FROM audit_log WHERE entity = ? AND entity_id = ? "
            "AND action = 'delete'",
            [kind.entity, record_id],
        ).fetchone()[0]
        if deleted is None:
            if kind is PERSON:
                raise NotFound(
                    _("person {person_id} does not exist, and nothing of it is kept").format(
                        person_id=record_id
                    )
                )
            raise NotFound(
                _("organisation {org_id} does not exist, and nothing of it is kept").format(
                    org_id=record_id
                )
            )
        root = Identity(
            record_id,
            _logged_name(db, kind, record_id, deleted + 1),
            _created(db, kind, record_id, deleted),
            deleted,
        )
    found = [root]
    frontier = [root]
    while frontier:
        keeper = frontier.pop()
        start, end = keeper.span
        merges = db.execute(
            "SELECT id, json_extract(before, '$.merged') FROM audit_log WHERE action = 'merge' "
            "AND entity = ? AND entity_id = ? AND id > ? AND id <= ? "
            "AND json_extract(before, '$.merged') IS NOT NULL ORDER BY id",
            [kind.entity, keeper.record_id, start, end],
        ).fetchall()
        for merge_entry, merged_id in merges:
            ended = db.execute(
                "SELECT max(id) FROM audit_log WHERE entity = ? AND entity_id = ? "
                "AND action = 'delete' AND id < ?",
                [kind.entity, int(merged_id), merge_entry],
            ).fetchone()[0]
            until = int(ended) if ended is not None else int(merge_entry)
            merged = Identity(
                int(merged_id),
                _logged_name(db, kind, int(merged_id), until + 1),
                _created(db, kind, int(merged_id), until),
                until,
                merged_into=keeper.record_id,
            )
            if merged not in found:
                found.append(merged)
                frontier.append(merged)
    return found


def _present(db: Database, identities: Iterable[Identity], kind: _Kind = ORGANISATION) -> list[int]:
    """The ids of these records that ``db`` holds as rows: in a backup, an id whose
    latest creation is another one's belongs to someone else."""
    held = []
    for identity in identities:
        row = db.execute(
            f"SELECT 1 FROM {kind.table} WHERE id = ?", [identity.record_id]
        ).fetchone()
        if row is not None and _created(db, kind, identity.record_id) == identity.since:
            held.append(identity.record_id)
    return held


def _audit_clause(
    identities: Iterable[Identity], kind: _Kind = ORGANISATION
) -> tuple[str, list[object]]:
    """Log entries about these records, and about the rows that belonged to them
    (contacts, sign-ons) while they did: every entry holds the whole row it was about."""
    parts: list[str] = []
    params: list[object] = []
    owned = ", ".join(f"'{entity}'" for entity in kind.owned_entities)
    column = kind.signon_column
    for identity in identities:
        start, end = identity.span
        parts.append(
            f"(id BETWEEN ? AND ? AND ((entity = ? AND entity_id = ?) OR "
            f"(entity IN ({owned}) AND (json_extract(after, '$.{column}') = ? "
            f"OR json_extract(before, '$.{column}') = ?))))"
        )
        params += [start, end, kind.entity] + [identity.record_id] * 3
    return " OR ".join(parts) or "0", params


def _leftover_copies(db_path: Path | None) -> tuple[list[Path], list[Path]]:
    """Half-written backup copies, and database files set aside by a restore."""
    if db_path is None:
        return [], []
    folder = backups_folder(db_path)
    partial = sorted(folder.glob("*.partial")) if folder.is_dir() else []
    partial += sorted(db_path.parent.glob(f"{db_path.name}.restoring*"))
    aside = sorted(db_path.parent.glob(f"{db_path.name}.unopenable-*"))
    return partial, [path for path in aside if not path.name.endswith(("-wal", "-shm"))]


def erasure_plan(db: Database, org_id: int) -> ErasurePlan:
    """Name what :func:`erase_organisation` would remove, without changing anything."""
    return _plan(db, org_id, ORGANISATION)


def person_erasure_plan(db: Database, person_id: int) -> ErasurePlan:
    """Name what :func:`erase_person` would remove, without changing anything."""
    return _plan(db, person_id, PERSON)


def _plan(db: Database, record_id: int, kind: _Kind) -> ErasurePlan:
    identities = find_identities(db, record_id, kind)
    present = _present(db, identities, kind)
    marks = _marks(present)
    contact_names: tuple[str, ...] = ()
    if kind is ORGANISATION:
        contact_names = tuple(
            row[0]
            for row in db.execute(
                f"SELECT name FROM contacts WHERE organisation_id IN ({marks}) ORDER BY id",
                present,
            )
        )
    signon_rows = db.execute(
        f"SELECT s.id, s.status, t.title FROM signons s JOIN statements t "
        f"ON t.id = s.statement_id WHERE s.{kind.signon_column} IN ({marks}) ORDER BY t.id",
        present,
    ).fetchall()
    clause, params = _audit_clause(identities, kind)
    path = database_path(db)
    backup_paths = (
        tuple(sorted(backup for backup, _kind in backup_files(backups_folder(path))))
        if path
        else ()
    )
    partial, aside = _leftover_copies(path)
    replies = (
        count_replies(db, *_reply_keys(db, kind, present))
        if "review_items" in db.table_names()
        else 0
    )
    return ErasurePlan(
        record_id=record_id,
        name=identities[0].name,
        contacts=len(contact_names),
        signons=len(signon_rows),
        confirmed_signons=sum(status == "confirmed" for _id, status, _title in signon_rows),
        audit_entries=int(
            db.execute(f"SELECT count(*) FROM audit_log WHERE {clause}", params).fetchone()[0]
        ),
        backups=len(backup_paths),
        identities=tuple(identities),
        contact_names=contact_names,
        statements=tuple(dict.fromkeys(title for _id, _status, title in signon_rows)),
        backup_paths=backup_paths,
        partial_copies=tuple(partial),
        files_set_aside=tuple(aside),
        kind=kind.entity,
        replies=replies,
    )


@contextmanager
def _alone_with(db: Database, path: Path | None) -> Iterator[None]:
    """Hold the file so that no other window or program has it open while it is erased.

    Another process with the file open would keep the erased text in its cache and
    write-ahead log, and could write it back. Leaving WAL mode needs the only
    connection to the file; the exclusive locking mode keeps others out until done.
    """
    if path is None:
        yield
        return
    try:
        hold_exclusively(db.conn, path, _("close it there, then erase again; nothing was erased."))
    except DatabaseBusy:
        db.execute("PRAGMA journal_mode = WAL")
        raise
    try:
        yield
    finally:
        db.execute("PRAGMA locking_mode = NORMAL")
        db.execute("PRAGMA journal_mode = WAL")


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
            that cannot be cleaned (damaged, another passphrase) is deleted.
        passphrase: the passphrase of the backups; by default the database's own.
        progress: called with (files done, files in all) after each backup and after
            the database. There is no cancelling half way: an erasure stopped between
            files would leave the data in the files not reached yet.

    Raises:
        DatabaseBusy: another window or program has the file open; nothing was erased.
    """
    identities = find_identities(db, org_id)
    report = ErasureReport(organisation_id=org_id)

    def erase_in(target: Database, into: ErasureReport) -> None:
        _erase_in(target, org_id, identities, keep_anonymous_count, into)

    _erase_everywhere(db, erase_in, report, include_backups, passphrase, progress)
    return report


def erase_person(
    db: Database,
    person_id: int,
    *,
    keep_anonymous_count: bool = False,
    include_backups: bool = True,
    passphrase: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ErasureReport:
    """Erase the person ``person_id`` everywhere, as :func:`erase_organisation` erases
    an organisation: their record, the log's copies of it, their replies, their sign-ons
    (or, with ``keep_anonymous_count``, only what names them), in every backup too."""
    identities = find_identities(db, person_id, PERSON)
    report = ErasureReport(person_id=person_id)

    def erase_in(target: Database, into: ErasureReport) -> None:
        _erase_person_in(target, person_id, identities, keep_anonymous_count, into)

    _erase_everywhere(db, erase_in, report, include_backups, passphrase, progress)
    return report


_EraseIn = Callable[[Database, ErasureReport], None]


def _erase_everywhere(
    db: Database,
    erase_in: _EraseIn,
    report: ErasureReport,
    include_backups: bool,
    passphrase: str | None,
    progress: Callable[[int, int], None] | None,
) -> None:
    if passphrase is None:
        passphrase = passphrase_of(db)
    path = database_path(db)
    with _alone_with(db, path):
        partial, _aside = _leftover_copies(path)
        for leftover in partial:
            leftover.unlink(missing_ok=True)
            report.partial_copies_removed.append(leftover)
        to_clean = (
            sorted(backup for backup, _kind in backup_files(backups_folder(path)))
            if include_backups and path is not None
            else []
        )
        # Backups first: if the erasure is interrupted, the record is still in the
        # database, so erasing it again finishes the work.
        for done, backup in enumerate(to_clean, start=1):
            try:
                _erase_in_backup(backup, erase_in, passphrase)
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
            erase_in(db, report)
        _compact(db)
    if progress:
        progress(1 + len(to_clean), 1 + len(to_clean))


def _erase_in(
    db: Database, org_id: int, identities: list[Identity], keep: bool, report: ErasureReport
) -> None:
    present = _present(db, identities)
    marks = _marks(present)
    _forget_history(db, identities, ORGANISATION, present, report)
    report.contacts_removed += db.execute(
        f"DELETE FROM contacts WHERE organisation_id IN ({marks})", present
    ).rowcount
    db.execute(f"DELETE FROM organisation_search WHERE rowid IN ({marks})", present)
    now = utc_now()
    for erased_id in sorted(present):
        if keep:
            _keep_anonymous_count(db, erased_id, now, report)
        else:
            report.signons_removed += db.execute(
                "DELETE FROM signons WHERE organisation_id = ?", [erased_id]
            ).rowcount
            db.execute("DELETE FROM organisations WHERE id = ?", [erased_id])
    outcome: dict[str, Any] | None = (
        {"kept_anonymous_signons": report.signons_kept_anonymous} if keep else None
    )
    audit.record(db, "erase", "organisation", org_id, None, outcome)


def _reply_keys(
    db: Database, kind: _Kind, present: list[int]
) -> tuple[set[int], set[int], list[str]]:
    """What finds the replies about these records: the organisations proposed, the
    sign-ons recorded, and the addresses the records are known by (an organisation's
    contacts', a person's own)."""
    marks = _marks(present)
    signon_ids = {
        int(row[0])
        for row in db.execute(
            f"SELECT id FROM signons WHERE {kind.signon_column} IN ({marks})", present
        )
    }
    address_query = (
        f"SELECT email FROM contacts WHERE organisation_id IN ({marks}) AND email IS NOT NULL"
        if kind is ORGANISATION
        else f"SELECT email FROM people WHERE id IN ({marks}) AND email IS NOT NULL"
    )
    emails = [str(row[0]) for row in db.execute(address_query, present)]
    proposed = set(present) if kind is ORGANISATION else set()
    return proposed, signon_ids, emails


def _forget_history(
    db: Database,
    identities: list[Identity],
    kind: _Kind,
    present: list[int],
    report: ErasureReport,
) -> None:
    """Delete what is kept about the records besides their rows: the audit log's copies,
    the replies received about them, and the form rows their sign-ons came from."""
    proposed, signon_ids, emails = _reply_keys(db, kind, present)
    clause, params = _audit_clause(identities, kind)
    report.audit_entries_removed += db.execute(
        f"DELETE FROM audit_log WHERE {clause}", params
    ).rowcount
    if "review_items" in db.table_names():
        forget_replies(db, proposed, signon_ids, emails)
    if "imported_rows" in db.table_names():
        db.execute(
            f"DELETE FROM imported_rows WHERE signon_id IN ({_marks(signon_ids)})",
            list(signon_ids),
        )


def _keep_anonymous_count(db: Database, erased_id: int, now: str, report: ErasureReport) -> None:
    report.signons_kept_anonymous += db.execute(
        "UPDATE signons SET is_public = 0, printed_name = NULL, authorised_by = NULL, "
        "channel = NULL, received_at = NULL, notes = NULL, raw_source = NULL, "
        "row_version = row_version + 1, updated_at = ? WHERE organisation_id = ?",
        [now, erased_id],
    ).rowcount
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


def _erase_person_in(
    db: Database, person_id: int, identities: list[Identity], keep: bool, report: ErasureReport
) -> None:
    present = _present(db, identities, PERSON)
    _forget_history(db, identities, PERSON, present, report)
    now = utc_now()
    for erased_id in sorted(present):
        if keep:
            report.signons_kept_anonymous += db.execute(
                "UPDATE signons SET is_public = 0, printed_name = NULL, channel = NULL, "
                "received_at = NULL, notes = NULL, raw_source = NULL, "
                "row_version = row_version + 1, updated_at = ? WHERE person_id = ?",
                [now, erased_id],
            ).rowcount
            db.execute(
                "UPDATE people SET name = ?, name_sort = ?, local_name = NULL, "
                "local_name_sort = NULL, affiliation = NULL, country = NULL, email = NULL, "
                "phone = NULL, contact_id = NULL, notes = NULL, search_text = '', "
                "row_version = row_version + 1, updated_at = ? WHERE id = ?",
                [PERSON_PLACEHOLDER_NAME, sort_key(PERSON_PLACEHOLDER_NAME), now, erased_id],
            )
        else:
            report.signons_removed += db.execute(
                "DELETE FROM signons WHERE person_id = ?", [erased_id]
            ).rowcount
            db.execute("DELETE FROM people WHERE id = ?", [erased_id])
    outcome: dict[str, Any] | None = (
        {"kept_anonymous_signons": report.signons_kept_anonymous} if keep else None
    )
    audit.record(db, "erase", "person", person_id, None, outcome)


def _compact(db: Database) -> None:
    """Leave no erased text in the search index's old segments, free pages or the WAL."""
    db.execute("INSERT INTO organisation_search (organisation_search) VALUES ('optimize')")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _erase_in_backup(path: Path, erase_in: _EraseIn, passphrase: str | None) -> None:
    try:
        with closing(
            connect_file(path, effective_passphrase(path, passphrase), read_only=False)
        ) as connection:
            backup = Database(connection)
            version = backup.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION or version == 0:
                raise SignappError(
                    _("{path} has schema generation {version}").format(path=path, version=version)
                )
            if version < SCHEMA_VERSION:  # an older backup is brought up to date first
                migrate(backup, path, back_up=False)
            backup.execute("PRAGMA secure_delete = ON")
            backup.execute("PRAGMA foreign_keys = ON")
            with transaction(backup):
                erase_in(backup, ErasureReport())
            _compact(backup)
    except DATABASE_ERRORS as error:
        raise SignappError(
            _("{path} cannot be cleaned ({error})").format(path=path, error=error)
        ) from None
