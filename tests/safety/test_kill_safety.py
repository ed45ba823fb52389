"""SIGKILL part way through backup, restore and protect: nothing half done survives."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from signapp.core import backups, organisations
from signapp.core.backups import BackupKind, backups_folder
from signapp.core.db import check_database, is_encrypted_file, open_database
from tests.safety.erase_scan import files_holding
from tests.safety.killing import (
    environment,
    kill_during_runs,
    make_large_database,
    run_and_kill,
    signapp_command,
    timed_run,
)
from tests.safety.sample import fill

ORGANISATIONS = 6000
KILLS = 10
PASSPHRASE = "lamps along the quay"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "signapp.sqlite"
    make_large_database(path, ORGANISATIONS)
    return path


def _fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of the template database, with its backups folder when it has one."""
    folder.mkdir()
    copy = folder / template.name
    shutil.copy(template, copy)
    if backups_folder(template).is_dir():
        shutil.copytree(backups_folder(template), backups_folder(copy))
    return copy


def _assert_sound(db_path: Path, expected_counts: set[int], passphrase: str | None = None) -> int:
    db = open_database(db_path, passphrase=passphrase, daily_backup=False)
    try:
        assert check_database(db) == []
        count = organisations.count_organisations(db)
        assert count in expected_counts
        return count
    finally:
        db.close()


def _assert_backups_whole(db_path: Path, passphrase: str | None = None) -> None:
    for info in backups.list_backups(db_path, passphrase):
        assert info.problem is None, f"{info.path.name}: {info.problem}"
        assert info.counts is not None and info.counts.organisations > 0


def _kill_repeatedly(
    template: Path, tmp_path: Path, argv: tuple[str, ...], verify: Callable[[Path], None]
) -> None:
    """Run ``signapp --db COPY argv`` to time it, then kill it at spread moments on fresh
    copies of ``template`` and ``verify`` each copy afterwards."""
    probe = _fresh_copy(template, tmp_path / "probe")
    duration = timed_run(signapp_command("--db", str(probe), *argv), environment())

    def attempt(number: int, delay: float) -> bool:
        db_path = _fresh_copy(template, tmp_path / f"kill{number}")
        killed = run_and_kill(signapp_command("--db", str(db_path), *argv), environment(), delay)
        verify(db_path)
        return killed

    interrupted = kill_during_runs(duration, KILLS, attempt)
    assert interrupted > KILLS // 2, "too few runs were still going when killed"


def test_killed_backup_leaves_the_database_and_every_listed_backup_whole(
    template: Path, tmp_path: Path
) -> None:
    def verify(db_path: Path) -> None:
        _assert_sound(db_path, {ORGANISATIONS})
        _assert_backups_whole(db_path)

    _kill_repeatedly(template, tmp_path, ("backup",), verify)


def test_killed_restore_leaves_the_old_or_the_restored_contents(
    template: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small.sqlite"
    db = open_database(small)
    for name in ("Alder Group", "Birch Circle", "Cedar Network"):
        organisations.add_organisation(db, name)
    db.close()

    def verify(db_path: Path) -> None:
        _assert_sound(db_path, {ORGANISATIONS, 3})
        _assert_backups_whole(db_path)

    _kill_repeatedly(template, tmp_path, ("restore", str(small)), verify)


def test_killed_protect_leaves_a_plain_or_a_protected_whole_database(
    template: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")

    def verify(db_path: Path) -> None:
        protected = is_encrypted_file(db_path)
        _assert_sound(db_path, {ORGANISATIONS}, PASSPHRASE if protected else None)

    _kill_repeatedly(template, tmp_path, ("protect", "--new-passphrase-file", str(secret)), verify)


ERASED = ("Quiet Meadow Shelter", "Thiri Aung", "thiri.aung@example.net", "Tuesdays")


@pytest.fixture(scope="module")
def template_with_backups(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("with-backups") / "signapp.sqlite"
    make_large_database(path, ORGANISATIONS)
    db = open_database(path)
    sample = fill(db)
    for _ in range(3):
        backups.make_backup(db, BackupKind.PRE_IMPORT)
    db.close()
    return path, sample.anonymous_org


def test_killed_erasure_can_always_be_finished_and_then_leaves_nothing(
    template_with_backups: tuple[Path, int], tmp_path: Path
) -> None:
    template, org_id = template_with_backups
    erase = ("erase-org", str(org_id), "--yes")

    def verify(db_path: Path) -> None:
        _assert_sound(db_path, {ORGANISATIONS + 1, ORGANISATIONS + 2})
        db = open_database(db_path, daily_backup=False)
        still_there = organisations.count_organisations(db) == ORGANISATIONS + 2
        db.close()
        if still_there:  # interrupted before the database was done: erase again
            timed_run(signapp_command("--db", str(db_path), *erase), environment())
        assert files_holding(db_path, ERASED) == {}

    _kill_repeatedly(template, tmp_path, erase, verify)
