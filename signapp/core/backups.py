"""Automatic and manual backups of the database file, and restoring one.

Backups live in a folder beside the database, named after it (``signapp.sqlite`` ->
``signapp-backups/``). Beside, rather than in a per-user folder elsewhere, because
they then travel with the database when it is copied or moved to another disk, two
database files never mix their backups, and the copy is a fast same-disk write.
Each backup is one self-contained SQLite file (rollback journal, no ``-wal``), under
the same passphrase as the database when it is protected.

Kinds of backup and how many are kept:

- ``daily``: on the first open of each day (by local date), the newest 14 kept;
- ``pre-import``: before every import, the newest 10 kept;
- ``pre-migration``: before a schema upgrade, the newest 5 kept;
- ``pre-restore``: the state replaced by a restore, the newest 10 kept;
- ``manual``: made on request, never pruned.
"""

from __future__ import annotations

import logging
import re
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlite_utils import Database

from signapp.core.db import (
    DATABASE_ERRORS,
    backup_database,
    checked_connection,
    connect_file,
    database_path,
    effective_passphrase,
    inspect_file,
    is_encrypted,
    is_encrypted_file,
    is_read_only,
    migrate,
    passphrase_of,
)
from signapp.core.errors import ReadOnlyDatabase, SignappError
from signapp.core.private_files import make_private_folder
from signapp.i18n import N_, _

log = logging.getLogger("signapp.backups")

BACKUP_SUFFIX = ".sqlite"
STALE_PARTIAL_SECONDS = 3600


class BackupKind(StrEnum):
    DAILY = "daily"
    PRE_IMPORT = "pre-import"
    PRE_MIGRATION = "pre-migration"
    PRE_RESTORE = "pre-restore"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        """The kind of backup as the interface names it."""
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    BackupKind.DAILY: N_("Daily"),
    BackupKind.PRE_IMPORT: N_("Before an import"),
    BackupKind.PRE_MIGRATION: N_("Before an upgrade"),
    BackupKind.PRE_RESTORE: N_("Before a restore"),
    BackupKind.MANUAL: N_("Made by hand"),
}

KEEP_NEWEST: dict[BackupKind, int | None] = {
    BackupKind.DAILY: 14,
    BackupKind.PRE_IMPORT: 10,
    BackupKind.PRE_MIGRATION: 5,
    BackupKind.PRE_RESTORE: 10,
    BackupKind.MANUAL: None,
}

_NAME = re.compile(
    r"^(?P<kind>"
    + "|".join(re.escape(kind.value) for kind in BackupKind)
    + r")-(?P<stamp>.+)"
    + re.escape(BACKUP_SUFFIX)
    + "$"
)


