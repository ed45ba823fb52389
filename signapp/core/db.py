"""Opening, migrating, checking and backing up the signapp database file."""

from __future__ import annotations

import glob
import logging
import os
import secrets
import shlex
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlite_utils import Database

from signapp.core.errors import (
    CorruptDatabase,
    DatabaseBusy,
    DatabaseOpenError,
    MissingDatabase,
    NotASignappDatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    SignappError,
    WrongPassphrase,
)
from signapp.core.open_files import TrackedConnection, known_protection, remember
from signapp.core.private_files import create_private_file, keep_to_owner, make_private_folder
from signapp.core.schema import MIGRATION_STEPS, SCHEMA_VERSION, migration_set
from signapp.i18n import _

try:  # SQLCipher, for databases protected with a passphrase
    import sqlcipher3  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - it is a dependency; plain files still work
    sqlcipher3 = None

if sqlcipher3 is not None:

    class TrackedCipherConnection(sqlcipher3.Connection):  # type: ignore[misc]
        """A SQLCipher connection that can be referred to weakly (see open_files)."""


log = logging.getLogger("signapp.store")

# sqlcipher3 has its own exception classes, unrelated to sqlite3's: catch both.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + (
    (sqlcipher3.DatabaseError,) if sqlcipher3 is not None else ()
)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (sqlcipher3.OperationalError,) if sqlcipher3 is not None else ()
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0
DATABASE_FILENAME = "signapp.sqlite"

MigrationStep = Callable[[Database], None]


class PassphraseRequired(WrongPassphrase):
    """The file looks protected with a passphrase and none was given."""


def default_database_path() -> Path:
    """Where the database lives unless ``--db`` says otherwise."""
    return Path(platformdirs.user_data_dir("signapp", appauthor=False)) / DATABASE_FILENAME


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store(Database):
    """A connection to a signapp database file, with what this process knows about it.

    What :func:`open_database` learnt travels with the connection it returns, to every
    constructor it is passed to, instead of living in module-level tables:

    Attributes:
        passphrase: the passphrase it was opened with (None for a plain file), so that a
            worker thread's connection or a backup opens without asking again.
        checked_on: the file and the day it was checked in full (or trusted after a
            clean close that day); on closing, :func:`close_database` notes a clean
            close so that the next open today can skip the check.
    """

    def __init__(self, connection: Any, *, passphrase: str | None = None) -> None:
        super().__init__(connection)
        self.passphrase = passphrase
        self.checked_on: tuple[Path, date] | None = None


def open_database(
    path: str | Path | None = None,
    *,
    passphrase: str | None = None,
    steps: Sequence[MigrationStep] = MIGRATION_STEPS,
    daily_backup: bool = True,
    full_check: bool = True,
    create: bool = True,
) -> Store:
    """Open (creating or upgrading as needed) the signapp database at ``path``.

    An existing file is inspected first, with reads only (on a read-only connection,
    or for a protected file on the connection that will be used, to derive its key
    once): one that is not a signapp database, was written by a newer signapp, fails
    SQLite's quick check or does not open with the passphrase is refused with a
    :class:`~signapp.core.errors.DatabaseOpenError` and left exactly as it was. The
    quick check, which reads the whole file, is skipped for a file unchanged since
    signapp closed it cleanly today (see :mod:`signapp.core.clean_close`).

    Args:
        passphrase: opens a file protected with SQLCipher, or creates a new file
            protected with it. Given for a plain existing file, it is not needed and
            is ignored.
        daily_backup: on the first open of a day, copy the existing file into its
            backups folder first (see :mod:`signapp.core.backups`).
        full_check: False skips the quick check, for another connection to a file
            this process has already opened (and so checked).
        create: False refuses a missing file (a mistyped path must not become a new
            empty database). An empty file is refused either way when backups of it
            exist: it is a lost database, not a new one.
    """
    from signapp.core import backups, clean_close, encryption  # they build on this module

    db_path = Path(path) if path is not None else default_database_path()
    if db_path.is_dir():
        raise NotASignappDatabase(
            _("{db_path} is a folder, not a signapp database file").format(db_path=db_path)
        )
    exists = _refuse_missing_or_empty(db_path, create=create)
    if exists and is_read_only(db_path):
        return _open_read_only(db_path, passphrase, len(steps), full_check=full_check)
    _make_private(db_path)
    trusted = exists and clean_close.unchanged_since_clean_close(db_path)
    full_check = full_check and not trusted
    if exists and passphrase is not None and effective_passphrase(db_path, passphrase) is None:
        log.info("%s is not protected with a passphrase; opening it without one", db_path)
        passphrase = None
    if exists and passphrase is not None:  # one key derivation, not two
        connection = checked_connection(
            db_path, passphrase, len(steps), read_only=False, full_check=full_check
        )
    else:
        if exists:
            inspect_file(db_path, passphrase, len(steps), full_check=full_check)
        connection = connect_file(db_path, passphrase, read_only=False)
    db = Store(connection, passphrase=passphrase)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db, db_path, steps)
        if exists:
            encryption.finish_interrupted_change(db_path, passphrase)
        if exists and daily_backup:
            backups.make_daily_backup_if_due(db, db_path)
    except OPERATIONAL_ERRORS as error:
        db.close()
        raise busy_error(error) from None
    except BaseException:
        db.close()
        raise
    if full_check or trusted:
        clean_close.forget_clean_close(db_path)
        db.checked_on = (db_path, date.today())
    return db


