"""A mistyped path or an emptied file never becomes a new, empty database by mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import organisations
from signapp.core.backups import BackupKind, make_backup
from signapp.core.db import open_database
from signapp.core.errors import MissingDatabase


@pytest.mark.parametrize(
    "command",
    [["org", "list"], ["check"], ["org", "add", "--name", "Lost Letters"], ["backup"]],
    ids=["read", "check", "write", "backup"],
)
def test_a_mistyped_path_is_an_error_that_says_how_to_create_one(
    tmp_path: Path, command: list[str], capsys
) -> None:
    mistyped = tmp_path / "campaigns" / "signap.sqlite"
    assert main(["--db", str(mistyped), *command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "does not exist" in err and f"signapp --db {mistyped} init" in err
    assert not mistyped.parent.exists()


def test_init_creates_the_file_and_its_folders(tmp_path: Path, capsys) -> None:
    wanted = tmp_path / "campaigns" / "signapp.sqlite"
    assert main(["--db", str(wanted), "init"]) == 0
    assert wanted.is_file()
    assert main(["--db", str(wanted), "org", "list"]) == 0


def test_an_empty_file_with_backups_is_refused_naming_the_newest_backup(
    db_path: Path, capsys
) -> None:
    db = open_database(db_path)
    organisations.add_organisation(db, "Riverbank Schools Network")
    make_backup(db, BackupKind.PRE_IMPORT)
    newest = make_backup(db, BackupKind.MANUAL)
    db.close()
    db_path.write_bytes(b"")
    for command in (["org", "list"], ["init"]):
        assert main(["--db", str(db_path), *command]) == 2
        err = capsys.readouterr().err
        assert "empty (0 bytes)" in err and f"restore {newest}" in err
    assert db_path.stat().st_size == 0
    with pytest.raises(MissingDatabase):
        open_database(db_path)


def test_an_empty_file_without_backups_is_created_only_by_init(db_path: Path, capsys) -> None:
    db_path.write_bytes(b"")
    assert main(["--db", str(db_path), "org", "list"]) == 2
    assert "is empty (0 bytes)" in capsys.readouterr().err
    assert main(["--db", str(db_path), "init"]) == 0
    assert db_path.stat().st_size > 0
