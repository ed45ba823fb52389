"""``backups`` and ``restore`` work when the database itself does not open: damaged,
empty, another program's, or gone. That is when they are needed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import organisations
from signapp.core.backups import BackupKind, make_backup
from signapp.core.db import open_database

REPO_ROOT = Path(__file__).resolve().parents[2]


def _with_backup(db_path: Path) -> Path:
    db = open_database(db_path)
    organisations.add_organisation(db, "Mekong Delta Farmers Union")
    organisations.add_organisation(db, "Coastal Women Network")
    backup = make_backup(db, BackupKind.MANUAL)
    db.close()
    return backup


def _damage_pages(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[4096 : 4096 * 3] = b"\xa5" * (4096 * 2)
    db_path.write_bytes(bytes(data))


def _another_programs_file(db_path: Path) -> None:
    db_path.unlink()
    with sqlite3.connect(db_path) as other:
        other.execute("CREATE TABLE playlist (song TEXT)")
        other.execute("INSERT INTO playlist VALUES ('a song')")
    other.close()


def _random_bytes(db_path: Path) -> None:
    db_path.write_bytes(b"not a database at all, just text\n" * 300)


def _empty(db_path: Path) -> None:
    db_path.write_bytes(b"")


def _gone(db_path: Path) -> None:
    db_path.unlink()


@pytest.mark.parametrize(
    "spoil",
    [_damage_pages, _another_programs_file, _random_bytes, _empty, _gone],
    ids=["damaged", "another program's", "random bytes", "empty", "gone"],
)
def test_backups_are_listed_and_restored_over_a_file_that_does_not_open(
    db_path: Path, spoil, capsys
) -> None:
    backup = _with_backup(db_path)
    spoil(db_path)
    before = db_path.read_bytes() if db_path.exists() else None
    capsys.readouterr()
    assert main(["--db", str(db_path), "backups"]) == 0
    listing = capsys.readouterr().out
    assert str(backup) in listing and "organisations=2" in listing
    assert main(["--db", str(db_path), "restore", str(backup)]) == 0
    said = capsys.readouterr().out
    assert "organisations=2" in said
    aside = sorted(db_path.parent.glob("signapp.sqlite.unopenable-*"))
    if before is None:
        assert aside == [] and "moved" not in said
    else:  # never deleted: moved aside, byte for byte, and said where
        assert len(aside) == 1 and aside[0].read_bytes() == before
        assert str(aside[0]) in said
    db = open_database(db_path)
    names = {row.name for row in organisations.list_organisations(db)}
    assert names == {"Mekong Delta Farmers Union", "Coastal Women Network"}
    db.close()
    assert main(["--db", str(db_path), "check"]) == 0


def test_restore_over_a_file_that_does_not_open_still_refuses_a_bad_backup(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    _with_backup(db_path)
    _random_bytes(db_path)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("nothing here\n" * 200)
    assert main(["--db", str(db_path), "restore", str(bogus)]) == 2
    assert "not a signapp database" in capsys.readouterr().err
    assert db_path.read_bytes().startswith(b"not a database")
    assert list(db_path.parent.glob("signapp.sqlite.unopenable-*")) == []


def test_a_wrong_passphrase_is_not_a_reason_to_replace_the_file(
    db_path: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    db = open_database(db_path, passphrase="right passphrase here")
    backup = make_backup(db, BackupKind.MANUAL)
    db.close()
    monkeypatch.setenv("SIGNAPP_PASSPHRASE", "wrong passphrase here")
    assert main(["--db", str(db_path), "restore", str(backup)]) == 2
    assert "passphrase does not open" in capsys.readouterr().err
    assert list(db_path.parent.glob("signapp.sqlite.unopenable-*")) == []


# The app runs in its own process: a finished app.exec() in the test process would
# leave Qt's shared thread pool unusable for the tests after it.
_START_THE_APP = """
import sys
from PySide6.QtWidgets import QMessageBox
from signapp.ui import app
from signapp.ui.settings import Settings

db_path, settings_path, wanted = sys.argv[1:4]


def answer_instead_of_waiting(box):
    print("shown:", box.text(), box.informativeText(), flush=True)
    for button in box.buttons():
        if button.text().replace("&", "") == wanted:
            button.click()
    return 0


QMessageBox.exec = answer_instead_of_waiting
status = app.main(
    ["signapp", "--db", db_path, "--quit-after-load"], settings=Settings.from_file(settings_path)
)
print("status", status, flush=True)
"""


@pytest.mark.parametrize("answer", ["Restore the newest backup", "Close"])
def test_the_app_offers_the_newest_backup_for_a_file_that_does_not_open(
    db_path: Path, tmp_path: Path, answer: str
) -> None:
    backup = _with_backup(db_path)
    _damage_pages(db_path)
    damaged = db_path.read_bytes()
    started = subprocess.run(
        [sys.executable, "-c", _START_THE_APP, str(db_path), str(tmp_path / "s.ini"), answer],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    shown = [line for line in started.stdout.splitlines() if line.startswith("shown:")]
    assert "damaged" in shown[0] and str(backup) in shown[0], started.stdout + started.stderr
    aside = list(db_path.parent.glob("signapp.sqlite.unopenable-*"))
    if answer == "Close":
        assert "status 1" in started.stdout
        assert aside == [] and db_path.read_bytes() == damaged
        return
    assert "status 0" in started.stdout, started.stdout + started.stderr
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    db = open_database(db_path)
    assert len(organisations.list_organisations(db)) == 2
    db.close()