def is_read_only(db_path: Path) -> bool:
    """Whether signapp must not write to the database at ``db_path``: the file or its
    folder cannot be written to, or has its write permissions taken away (meant to
    stay as it is, even for an administrator who could write anyway)."""
    for target in (db_path, db_path.parent):
        try:
            writable = os.access(target, os.W_OK) and bool(target.stat().st_mode & 0o222)
        except OSError:
            return True
        if not writable:
            return True
    return False


def _open_read_only(
    db_path: Path, passphrase: str | None, known_version: int, *, full_check: bool
) -> Store:
    """A read-only connection to a file that cannot be written to: commands that only
    read work; writes are refused saying why. Nothing is created beside the file: no
    log, no index (the file is read as it is, when no other program has a log open
    on it), no backups folder."""
    if passphrase is not None and effective_passphrase(db_path, passphrase) is None:
        passphrase = None
    connection = checked_connection(
        db_path,
        passphrase,
        known_version,
        full_check=full_check,
        immutable=not _log_files(db_path),
    )
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version < known_version:
        connection.close()
        raise DatabaseOpenError(
            _(
                "{db_path} is read-only, and was written by an older signapp: it must be upgraded before it can be read. Make it writable (or copy it to a folder you can write to) and open it once."
            ).format(db_path=db_path)
        )
    db = Store(connection, passphrase=passphrase)
    db.execute("PRAGMA foreign_keys = ON")
    log.info("%s cannot be written to; opened read-only", db_path)
    return db


def read_only_error(db: Database) -> ReadOnlyDatabase:
    """What to say when a write meets a database that cannot be written to."""
    path = database_path(db)
    advice = _("Make it writable, or copy it to a folder you can write to, to change it.")
    if path is None:
        problem = _(
            "The database is read-only (the file or its folder cannot be written to); "
            "nothing was changed."
        )
    else:
        problem = _(
            "{path} is read-only (the file or its folder cannot be written to); nothing was "
            "changed."
        ).format(path=path)
    return ReadOnlyDatabase(f"{problem} {advice}")


def _is_read_only_error(error: Exception) -> bool:
    return "readonly database" in str(error)


def _make_private(db_path: Path) -> None:
    """A new database file (and any folder made for it) only for its owner; an older
    writable one loses the group's and others' permissions. Its ``-wal`` and ``-shm``
    get the file's own permissions from SQLite."""
    make_private_folder(db_path.parent)
    try:
        create_private_file(db_path)
    except FileExistsError:
        if os.access(db_path, os.W_OK):
            for path in (db_path, *_log_files(db_path)):
                keep_to_owner(path)
    except OSError as error:
        raise DatabaseOpenError(
            _("{db_path} cannot be created ({strerror})").format(
                db_path=db_path, strerror=error.strerror
            )
        ) from None