@dataclass(frozen=True)
class BackupCounts:
    """What a backup holds, read from the file itself."""

    organisations: int
    contacts: int
    statements: int
    signons: int


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``counts`` is None and ``problem`` says why when unreadable."""

    path: Path
    kind: BackupKind
    created_at: datetime
    size_bytes: int
    counts: BackupCounts | None
    problem: str | None = None


def backups_folder(db_path: Path) -> Path:
    """The folder holding the backups of the database at ``db_path``."""
    return db_path.with_name(f"{db_path.stem}-backups")


def _require_path(db: Database, db_path: Path | None) -> Path:
    path = db_path if db_path is not None else database_path(db)
    if path is None:
        raise SignappError(_("An in-memory database has no backups folder"))
    return path


def make_backup(db: Database, kind: BackupKind, db_path: Path | None = None) -> Path:
    """Copy the database into its backups folder, then prune older ones of that kind."""
    path = _require_path(db, db_path)
    if is_read_only(path):
        raise ReadOnlyDatabase(
            _(
                "{path} is read-only (the file or its folder cannot be written to), so its "
                "backups folder is not written either; copy it elsewhere with: signapp "
                "backup --out FILE"
            ).format(path=path)
        )
    folder = backups_folder(path)
    if kind is BackupKind.DAILY:
        name = f"{kind.value}-{date.today().isoformat()}{BACKUP_SUFFIX}"
    else:
        name = f"{kind.value}-{datetime.now().strftime('%Y-%m-%d_%H%M%S_%f')}{BACKUP_SUFFIX}"
    target = backup_database(db, folder / name)
    prune(folder, kind)
    log.info("backed up %s to %s", path, target)
    return target


def make_daily_backup_if_due(db: Database, db_path: Path) -> Path | None:
    """The first open of a day makes that day's backup; later opens cost one stat.

    A backup that cannot be written (full disk, read-only folder) does not keep the
    database from opening; it is logged and tried again at the next open.
    """
    today = backups_folder(db_path) / f"{BackupKind.DAILY.value}-{date.today().isoformat()}"
    if today.with_name(today.name + BACKUP_SUFFIX).exists():
        return None
    try:
        return make_backup(db, BackupKind.DAILY, db_path)
    except SignappError as error:  # the list must still open; say so in the log
        log.warning("no daily backup today: %s", error.message)
        return None


def backup_before_import(db: Database) -> Path | None:
    """The copy to fall back on if an import turns out wrong; None for an in-memory
    database, which has nowhere to keep one.

    Call it before the import's transaction: a protected database cannot be copied
    inside one.

    Raises:
        SignappError: the backup could not be written; do not import then.
    """
    if database_path(db) is None:
        return None
    return make_backup(db, BackupKind.PRE_IMPORT)


def backup_files(folder: Path) -> list[tuple[Path, BackupKind]]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            found.append((path, BackupKind(match["kind"])))
    return found


def newest_backup(db_path: Path) -> Path | None:
    """The most recently written backup of the database at ``db_path``, if any."""
    found = []
    for path, _kind in backup_files(backups_folder(db_path)):
        try:
            found.append((path.stat().st_mtime, path.name, path))
        except OSError:
            continue
    return max(found)[2] if found else None


def prune(folder: Path, kind: BackupKind) -> list[Path]:
    """Delete all but the newest backups of ``kind`` and stale half-written copies."""
    removed = []
    now = time.time()
    for partial in folder.glob("*.partial"):
        try:
            if now - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                partial.unlink()
                removed.append(partial)
        except FileNotFoundError:
            continue
    keep = KEEP_NEWEST[kind]
    if keep is None:
        return removed
    same_kind = sorted(
        (path for path, found in backup_files(folder) if found is kind),
        key=lambda path: path.name,
        reverse=True,
    )
    for old in same_kind[keep:]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


def read_counts(path: Path, passphrase: str | None = None) -> BackupCounts:
    """Check that ``path`` is a signapp database and count what it holds."""
    passphrase = effective_passphrase(path, passphrase)
    try:
        with closing(checked_connection(path, passphrase)) as connection:
            counts = [
                connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("organisations", "contacts", "statements", "signons")
            ]
    except DATABASE_ERRORS as error:
        raise SignappError(
            _("{path} cannot be read ({error})").format(path=path, error=error)
        ) from None
    return BackupCounts(*counts)


def list_backups(
    db_path: Path, passphrase: str | None = None, *, read: bool = True
) -> list[BackupInfo]:
    """The backups of the database at ``db_path``, newest first, with their counts.

    A backup that cannot be read (damaged, or under another passphrase) is listed with
    the reason instead of counts. With ``read=False`` no file is opened (counts are
    None), for a list that shows at once and reads the counts afterwards.
    """
    infos = []
    for path, kind in backup_files(backups_folder(db_path)):
        try:
            stat = path.stat()
        except FileNotFoundError:  # pruned by another window meanwhile
            continue
        counts: BackupCounts | None = None
        problem = None
        try:
            counts = read_counts(path, passphrase) if read else None
        except SignappError as error:
            problem = error.message
        infos.append(
            BackupInfo(
                path=path,
                kind=kind,
                created_at=datetime.fromtimestamp(stat.st_mtime),
                size_bytes=stat.st_size,
                counts=counts,
                problem=problem,
            )
        )
    infos.sort(key=lambda info: (info.created_at, info.path.name), reverse=True)
    return infos


def restore_backup(db: Database, backup_path: Path, *, passphrase: str | None = None) -> Path:
    """Replace the contents of ``db`` with the backup at ``backup_path``.

    The current contents are first saved as a ``pre-restore`` backup, whose path is
    returned. The copy goes through SQLite's backup API into the open connection, so it
    is one atomic write: a crash leaves either the old or the restored contents, and
    other windows see the change. An older backup is upgraded after restoring.

    Args:
        passphrase: the passphrase of the backup when it is protected; by default the
            database's own, which is what its backups are protected with.
    """
    source_path = Path(backup_path)
    if not source_path.is_file():
        raise SignappError(_("{source_path}: no such backup file").format(source_path=source_path))
    db_path = _require_path(db, None)
    if source_path.resolve() == db_path.resolve():
        raise SignappError(
            _("{source_path} is the database itself, not a backup of it").format(
                source_path=source_path
            )
        )
    if passphrase is None:
        passphrase = passphrase_of(db)
    source_passphrase = effective_passphrase(source_path, passphrase)
    inspect_file(source_path, source_passphrase)
    if is_encrypted_file(source_path) != is_encrypted(db):
        mismatch = (
            _(
                "{source_path} is protected with a passphrase and the database is not; "
                "protect or unprotect the database first so that both match, then restore"
            )
            if is_encrypted_file(source_path)
            else _(
                "{source_path} is not protected with a passphrase and the database is; "
                "protect or unprotect the database first so that both match, then restore"
            )
        )
        raise SignappError(mismatch.format(source_path=source_path))
    saved = make_backup(db, BackupKind.PRE_RESTORE, db_path)
    with closing(connect_file(source_path, source_passphrase, read_only=True)) as source:
        try:
            source.backup(db.conn)  # type: ignore[arg-type]
        except DATABASE_ERRORS as error:
            raise SignappError(
                _(
                    "{source_path} could not be restored ({error}); the database is unchanged"
                ).format(source_path=source_path, error=error)
            ) from None
    db.execute("PRAGMA journal_mode = WAL")
    migrate(db, db_path)
    log.info("restored %s from %s; previous state saved as %s", db_path, source_path, saved)
    return saved


def moved_aside_name(db_path: Path) -> Path:
    """Where a database that cannot be opened is moved before a backup takes its place."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    candidate = db_path.with_name(f"{db_path.name}.unopenable-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = db_path.with_name(f"{db_path.name}.unopenable-{stamp}-{number}")
    return candidate


