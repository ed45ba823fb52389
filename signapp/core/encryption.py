"""Protecting the database with a passphrase (SQLCipher), changing and removing it.

Every change rewrites the whole file: ``sqlcipher_export`` copies it into a new file
under the new passphrase (or none), the copy is checked, and only then renamed over
the old one. A crash at any point leaves the old file or the new one, never a mix.
The backups are rewritten the same way, so that they always carry the same
protection as the database: a protected database never leaves readable copies in its
backups folder.

Rewriting cannot scrub the old plain file's blocks from the disk; a list that must
never exist unprotected on a disk should be protected from the start.

The caller closes its own connection to the file first: SQLite's locks do not see a
connection of another SQLite library (sqlite3 vs sqlcipher3) in the same process.
"""

from __future__ import annotations

import glob
import logging
import os
import secrets
import sqlite3
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

from signapp.core.backups import backup_files, backups_folder, read_counts
from signapp.core.db import (
    DATABASE_ERRORS,
    checked_connection,
    connect_file,
    effective_passphrase,
    hold_exclusively,
    is_encrypted_file,
    open_database,
)
from signapp.core.errors import DatabaseBusy, SignappError, ValidationError
from signapp.core.open_files import has_open_connection
from signapp.core.private_files import create_private_file
from signapp.i18n import _

log = logging.getLogger("signapp.encryption")

MIN_PASSPHRASE_LENGTH = 8
_TEMP_SUFFIX = ".rewriting"


@dataclass
class ProtectionChange:
    """What a change of passphrase rewrote, and the backups it could not open."""

    database: Path
    protected: bool
    backups_rewritten: list[Path] = field(default_factory=list)
    backups_not_opened: list[Path] = field(default_factory=list)


