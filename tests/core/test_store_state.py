"""What this process knows about an open database travels with its connection."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from signapp.core import clean_close
from signapp.core.db import (
    Store,
    close_database,
    open_database,
    passphrase_of,
    reopen_database,
)


def test_a_worker_connection_opens_with_the_passphrase_of_the_first(tmp_path: Path) -> None:
    path = tmp_path / "protected.sqlite"
    first = open_database(path, passphrase="river defenders 2026")
    try:
        assert isinstance(first, Store) and first.passphrase == "river defenders 2026"
        worker = reopen_database(first)
        try:
            assert passphrase_of(worker) == "river defenders 2026"
            assert worker.execute("SELECT count(*) FROM statements").fetchone() == (0,)
        finally:
            close_database(worker)
    finally:
        close_database(first)
    assert passphrase_of(Database(memory=True)) is None


def test_closing_the_checked_connection_notes_the_clean_close(tmp_path: Path) -> None:
    path = tmp_path / "signapp.sqlite"
    close_database(open_database(path))  # created: nothing to trust yet
    db = open_database(path)
    assert db.checked_on is not None and db.checked_on[0] == path
    worker = reopen_database(db)
    assert worker.checked_on is None  # opened without a check of its own
    close_database(worker)
    assert not clean_close.unchanged_since_clean_close(path)
    close_database(db)
    assert clean_close.unchanged_since_clean_close(path)