def restore_in_place_of(
    db_path: Path, backup_path: Path, *, passphrase: str | None = None
) -> Path | None:
    """Put the backup at ``backup_path`` in place of a database that cannot be opened
    (damaged, of another program, written by a newer signapp) or is missing.

    The current file is never deleted: it is renamed aside with its write-ahead log and
    index (``signapp.sqlite.unopenable-<date>``), and that path is returned (None when
    there was no file). The backup is copied beside the database and renamed into
    place, so a crash leaves either the old file or the restored one.
    """
    source_path = Path(backup_path)
    if not source_path.is_file():
        raise SignappError(_("{source_path}: no such backup file").format(source_path=source_path))
    if db_path.exists() and source_path.resolve() == db_path.resolve():
        raise SignappError(
            _("{source_path} is the database itself, not a backup of it").format(
                source_path=source_path
            )
        )
    source_passphrase = effective_passphrase(source_path, passphrase)
    inspect_file(source_path, source_passphrase)
    restored = db_path.with_name(f"{db_path.name}.restoring")
    restored.unlink(missing_ok=True)
    make_private_folder(db_path.parent)
    try:
        # Read-write: a protected copy is exported through an attached file.
        with closing(connect_file(source_path, source_passphrase, read_only=False)) as source:
            backup_database(Database(source), restored)
    except BaseException:
        restored.unlink(missing_ok=True)
        raise
    aside = None
    if db_path.exists():
        aside = moved_aside_name(db_path)
        for sidecar in ("-wal", "-shm", "-journal"):
            current = db_path.with_name(db_path.name + sidecar)
            if current.exists():
                current.replace(aside.with_name(aside.name + sidecar))
        db_path.replace(aside)
    restored.replace(db_path)
    log.info("restored %s from %s; the file that did not open is %s", db_path, source_path, aside)
    return aside