def check_new_passphrase(passphrase: str) -> str:
    """Refuse a passphrase too short to protect anything."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            "passphrase",
            _("must be at least {count} characters long").format(count=MIN_PASSPHRASE_LENGTH),
        )
    if "\x00" in passphrase:
        raise ValidationError("passphrase", _("must not contain a NUL character"))
    return passphrase


Progress = Callable[[int, int], None]


def protect_database(
    path: Path,
    new_passphrase: str,
    *,
    current: str | None = None,
    progress: Progress | None = None,
) -> ProtectionChange:
    """Protect a plain database with ``new_passphrase``, or change the passphrase of a
    protected one (``current`` opens it). ``progress`` gets (files done, files)."""
    passphrase = check_new_passphrase(new_passphrase)
    return _change_passphrase(Path(path), current, passphrase, progress)


def unprotect_database(
    path: Path, current: str, *, progress: Progress | None = None
) -> ProtectionChange:
    """Remove the passphrase: the database and its backups become plain files."""
    return _change_passphrase(Path(path), current, None, progress)


def _change_passphrase(
    path: Path, current: str | None, new: str | None, progress: Progress | None
) -> ProtectionChange:
    if not path.is_file():
        raise SignappError(_("{path}: no such database file").format(path=path))
    current = effective_passphrase(path, current)
    if current is None and new is None:
        raise SignappError(
            _("{path} is not protected with a passphrase; nothing to remove").format(path=path)
        )
    # Opening checks the passphrase and the file, and upgrades an old schema first.
    open_database(path, passphrase=current, daily_backup=False).close()
    if has_open_connection(path):
        # SQLCipher is another SQLite library: its locks do not see this process's other
        # connections, and closing its file would drop theirs.
        raise DatabaseBusy(
            _(
                "{path} is still open in this window (work in the background?); wait for "
                "it to finish and try again"
            ).format(path=path)
        )
    with closing(connect_file(path, current, read_only=False, cipher=True)) as connection:
        hold_exclusively(connection, path, _("close it and try again"))
        _rewrite(connection, path, new)
    change = ProtectionChange(database=path, protected=new is not None)
    to_rewrite = sorted(backup for backup, _kind in backup_files(backups_folder(path)))
    if progress:
        progress(1, 1 + len(to_rewrite))
    for done, backup in enumerate(to_rewrite, start=2):
        try:
            _rewrite_file(backup, current, new)
        except SignappError as error:
            log.warning("backup %s was not rewritten: %s", backup, error.message)
            change.backups_not_opened.append(backup)
        else:
            change.backups_rewritten.append(backup)
        if progress:
            progress(done, 1 + len(to_rewrite))
    return change


def _rewrite(connection: sqlite3.Connection, path: Path, new: str | None) -> None:
    """Export the open database into a new file under ``new``, check it, rename it in."""
    for leftover in path.parent.glob(f"{glob.escape(path.name)}.*{_TEMP_SUFFIX}*"):
        leftover.unlink(missing_ok=True)
    temporary = path.with_name(f"{path.name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    counts = [
        connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("organisations", "contacts", "statements", "signons")
    ]
    try:
        create_private_file(temporary)
        connection.execute(
            "ATTACH DATABASE ? AS rewritten KEY ?", [str(temporary), new if new else ""]
        )
        try:
            connection.execute("SELECT sqlcipher_export('rewritten')")
            connection.execute(f"PRAGMA rewritten.user_version = {int(version):d}")
        finally:
            connection.execute("DETACH DATABASE rewritten")
        copied = read_counts(temporary, new)
        if [copied.organisations, copied.contacts, copied.statements, copied.signons] != counts:
            raise SignappError(
                _("The rewritten copy of {path} does not match it; nothing changed").format(
                    path=path
                )
            )
        _fsync(temporary)
        os.replace(temporary, path)
        _fsync(path.parent)
    except DATABASE_ERRORS as error:
        raise SignappError(
            _("{path} could not be rewritten ({error}); nothing changed").format(
                path=path, error=error
            )
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
    for sidecar in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + sidecar).unlink(missing_ok=True)


def _rewrite_file(path: Path, current: str | None, new: str | None) -> None:
    current = effective_passphrase(path, current)
    if current == new:
        return
    try:
        with closing(checked_connection(path, current, read_only=False, cipher=True)) as connection:
            _rewrite(connection, path, new)
    except DATABASE_ERRORS as error:
        raise SignappError(
            _("{path} cannot be read ({error})").format(path=path, error=error)
        ) from None


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY
    if path.is_dir():
        flags |= getattr(os, "O_DIRECTORY", 0)
    with suppress(OSError):
        descriptor = os.open(path, flags)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def finish_interrupted_change(db_path: Path, passphrase: str | None) -> list[Path]:
    """Leave no readable copy of a protected database behind a change that was stopped.

    Called at every open. A change killed part way can leave a temporary rewritten
    copy (removed here: the database is always whole without it) and, after a
    protected database, backups not yet rewritten: those are protected now with the
    database's passphrase, or deleted when they cannot be. Returns the files dealt with.
    """
    folder = backups_folder(db_path)
    leftovers = list(db_path.parent.glob(f"{glob.escape(db_path.name)}.*{_TEMP_SUFFIX}*"))
    if folder.is_dir():
        leftovers += folder.glob(f"*{_TEMP_SUFFIX}*")
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
        log.warning("removed %s, left by a change of passphrase that was stopped", leftover)
    if passphrase is None:
        return leftovers
    readable = [backup for backup, _kind in backup_files(folder) if not _is_protected_file(backup)]
    for backup in readable:
        try:
            _rewrite_file(backup, None, passphrase)
        except SignappError as error:
            backup.unlink(missing_ok=True)
            log.warning("deleted %s: unprotected and could not be protected (%s)", backup, error)
        else:
            log.warning("protected %s, left readable by a change that was stopped", backup)
    return leftovers + readable


def _is_protected_file(path: Path) -> bool:
    try:
        return is_encrypted_file(path)
    except OSError:
        return True  # gone meanwhile: nothing readable left
