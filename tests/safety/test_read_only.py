"""A database that cannot be written to is read, said to be read-only when a write is
tried, and left exactly as it was: no log, no index, no backups folder beside it.
Files refused as damaged, newer or another program's get nothing beside them either."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import organisations
from signapp.core.backups import backups_folder
from signapp.core.db import open_database


def _sidecars(db_path: Path) -> list[str]:
    return sorted(path.name for path in db_path.parent.iterdir() if path != db_path)


def _file_read_only(db_path: Path) -> None:
    os.chmod(db_path, 0o444)


def _folder_read_only(db_path: Path) -> None:
    os.chmod(db_path.parent, 0o555)


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "shared"
    folder.mkdir()
    db_path = folder / "signapp.sqlite"
    db = open_database(db_path)
    organisations.add_organisation(db, "Read Only Readers Club")
    db.close()
    yield db_path
    os.chmod(folder, 0o755)
    os.chmod(db_path, 0o644)


@pytest.mark.parametrize(
    "make_read_only", [_file_read_only, _folder_read_only], ids=["file", "folder"]
)
def test_reading_works_and_writing_says_read_only(
    made: Path, make_read_only: Callable[[Path], None], capsys
) -> None:
    assert not backups_folder(made).exists()
    before = made.read_bytes()
    make_read_only(made)
    for command in (["org", "list"], ["check"], ["backups"], ["statement", "list"]):
        assert main(["--db", str(made), *command]) == 0, capsys.readouterr().err
    assert "Read Only Readers Club" in capsys.readouterr().out
    for command in (["org", "add", "--name", "New Group"], ["backup"]):
        assert main(["--db", str(made), *command]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "read-only" in err, err
        assert "damaged" not in err and "internal error" not in err
    assert _sidecars(made) == []
    assert made.read_bytes() == before


def _damaged(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[4096 : 4096 * 3] = b"\x5a" * 8192
    db_path.write_bytes(bytes(data))


def _another_programs(db_path: Path) -> None:
    db_path.unlink()
    with sqlite3.connect(db_path) as other:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("CREATE TABLE songs (title TEXT)")
    other.close()


def _newer(db_path: Path) -> None:
    with sqlite3.connect(db_path) as newer:
        newer.execute("PRAGMA user_version = 999")
    newer.close()


@pytest.mark.parametrize(
    "spoil", [_damaged, _another_programs, _newer], ids=["damaged", "another program's", "newer"]
)
def test_a_refused_file_gets_no_log_or_index_beside_it(made: Path, spoil, capsys) -> None:
    spoil(made)
    assert _sidecars(made) == []
    before = made.read_bytes()
    for command in (["org", "list"], ["org", "add", "--name", "X"], ["check"]):
        assert main(["--db", str(made), *command]) == 2
    assert _sidecars(made) == []
    assert made.read_bytes() == before
