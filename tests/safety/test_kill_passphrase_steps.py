"""A change of passphrase killed at each filesystem step leaves, once the database is
next opened, no readable copy of a protected database: not a temporary rewritten
copy beside it, not a backup that was still to be rewritten."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from signapp.core import contacts, organisations
from signapp.core.backups import BackupKind, make_backup
from signapp.core.db import is_encrypted_file, open_database
from tests.safety.killing import environment

PASSPHRASE = "monsoon season 2024"
MARKERS = ("Monsoon Relief Volunteers", "lin.may@monsoon-relief.example")
RUNNER = Path(__file__).with_name("kill_at_step.py")


def _template(folder: Path, passphrase: str | None) -> Path:
    db_path = folder / "signapp.sqlite"
    db = open_database(db_path, passphrase=passphrase)
    org = organisations.add_organisation(db, MARKERS[0])
    contacts.add_contact(db, org, "Lin May", email=MARKERS[1])
    make_backup(db, BackupKind.MANUAL)
    make_backup(db, BackupKind.PRE_IMPORT)
    db.close()
    return db_path


def _copy(template: Path, folder: Path) -> Path:
    shutil.copytree(template.parent, folder)
    return folder / template.name


def _run(db_path: Path, kill_at: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), str(kill_at), "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        env=environment(SIGNAPP_PASSPHRASE=PASSPHRASE),
        timeout=120,
    )


def _readable_copies(db_path: Path) -> list[str]:
    """Files in the database's folder, backups included, holding the text in clear."""
    found = []
    for path in sorted(db_path.parent.rglob("*")):
        if path.is_file() and any(marker.encode() in path.read_bytes() for marker in MARKERS):
            found.append(path.name)
    return found


def _kill_at_every_step(tmp_path: Path, template: Path, *args: str) -> int:
    probe = _copy(template, tmp_path / "probe")
    counted = _run(probe, 0, *args)
    assert counted.returncode == 0, counted.stderr
    steps = int(counted.stderr.strip().splitlines()[-1].split()[1])
    protected_after_kill = 0
    for step in range(1, steps + 1):
        db_path = _copy(template, tmp_path / f"kill{step}")
        killed = _run(db_path, step, *args)
        assert killed.returncode == -9, (step, killed.stderr)
        # The next open, by any command or the app, finishes or clears the change.
        db = open_database(db_path, passphrase=PASSPHRASE)
        assert [row.name for row in organisations.list_organisations(db)] == [MARKERS[0]]
        db.close()
        if is_encrypted_file(db_path):
            protected_after_kill += 1
            assert _readable_copies(db_path) == [], f"killed at step {step} of {steps}"
        assert not list(db_path.parent.rglob("*.rewriting*")), step
    return protected_after_kill


@pytest.mark.slow
def test_protect_killed_at_each_step_leaves_no_readable_copy(tmp_path: Path) -> None:
    template = _template(tmp_path / "template", None)
    new = tmp_path / "new-passphrase.txt"
    new.write_text(PASSPHRASE, encoding="utf-8")
    protected = _kill_at_every_step(
        tmp_path, template, "protect", "--new-passphrase-file", str(new)
    )
    assert protected >= 3  # kills after the database itself was rewritten were tried


@pytest.mark.slow
def test_unprotect_killed_at_each_step_leaves_no_readable_copy(tmp_path: Path) -> None:
    template = _template(tmp_path / "template", PASSPHRASE)
    assert _readable_copies(template) == []
    protected = _kill_at_every_step(tmp_path, template, "unprotect")
    assert protected >= 2  # kills before the database itself was replaced were tried