def _refuse_missing_or_empty(db_path: Path, *, create: bool) -> bool:
    """Whether ``db_path`` holds a database; refuses what must not be created over."""
    from signapp.core import backups  # it builds on this module

    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        size = None
    except OSError as error:
        raise DatabaseOpenError(
            _("{db_path} cannot be read ({strerror})").format(
                db_path=db_path, strerror=error.strerror
            )
        ) from None
    if size:
        return True
    if size == 0:
        newest = backups.newest_backup(db_path)
        if newest is not None:
            raise MissingDatabase(
                _(
                    "{db_path} is empty (0 bytes), but its backups hold data; restore the newest one with: signapp --db {db_arg} restore {backup_arg}"
                ).format(
                    db_path=db_path,
                    db_arg=shlex.quote(str(db_path)),
                    backup_arg=shlex.quote(str(newest)),
                )
            )
    if not create:
        problem = (
            _(
                "{db_path} is empty (0 bytes); check the path, or create a new database there "
                "with: signapp --db {db_arg} init"
            )
            if size == 0
            else _(
                "{db_path} does not exist; check the path, or create a new database there "
                "with: signapp --db {db_arg} init"
            )
        )
        raise MissingDatabase(problem.format(db_path=db_path, db_arg=shlex.quote(str(db_path))))
    return False


def close_database(db: Database) -> None:
    """Close ``db``; when it was the last connection to its file, note the clean close
    so that the next open today can skip the full check."""
    from signapp.core import clean_close  # it builds on this module

    checked = db.checked_on if isinstance(db, Store) else None
    if isinstance(db, Store):
        db.checked_on = None
    db.close()
    if checked is not None:
        clean_close.record_clean_close(*checked)


def passphrase_of(db: Database) -> str | None:
    """The passphrase ``db`` was opened with, or None for a plain database."""
    return db.passphrase if isinstance(db, Store) else None


def reopen_database(db: Database) -> Store:
    """Another connection to the file behind ``db``, with the same passphrase.

    For worker threads: SQLite connections belong to the thread that made them.
    """
    path = database_path(db)
    if path is None:
        raise SignappError(_("An in-memory database cannot be opened again"))
    return open_database(
        path, passphrase=passphrase_of(db), daily_backup=False, full_check=False, create=False
    )


def read_header(path: Path) -> bytes:
    """The first 16 bytes of ``path``, read without closing a descriptor of a file this
    process has a connection to (that would drop SQLite's locks: see open_files).

    For such a file, the header is what the connection knows: SQLite's own for a
    plain file, a stand-in that is not SQLite's for a protected one.
    """
    protected = known_protection(path)
    if protected is not None:
        return PROTECTED_HEADER if protected else SQLITE_HEADER
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


# Stands for the first bytes of a protected file, which are random.
PROTECTED_HEADER = b"(protected file)"


def is_encrypted_file(path: Path) -> bool:
    """Whether a non-empty file lacks the plain SQLite header (so may be SQLCipher)."""
    header = read_header(path)
    return bool(header) and header != SQLITE_HEADER


