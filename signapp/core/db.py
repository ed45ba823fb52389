"""Opening, migrating, checking and backing up the signapp database file."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from signapp.core.errors import (
    CorruptDatabase,
    DatabaseBusy,
    NotASignappDatabase,
    SchemaTooNew,
    SignappError,
    WrongPassphrase,
)
from signapp.core.schema import MIGRATION_STEPS, SCHEMA_VERSION, migration_set

log = logging.getLogger("signapp.store")

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0
DATABASE_FILENAME = "signapp.sqlite"

MigrationStep = Callable[[Database], None]


def default_database_path() -> Path:
    """Where the database lives unless ``--db`` says otherwise."""
    return Path(platformdirs.user_data_dir("signapp", appauthor=False)) / DATABASE_FILENAME


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_database(
    path: str | Path | None = None,
    *,
    passphrase: str | None = None,
    steps: Sequence[MigrationStep] = MIGRATION_STEPS,
) -> Database:
    """Open (creating or upgrading as needed) the signapp database at ``path``.

    An existing file is inspected read-only first: one that is not a signapp database,
    was written by a newer signapp, or fails SQLite's quick check is refused with a
    :class:`~signapp.core.errors.DatabaseOpenError` and left exactly as it was.
    """
    db_path = Path(path) if path is not None else default_database_path()
    if db_path.is_dir():
        raise NotASignappDatabase(f"{db_path} is a folder, not a signapp database file")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    exists = db_path.exists() and db_path.stat().st_size > 0
    if exists:
        _inspect_read_only(db_path, passphrase, len(steps))
    connection = _connect(db_path, passphrase, read_only=False)
    db = Database(connection)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db, db_path, steps)
    except sqlite3.OperationalError as error:
        db.close()
        raise busy_error(error) from None
    except BaseException:
        db.close()
        raise
    return db


def database_path(db: Database) -> Path | None:
    """The file behind ``db``, or None for an in-memory database."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def _connect(path: Path, passphrase: str | None, *, read_only: bool) -> sqlite3.Connection:
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    if passphrase is None:
        return sqlite3.connect(
            target, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
    import sqlcipher3  # type: ignore[import-not-found]  # only needed for protected files

    connection = sqlcipher3.connect(
        target, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    quoted = passphrase.replace("'", "''")
    connection.execute(f"PRAGMA key = '{quoted}'")
    return connection  # type: ignore[no-any-return]


def _inspect_read_only(path: Path, passphrase: str | None, known_version: int) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if passphrase is None and header != SQLITE_HEADER:
        raise NotASignappDatabase(
            f"{path} is not a signapp database (it is not an SQLite file, or it is "
            "protected with a passphrase)"
        )
    try:
        with closing(_connect(path, passphrase, read_only=True)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            application = None
            if "signapp_meta" in tables:
                found = connection.execute(
                    "SELECT value FROM signapp_meta WHERE key = 'application'"
                ).fetchone()
                application = found[0] if found else None
    except sqlite3.DatabaseError as error:
        message = str(error)
        if passphrase is not None and "not a database" in message:
            raise WrongPassphrase(f"The passphrase does not open {path}.") from None
        if "not a database" in message:
            raise NotASignappDatabase(f"{path} is not a signapp database ({message})") from None
        if "locked" in message or "busy" in message:
            raise busy_error(error) from None
        raise CorruptDatabase(f"{path} is damaged ({message}); restore it from a backup") from None
    if problems != ["ok"]:
        raise CorruptDatabase(
            f"{path} is damaged: {'; '.join(problems[:3])}; restore it from a backup"
        )
    if version > known_version:
        raise SchemaTooNew(
            f"{path} was written by a newer signapp (schema {version}, this version "
            f"understands up to {known_version}); update signapp to open it"
        )
    user_tables = {name for name in tables if not name.startswith("sqlite_")}
    if application != "signapp" and (version > 0 or user_tables):
        raise NotASignappDatabase(
            f"{path} is an SQLite database of another program, not of signapp"
        )


def _migrate(db: Database, path: Path, steps: Sequence[MigrationStep]) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version >= len(steps):
        return
    if version > 0:
        backup = path.with_name(f"{path.name}.before-schema-{len(steps)}-{_stamp()}.bak")
        backup_database(db, backup)
        log.info("backed up %s to %s before upgrading its schema", path, backup)
    migration_set(steps).apply(db)
    db.execute(f"PRAGMA user_version = {len(steps):d}")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_database(db: Database, destination: str | Path) -> Path:
    """Copy the whole database, consistently, to ``destination`` (SQLite backup API)."""
    target = Path(destination)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as copy:
        db.conn.backup(copy)
    partial.replace(target)
    return target


def check_database(db: Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign key checks; empty when sound."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        problems.append(f"schema generation is {version}, expected {SCHEMA_VERSION}")
    return problems


def busy_error(error: sqlite3.DatabaseError) -> SignappError:
    """Turn SQLite's lock errors into a message a person can act on."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return DatabaseBusy(
            "The database is busy: another signapp window or program is writing to it. "
            "Try again in a moment."
        )
    return SignappError(f"The database could not be used: {message}")


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One write transaction; nested uses become savepoints of the outer one.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a second process waits for
    the busy timeout instead of failing half way through.
    """
    connection = db.conn
    if connection.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise busy_error(error) from None
    try:
        yield db
    except BaseException:
        connection.rollback()
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.OperationalError as error:
        connection.rollback()
        raise busy_error(error) from None
