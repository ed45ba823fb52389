"""What holds contacts is readable by its owner only, whatever the umask; the public
exports keep the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import organisations
from signapp.core.backups import BackupKind, backups_folder, make_backup
from signapp.core.db import open_database
from signapp.core.encryption import protect_database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o002, 0o000], ids=["022", "002", "000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_database_log_index_and_backups_are_for_the_owner_only(tmp_path: Path, umask: int) -> None:
    db_path = tmp_path / "new folder" / "signapp.sqlite"
    db = open_database(db_path)
    organisations.add_organisation(db, "Private Matters Network")
    wal, shm = (db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm"))
    assert wal.exists() and shm.exists()
    backup = make_backup(db, BackupKind.MANUAL)
    assert {_mode(path) for path in (db_path, wal, shm, backup)} == {0o600}
    assert _mode(db_path.parent) == 0o700 and _mode(backups_folder(db_path)) == 0o700
    db.close()
    protect_database(db_path, "a long enough passphrase")
    assert {_mode(path) for path in (db_path, backup)} == {0o600}


def test_a_file_made_by_an_older_version_loses_others_permissions(db_path: Path) -> None:
    open_database(db_path).close()
    os.chmod(db_path, 0o644)
    open_database(db_path).close()
    assert _mode(db_path) == 0o600


def test_import_reports_are_private_and_exports_keep_the_umask(
    tmp_path: Path, umask: int, capsys
) -> None:
    db_path = tmp_path / "signapp.sqlite"
    text = tmp_path / "text.md"
    text.write_text("We ask for safe schools.\n", encoding="utf-8")
    assert main(["--db", str(db_path), "init"]) == 0
    assert (
        main(
            [
                "--db",
                str(db_path),
                "statement",
                "add",
                "--title",
                "Schools",
                "--text-file",
                str(text),
            ]
        )
        == 0
    )
    form = tmp_path / "form.csv"
    form.write_text(
        "Organisation,Email\nSafe Schools Alliance,desk@safeschools.org\n,no-name@x.org\n",
        encoding="utf-8",
    )
    reports = tmp_path / "reports" / "march"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "import",
                str(form),
                "--statement",
                "1",
                "--report-dir",
                str(reports),
            ]
        )
        == 0
    )
    written = sorted(reports.iterdir())
    assert {path.suffix for path in written} == {".txt", ".csv"}
    assert {_mode(path) for path in written} == {0o600}
    assert _mode(reports) == 0o700
    public = tmp_path / "signatories.csv"
    assert main(["--db", str(db_path), "export-csv", "--statement", "1", "--out", str(public)]) == 0
    assert _mode(public) == 0o644 & ~umask  # readable by others: it is published
