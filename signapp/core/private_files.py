"""Files and folders that only their owner may read, whatever the umask.

The database, its write-ahead log and index, its backups and the reports of imports
hold the contacts of people who may be at risk: they are created readable and
writable by their owner alone (0600), in folders only the owner can enter (0700).
SQLite gives a database's ``-wal`` and ``-shm`` the permissions of the database file,
so creating the file so is enough for those. Public exports (PDF, CSV) are not
private and keep the usual permissions.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("signapp.store")

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents, each only for the owner; a folder
    that exists already is left as it is (it may be the user's own, shared one)."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by another window
        os.chmod(created, PRIVATE_FOLDER_MODE)  # mkdir's mode passes through the umask


def create_private_file(path: Path) -> None:
    """Create ``path`` empty, for the owner only; raises FileExistsError if it exists.

    Used before SQLite or another writer fills it, so that it is never readable by
    others, even for a moment. Only for files no connection of this process has open.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)


def keep_to_owner(path: Path) -> None:
    """Take the group's and others' permissions away from an existing file or folder
    (one made by an older signapp); the owner's own are left, read-only included."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)
    except OSError as error:  # not ours, or gone: nothing more to do
        log.info("could not restrict %s: %s", path, error)