def effective_passphrase(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open ``path`` with: none for a plain existing file."""
    if passphrase is not None and path.exists() and not is_encrypted_file(path):
        return None
    return passphrase


def is_encrypted(db: Database) -> bool:
    """Whether ``db`` is a SQLCipher connection (protected with a passphrase)."""
    return sqlcipher3 is not None and isinstance(db.conn, sqlcipher3.Connection)


def database_path(db: Database) -> Path | None:
    """The file behind ``db``, or None for an in-memory database."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def connect_file(
    path: Path,
    passphrase: str | None,
    *,
    read_only: bool,
    cipher: bool = False,
    immutable: bool = False,
) -> sqlite3.Connection:
    """A connection to ``path``: SQLCipher when there is a passphrase (or ``cipher``,
    which needs SQLCipher's export even for a plain file), else the standard sqlite3.

    ``immutable`` (with ``read_only``) reads the file as it is, taking no locks and
    creating no log beside it: only for a file nothing else is writing to.
    """
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    if read_only and immutable:
        target += "&immutable=1"
    if passphrase is None and not cipher:
        plain = sqlite3.connect(
            target,
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
            check_same_thread=False,
            factory=TrackedConnection,
        )
        remember(path, plain, protected=False)
        return plain
    if sqlcipher3 is None:  # pragma: no cover - it is a dependency
        raise DatabaseOpenError(
            _("Opening a database protected with a passphrase needs the sqlcipher3 package")
        )
    connection = sqlcipher3.connect(
        target,
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        check_same_thread=False,
        factory=TrackedCipherConnection,
    )
    remember(path, connection, protected=passphrase is not None)
    # SQLCipher would otherwise print decryption failures on stderr.
    connection.execute("PRAGMA cipher_log_level = NONE")
    if passphrase is not None:
        connection.execute(f"PRAGMA key = {quote_passphrase(passphrase)}")
    return connection  # type: ignore[no-any-return]


def quote_passphrase(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no parameters)."""
    if not passphrase or "\x00" in passphrase:
        raise WrongPassphrase(_("A passphrase must not be empty or contain a NUL character."))
    return "'" + passphrase.replace("'", "''") + "'"


def inspect_file(
    path: Path,
    passphrase: str | None,
    known_version: int = SCHEMA_VERSION,
    *,
    full_check: bool = True,
) -> None:
    """Refuse, read-only, a file that is not a sound signapp database this version reads.

    ``full_check`` False leaves out SQLite's quick check, which reads the whole file.
    """
    checked_connection(path, passphrase, known_version, full_check=full_check).close()


def checked_connection(
    path: Path,
    passphrase: str | None,
    known_version: int = SCHEMA_VERSION,
    *,
    read_only: bool = True,
    cipher: bool = False,
    full_check: bool = True,
    immutable: bool = False,
) -> sqlite3.Connection:
    """A connection to ``path`` once it has passed the checks of :func:`inspect_file`.

    One connection serves the checks and the work after them: opening a protected
    file derives its key, which takes a noticeable fraction of a second each time.
    The checks only read, so even a writable connection leaves a refused file as it
    was. The caller closes the connection.
    """
    try:
        header = read_header(path)
    except IsADirectoryError:
        raise NotASignappDatabase(
            _("{path} is a folder, not a signapp database file").format(path=path)
        ) from None
    except FileNotFoundError:
        raise DatabaseOpenError(_("{path} does not exist").format(path=path)) from None
    except OSError as error:
        raise DatabaseOpenError(
            _("{path} cannot be read ({strerror})").format(path=path, strerror=error.strerror)
        ) from None
    if passphrase is None and header != SQLITE_HEADER:
        if _looks_like_sqlcipher(path):
            raise PassphraseRequired(
                f"{path} is protected with a passphrase (or is not a signapp database); "
                "give the passphrase to open it"
            )
        raise NotASignappDatabase(
            _("{path} is not a signapp database (not an SQLite file)").format(path=path)
        )
    log_files_before = _log_files(path)
    try:
        return _checked(path, passphrase, known_version, read_only, cipher, full_check, immutable)
    except BaseException:
        _remove_log_files_made_by_refusal(path, log_files_before)
        raise


def _log_files(path: Path) -> set[Path]:
    """The write-ahead log and its index beside ``path``, those that exist."""
    candidates = (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    return {candidate for candidate in candidates if candidate.exists()}


def _remove_log_files_made_by_refusal(path: Path, existing_before: set[Path]) -> None:
    """A refused file is left as it was: without the empty log and index that merely
    reading a write-ahead-log database creates beside it."""
    wal = path.with_name(path.name + "-wal")
    if wal in existing_before or (wal.exists() and wal.stat().st_size > 0):
        return
    for made in _log_files(path) - existing_before:
        try:
            made.unlink()
        except OSError:
            log.info("could not remove %s", made)


def _checked(
    path: Path,
    passphrase: str | None,
    known_version: int,
    read_only: bool,
    cipher: bool,
    full_check: bool,
    immutable: bool = False,
) -> sqlite3.Connection:
    connection = connect_file(
        path, passphrase, read_only=read_only, cipher=cipher, immutable=immutable
    )
    try:
        _check(connection, path, passphrase, known_version, full_check, read_only)
    except _LogNeedsRecovery:
        # A program stopped mid-write left its write-ahead log to be folded back in,
        # which a read-only connection cannot do. Recovery rebuilds the log's index
        # (the -shm file) and leaves the database file itself as it is.
        connection.close()
        connection = connect_file(path, passphrase, read_only=False, cipher=cipher)
        try:
            _check(connection, path, passphrase, known_version, full_check, False)
        except BaseException:
            connection.close()
            raise
    except BaseException:
        connection.close()
        raise
    return connection


class _LogNeedsRecovery(Exception):
    """The write-ahead log must be recovered before a read-only connection can read."""


def _check(
    connection: sqlite3.Connection,
    path: Path,
    passphrase: str | None,
    known_version: int,
    full_check: bool,
    read_only: bool,
) -> None:
    try:
        problems = (
            [row[0] for row in connection.execute("PRAGMA quick_check")] if full_check else ["ok"]
        )
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
    except DATABASE_ERRORS as error:
        message = str(error)
        if passphrase is not None and "not a database" in message:
            raise WrongPassphrase(
                _(
                    "The passphrase does not open {path}. Check it and try again (letters are case-sensitive); without the right passphrase the data cannot be recovered."
                ).format(path=path)
            ) from None
        if "not a database" in message:
            raise NotASignappDatabase(
                _("{path} is not a signapp database ({message})").format(path=path, message=message)
            ) from None
        if "locked" in message or "busy" in message:
            raise busy_error(error) from None
        if read_only and "readonly database" in message:
            raise _LogNeedsRecovery() from None
        raise CorruptDatabase(
            _("{path} is damaged ({message}); restore it from a backup").format(
                path=path, message=message
            )
        ) from None
    if problems != ["ok"]:
        raise CorruptDatabase(
            _("{path} is damaged: {problems}; restore it from a backup").format(
                path=path, problems="; ".join(problems[:3])
            )
        )
    if version > known_version:
        raise SchemaTooNew(
            _(
                "{path} was written by a newer signapp (schema {version}, this version understands up to {known_version}); update signapp to open it"
            ).format(path=path, version=version, known_version=known_version)
        )
    user_tables = {name for name in tables if not name.startswith("sqlite_")}
    if application != "signapp" and (version > 0 or user_tables):
        raise NotASignappDatabase(
            _("{path} is an SQLite database of another program, not of signapp").format(path=path)
        )


def _looks_like_sqlcipher(path: Path) -> bool:
    """SQLCipher files are whole pages of what looks like noise; a text file is not."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0


