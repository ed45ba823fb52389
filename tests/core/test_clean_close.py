"""The full check at open is skipped only for a file exactly as signapp closed it today."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from signapp.core import organisations
from signapp.core.clean_close import record_clean_close, unchanged_since_clean_close
from signapp.core.db import close_database, open_database
from signapp.core.errors import CorruptDatabase

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGE_SIZE = 4096


def _fill(db_path: Path) -> None:
    db = open_database(db_path)
    for number in range(400):
        organisations.add_organisation(db, f"Organisation {number}", notes="x" * 200)
    close_database(db)


def _damage_in_place(db_path: Path, *, keep_modification_time: bool) -> None:
    """Wipe pages of organisation rows, past the schema, writing into the same inode."""
    before = db_path.stat()
    with db_path.open("r+b") as handle:
        handle.seek(before.st_size // PAGE_SIZE // 2 * PAGE_SIZE)
        handle.write(b"\xa5" * PAGE_SIZE * 3)
    if keep_modification_time:
        os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_file_changed_after_a_clean_close_is_checked_in_full(db_path: Path) -> None:
    _fill(db_path)
    assert unchanged_since_clean_close(db_path)
    _damage_in_place(db_path, keep_modification_time=False)

    assert not unchanged_since_clean_close(db_path)
    with pytest.raises(CorruptDatabase, match="damaged"):
        open_database(db_path)


def test_a_file_as_signapp_closed_it_today_opens_without_the_full_check(db_path: Path) -> None:
    _fill(db_path)
    # Damage that leaves size, inode and modification time as they were cannot be seen
    # without reading every page: that it goes unnoticed shows the read was skipped.
    _damage_in_place(db_path, keep_modification_time=True)

    open_database(db_path, daily_backup=False).close()  # a plain close notes nothing

    assert not unchanged_since_clean_close(db_path)  # the open removed the note
    with pytest.raises(CorruptDatabase, match="damaged"):
        open_database(db_path)


def test_a_clean_close_noted_on_another_day_is_not_trusted(db_path: Path) -> None:
    _fill(db_path)
    record_clean_close(db_path, date.today() - timedelta(days=1))
    _damage_in_place(db_path, keep_modification_time=True)

    assert not unchanged_since_clean_close(db_path)
    with pytest.raises(CorruptDatabase, match="damaged"):
        open_database(db_path)


def test_a_write_ahead_log_left_behind_means_a_full_check(db_path: Path) -> None:
    _fill(db_path)
    Path(f"{db_path}-wal").write_bytes(b"")  # what a crash leaves beside the file

    assert not unchanged_since_clean_close(db_path)


def test_nothing_is_noted_while_another_connection_holds_the_file(db_path: Path) -> None:
    _fill(db_path)
    first = open_database(db_path)
    second = open_database(db_path)
    close_database(second)
    assert not unchanged_since_clean_close(db_path)  # the first still has its log open
    close_database(first)
    assert unchanged_since_clean_close(db_path)


def test_a_command_line_run_notes_its_clean_close(db_path: Path) -> None:
    _fill(db_path)
    open_database(db_path).close()  # removes the note
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run(
        [sys.executable, "-m", "signapp", "--db", str(db_path), "org", "list"],
        env=environment,
        check=True,
        capture_output=True,
    )
    assert unchanged_since_clean_close(db_path)
