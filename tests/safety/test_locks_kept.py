"""Nothing signapp does in a process drops the SQLite locks that process holds.

If it did, the next process to close the file would take it for unused and delete
the write-ahead log that this process's connection still writes to.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import organisations
from signapp.core.db import (
    inspect_file,
    is_encrypted_file,
    open_database,
    passphrase_of,
    reopen_database,
)

PASSPHRASE = "correct horse battery"

_OPEN_AND_CLOSE = """
import sys
from signapp.core.db import open_database
open_database(sys.argv[1], passphrase=sys.argv[2] or None, daily_backup=False).close()
"""


def _open_and_close_elsewhere(db_path: Path, passphrase: str | None) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run(
        [sys.executable, "-c", _OPEN_AND_CLOSE, str(db_path), passphrase or ""],
        check=True,
        env=env,
        timeout=60,
    )


def _deleted_descriptors(db_path: Path) -> list[str]:
    found = []
    for entry in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(entry)
        except OSError:
            continue
        if target.startswith(str(db_path)) and target.endswith("(deleted)"):
            found.append(target)
    return found


def _worker_connection(db: Database) -> None:
    reopen_database(db).close()


def _header_read(db: Database) -> None:
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    is_encrypted_file(path)
    inspect_file(path, passphrase_of(db), full_check=False)


def _second_window(db: Database) -> None:
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    open_database(path, passphrase=passphrase_of(db), daily_backup=False).close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("passphrase", [None, PASSPHRASE], ids=["plain", "protected"])
@pytest.mark.parametrize(
    "operation",
    [_worker_connection, _header_read, _second_window],
    ids=["worker connection", "header read", "second window"],
)
def test_another_process_closing_the_file_leaves_this_ones_log_in_place(
    db_path: Path, passphrase: str | None, operation: Callable[[Database], None]
) -> None:
    db = open_database(db_path, passphrase=passphrase, daily_backup=False)
    organisations.add_organisation(db, "Before The Other Process")
    operation(db)
    _open_and_close_elsewhere(db_path, passphrase)
    assert _deleted_descriptors(db_path) == []
    org_id = organisations.add_organisation(db, "After The Other Process")
    db.close()
    reopened = open_database(db_path, passphrase=passphrase, daily_backup=False)
    assert organisations.get_organisation(reopened, org_id).name == "After The Other Process"
    reopened.close()


def test_a_passphrase_change_waits_for_this_process_s_other_connections(db_path: Path) -> None:
    from signapp.core.encryption import protect_database
    from signapp.core.errors import DatabaseBusy

    open_database(db_path).close()
    worker = open_database(db_path, daily_backup=False)  # a background task's connection
    with pytest.raises(DatabaseBusy, match="still open in this window"):
        protect_database(db_path, "a long enough passphrase")
    assert not is_encrypted_file(db_path)
    worker.close()
    protect_database(db_path, "a long enough passphrase")
    assert is_encrypted_file(db_path)