def migrate(
    db: Database,
    path: Path,
    steps: Sequence[MigrationStep] = MIGRATION_STEPS,
    *,
    back_up: bool = True,
) -> None:
    """Bring ``db`` to the newest schema, backing it up first if it held data (unless
    ``back_up`` is False: for a file that is itself a backup)."""
    from signapp.core import backups  # backups builds on this module

    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version >= len(steps):
        return
    if version > 0 and back_up:
        backup = backups.make_backup(db, backups.BackupKind.PRE_MIGRATION, path)
        log.info("backed up %s to %s before upgrading its schema", path, backup)
    # Off while the steps run: a step that rebuilds a table drops the old one, which
    # would otherwise delete every row that refers to it.
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        migration_set(steps).apply(db)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # only rows broken before: nothing cascades while the keys are off
            log.warning("%s: %d rows point to missing rows (see check)", path, len(broken))
    finally:
        db.execute(f"PRAGMA foreign_keys = {int(foreign_keys):d}")
    db.execute(f"PRAGMA user_version = {len(steps):d}")


def backup_database(db: Database, destination: str | Path) -> Path:
    """Copy the whole database, consistently, to ``destination``.

    A plain database is copied with SQLite's backup API. A protected one is exported
    with ``sqlcipher_export`` into a file under the same passphrase (an attached
    database without its own key takes the key of the main one), so a copy of a
    protected database is never readable without the passphrase. The copy is written
    beside ``destination`` and renamed into place, so a crash leaves no half file.
    """
    target = Path(destination)
    # Unique, so that two windows backing up at the same moment do not collide.
    partial = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        make_private_folder(target.parent)
        _remove_stale_partials(target)
        create_private_file(partial)
        if is_encrypted(db):
            _export_encrypted_copy(db, partial)
        else:
            with closing(sqlite3.connect(partial)) as copy:
                db.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
        partial.replace(target)
    except OSError as error:
        _remove_quietly(partial)
        raise SignappError(
            _("The backup {target} could not be written ({reason})").format(
                target=target, reason=error.strerror or error
            )
        ) from None
    except DATABASE_ERRORS as error:
        _remove_quietly(partial)
        if "locked" in str(error) or "busy" in str(error):
            raise busy_error(error) from None
        raise SignappError(
            _("The backup {target} could not be written ({error})").format(
                target=target, error=error
            )
        ) from None
    except BaseException:
        _remove_quietly(partial)
        raise
    return target


