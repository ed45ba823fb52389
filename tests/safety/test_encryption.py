"""Encryption at rest: the round trip, protect, change, unprotect, and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.cli.safety_commands import passphrase_from
from signapp.core import backups, encryption, organisations
from signapp.core.backups import BackupKind, backups_folder
from signapp.core.db import PassphraseRequired, check_database, is_encrypted_file, open_database
from signapp.core.errors import DatabaseBusy, ValidationError, WrongPassphrase
from tests.safety.other_process import OtherProcess
from tests.safety.sample import fill

REPO_ROOT = Path(__file__).resolve().parents[2]
RIGHT = "tea at the old mill"
WRONG = "tea at the new mill"


def _plain_text_found(path: Path, values: tuple[str, ...]) -> list[str]:
    data = path.read_bytes()
    for sidecar in ("-wal", "-journal"):
        extra = path.with_name(path.name + sidecar)
        if extra.exists():
            data += extra.read_bytes()
    return [value for value in values if value.encode("utf-8") in data]


def test_round_trip_create_close_open_backup_restore(db_path: Path) -> None:
    db = open_database(db_path, passphrase=RIGHT)
    sample = fill(db)
    db.close()
    assert is_encrypted_file(db_path)
    assert _plain_text_found(db_path, (*sample.contact_values, "Quiet Meadow Shelter")) == []

    with pytest.raises(WrongPassphrase, match="passphrase does not open"):
        open_database(db_path, passphrase=WRONG)
    with pytest.raises(PassphraseRequired, match="protected with a passphrase"):
        open_database(db_path)

    db = open_database(db_path, passphrase=RIGHT)
    assert organisations.count_organisations(db) == 2
    backup = backups.make_backup(db, BackupKind.MANUAL)
    assert is_encrypted_file(backup)
    assert _plain_text_found(backup, sample.contact_values) == []
    daily = next(backups_folder(db_path).glob("daily-*.sqlite"))
    assert is_encrypted_file(daily)
    with pytest.raises(WrongPassphrase):
        backups.read_counts(backup, WRONG)
    assert backups.read_counts(backup, RIGHT).contacts == 2

    organisations.delete_organisation(db, sample.anonymous_org)
    backups.restore_backup(db, backup, passphrase=RIGHT)
    assert organisations.count_organisations(db) == 2
    assert check_database(db) == []
    db.close()
    assert is_encrypted_file(db_path)


def test_protect_change_and_unprotect_rewrite_database_and_backups(db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    manual = backups.make_backup(db, BackupKind.MANUAL)
    db.close()
    assert _plain_text_found(manual, sample.contact_values) != []

    steps: list[tuple[int, int]] = []
    change = encryption.protect_database(db_path, RIGHT, progress=lambda *s: steps.append(s))
    assert steps == [(1, 2), (2, 2)]  # the database, then its one backup
    assert change.protected and change.backups_rewritten == [manual]
    assert is_encrypted_file(db_path) and is_encrypted_file(manual)
    assert _plain_text_found(manual, sample.contact_values) == []
    assert not list(db_path.parent.glob("*.rewriting"))

    encryption.protect_database(db_path, WRONG + " changed", current=RIGHT)
    with pytest.raises(WrongPassphrase):
        open_database(db_path, passphrase=RIGHT)
    with pytest.raises(WrongPassphrase):
        backups.read_counts(manual, RIGHT)
    assert backups.read_counts(manual, WRONG + " changed").organisations == 2

    encryption.unprotect_database(db_path, WRONG + " changed")
    assert not is_encrypted_file(db_path) and not is_encrypted_file(manual)
    db = open_database(db_path)
    assert organisations.count_organisations(db) == 2 and check_database(db) == []
    db.close()


def test_protect_refuses_a_short_passphrase_and_a_file_open_elsewhere(db_path: Path) -> None:
    db = open_database(db_path)
    fill(db)
    with pytest.raises(ValidationError, match="at least 8"):
        encryption.protect_database(db_path, "short")
    db.close()
    with OtherProcess(db_path), pytest.raises(DatabaseBusy, match="open in another signapp"):
        encryption.protect_database(db_path, RIGHT)
    assert not is_encrypted_file(db_path)
    reopened = open_database(db_path)
    assert organisations.count_organisations(reopened) == 2
    reopened.close()


def test_wrong_current_passphrase_changes_nothing(db_path: Path) -> None:
    open_database(db_path, passphrase=RIGHT).close()
    before = db_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        encryption.protect_database(db_path, "another long one", current=WRONG)
    with pytest.raises(WrongPassphrase):
        encryption.unprotect_database(db_path, WRONG)
    assert db_path.read_bytes() == before


def test_passphrase_from_file_then_environment(tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(RIGHT + "\n", encoding="utf-8")
    from signapp.cli import build_parser

    args = build_parser().parse_args(["--passphrase-file", str(secret), "check"])
    assert passphrase_from(args) == RIGHT
    args = build_parser().parse_args(["check"])
    assert passphrase_from(args, {"SIGNAPP_PASSPHRASE": "from the environment"}) == (
        "from the environment"
    )
    assert passphrase_from({"SIGNAPP_PASSPHRASE": ""}) is None
    assert passphrase_from(args, {}) is None


def _run(
    db_path: Path, *argv: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    environment.pop("SIGNAPP_PASSPHRASE", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "signapp", "--db", str(db_path), *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_cli_protect_open_wrong_and_unprotect(db_path: Path, tmp_path: Path) -> None:
    assert _run(db_path, "init").returncode == 0
    assert _run(db_path, "org", "add", "--name", "Hillside Weavers").returncode == 0
    new = tmp_path / "new.txt"
    new.write_text(RIGHT + "\n", encoding="utf-8")
    protected = _run(db_path, "protect", "--new-passphrase-file", str(new))
    assert protected.returncode == 0, protected.stderr
    assert "protected with the new passphrase" in protected.stdout

    refused = _run(db_path, "org", "list")
    assert refused.returncode == 2
    assert refused.stderr.startswith("signapp: ") and refused.stderr.count("\n") == 1
    assert "protected with a passphrase" in refused.stderr

    wrong = _run(db_path, "org", "list", env={"SIGNAPP_PASSPHRASE": WRONG})
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "passphrase does not open" in wrong.stderr

    listed = _run(db_path, "--passphrase-file", str(new), "org", "list")
    assert listed.returncode == 0 and "Hillside Weavers" in listed.stdout
    assert listed.stderr == ""

    removed = _run(db_path, "unprotect", env={"SIGNAPP_PASSPHRASE": RIGHT})
    assert removed.returncode == 0, removed.stderr
    assert not is_encrypted_file(db_path)
    assert "Hillside Weavers" in _run(db_path, "org", "list").stdout


def test_cli_protect_twice_changes_the_passphrase(db_path: Path, tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(RIGHT, encoding="utf-8")
    second.write_text("a completely different one", encoding="utf-8")
    assert main(["--db", str(db_path), "init"]) == 0
    assert main(["--db", str(db_path), "org", "add", "--name", "Stone Bridge Club"]) == 0
    assert main(["--db", str(db_path), "protect", "--new-passphrase-file", str(first)]) == 0
    assert (
        main(
            [
                "--db",
                str(db_path),
                "--passphrase-file",
                str(first),
                "protect",
                "--new-passphrase-file",
                str(second),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--db", str(db_path), "--passphrase-file", str(first), "check"]) == 2
    assert "passphrase does not open" in capsys.readouterr().err
    assert main(["--db", str(db_path), "--passphrase-file", str(second), "check"]) == 0
