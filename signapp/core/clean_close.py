"""Knowing that a database file is as signapp left it, so its open can skip a full check.

SQLite's quick check reads every page of the file: at 50,000 organisations that is
most of a tenth of a second, paid on every start of the app and every command. When
signapp closes a file cleanly (its write-ahead log folded in and removed), it notes
the file's size, modification time and inode in the backups folder beside it, with
the day the file was last checked in full. The next open, if it is on that day and
finds the file exactly so with no write-ahead log left over, knows nothing has
touched it since and skips the quick check; every open removes the note. A file
changed by anything else, a crash (which leaves the log behind), or the first open
of a day gets the full check, as the first open of a day also gets its backup.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

from signapp.core.backups import backups_folder
from signapp.core.private_files import make_private_folder

log = logging.getLogger("signapp.store")

STAMP_NAME = "last-clean-close.json"


def _stamp_path(db_path: Path) -> Path:
    return backups_folder(db_path) / STAMP_NAME


def _write_ahead_log(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def _file_state(db_path: Path) -> dict[str, int]:
    status = db_path.stat()
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns, "inode": status.st_ino}


def record_clean_close(db_path: Path, checked_on: date) -> None:
    """Note that signapp has just closed ``db_path`` cleanly, if it has, and that it
    was last checked in full on ``checked_on``.

    Nothing is noted while a write-ahead log remains (another connection still has
    the file open); a note that cannot be written only costs the next open a check.
    """
    if _write_ahead_log(db_path).exists() or not db_path.exists():
        return
    stamp = {"checked_on": checked_on.isoformat(), **_file_state(db_path)}
    path = _stamp_path(db_path)
    try:
        make_private_folder(path.parent)
        temporary = path.with_name(path.name + ".new")
        temporary.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        log.info("could not note the clean close of %s: %s", db_path, error)


def unchanged_since_clean_close(db_path: Path) -> bool:
    """Whether ``db_path`` is exactly as signapp closed it today."""
    if _write_ahead_log(db_path).exists():
        return False
    try:
        stamp = json.loads(_stamp_path(db_path).read_text(encoding="utf-8"))
        state = _file_state(db_path)
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("checked_on") != date.today().isoformat():
        return False
    return all(stamp.get(key) == value for key, value in state.items())


def forget_clean_close(db_path: Path) -> None:
    """Remove the note: the file is open, so what it says will no longer hold."""
    try:
        _stamp_path(db_path).unlink(missing_ok=True)
    except OSError as error:
        log.info("could not remove the clean-close note of %s: %s", db_path, error)