# Older than this, a partial copy is what a killed backup left: no backup takes so long.
STALE_PARTIAL_SECONDS = 3600


def _remove_stale_partials(target: Path) -> None:
    """Remove the partial copies a killed backup to ``target`` left beside it."""
    now = time.time()
    for leftover in target.parent.glob(f"{glob.escape(target.name)}.*.partial"):
        try:
            if now - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove %s", path)


def _export_encrypted_copy(db: Database, partial: Path) -> None:
    if db.conn.in_transaction:
        raise SignappError(_("A protected database cannot be copied inside a transaction"))
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.conn.execute("ATTACH DATABASE ? AS signapp_copy", [str(partial)])
    try:
        db.conn.execute("SELECT sqlcipher_export('signapp_copy')")
        db.conn.execute(f"PRAGMA signapp_copy.user_version = {int(version):d}")
    finally:
        db.conn.execute("DETACH DATABASE signapp_copy")


def check_database(db: Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign key checks; empty when sound."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _constraint in db.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        problems.append(f"schema generation is {version}, expected {SCHEMA_VERSION}")
    return problems


def hold_exclusively(connection: sqlite3.Connection, path: Path, refusal: str) -> None:
    """Make sure no other window or program has the file open, and keep it that way
    until the connection closes or goes back to the normal locking mode.

    Leaving WAL mode needs the only connection to the file; the exclusive locking
    mode then keeps others out. ``refusal`` ends the message when another has it open.
    """
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode == "delete":
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
    except DATABASE_ERRORS:
        mode = None
    if mode != "delete":
        raise DatabaseBusy(
            _("{path} is open in another signapp window or program; {refusal}").format(
                path=path, refusal=refusal
            )
        )


def busy_error(error: Exception) -> SignappError:
    """Turn SQLite's lock errors into a message a person can act on."""
    message = str(error)
    if "readonly database" in message:
        return ReadOnlyDatabase(
            _(
                "The database is read-only (its file or folder cannot be written to); nothing "
                "was changed."
            )
        )
    if "locked" in message or "busy" in message:
        return DatabaseBusy(
            _(
                "The database is busy: another signapp window or program is writing to it. "
                "Try again in a moment."
            )
        )
    return SignappError(_("The database could not be used: {message}").format(message=message))


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
    except OPERATIONAL_ERRORS as error:
        raise busy_error(error) from None
    try:
        yield db
    except OPERATIONAL_ERRORS as error:
        connection.rollback()
        if _is_read_only_error(error):
            raise read_only_error(db) from None
        raise
    except BaseException:
        connection.rollback()
        raise
    try:
        connection.execute("COMMIT")
    except OPERATIONAL_ERRORS as error:
        connection.rollback()
        raise busy_error(error) from None
