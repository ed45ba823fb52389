"""Automatic backups, pruning, listing with counts, and restoring."""

from __future__ import annotations

import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import backups, organisations
from signapp.core.backups import BackupKind, backups_folder
from signapp.core.db import (
    STALE_PARTIAL_SECONDS,
    backup_database,
    check_database,
    open_database,
)
from signapp.core.errors import NotASignappDatabase, SignappError
from tests.safety.sample import fill


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def test_first_open_of_the_day_backs_up_once_and_a_new_file_not_at_all(db_path: Path) -> None:
    open_database(db_path).close()
    assert _names(backups_folder(db_path)) == []  # nothing to keep yet
    db = open_database(db_path)
    organisations.add_organisation(db, "Lantern Cooperative")
    db.close()
    daily = f"daily-{date.today().isoformat()}.sqlite"
    assert _names(backups_folder(db_path)) == [daily]
    before = (backups_folder(db_path) / daily).stat().st_mtime_ns
    open_database(db_path).close()
    assert _names(backups_folder(db_path)) == [daily]
    assert (backups_folder(db_path) / daily).stat().st_mtime_ns == before
    counts = backups.read_counts(backups_folder(db_path) / daily)
    assert counts.organisations == 0  # the state before that day's first change


def test_a_later_open_the_same_day_costs_no_copy(db_path: Path) -> None:
    db = open_database(db_path)
    fill(db)
    db.close()
    open_database(db_path).close()  # makes today's backup
    started = time.perf_counter()
    for _ in range(5):
        open_database(db_path).close()
    per_open = (time.perf_counter() - started) / 5
    assert per_open < 0.25, f"opening took {per_open:.3f}s"


def test_pre_import_backups_keep_the_newest_ten(db_path: Path) -> None:
    db = open_database(db_path)
    made = []
    for number in range(13):
        organisations.add_organisation(db, f"Org {number}")
        made.append(backups.backup_before_import(db))
    kept = sorted(p for p in backups_folder(db_path).iterdir() if p.name.startswith("pre-import"))
    assert kept == sorted(made[-10:])
    assert [backups.read_counts(path).organisations for path in kept] == list(range(4, 14))
    db.close()


def test_daily_backups_keep_the_newest_fourteen(db_path: Path) -> None:
    db = open_database(db_path)
    fill(db)
    folder = backups_folder(db_path)
    seed = backups.make_backup(db, BackupKind.MANUAL)
    for day in range(1, 21):
        shutil.copy(seed, folder / f"daily-2020-01-{day:02d}.sqlite")
    today = backups.make_backup(db, BackupKind.DAILY)
    daily = [name for name in _names(folder) if name.startswith("daily-")]
    assert len(daily) == 14
    assert today.name in daily
    assert "daily-2020-01-08.sqlite" in daily and "daily-2020-01-07.sqlite" not in daily
    assert seed.exists()  # manual backups are never pruned
    db.close()


def test_listing_reads_date_size_and_counts_from_each_file(db_path: Path) -> None:
    db = open_database(db_path)
    fill(db)
    first = backups.make_backup(db, BackupKind.MANUAL)
    organisations.add_organisation(db, "Third Harbour Network")
    second = backups.backup_before_import(db)
    (backups_folder(db_path) / "manual-broken.sqlite").write_bytes(b"not a database at all")
    listed = backups.list_backups(db_path)
    by_path = {info.path: info for info in listed}
    assert by_path[first].counts == backups.BackupCounts(2, 2, 1, 2)
    assert by_path[second].counts == backups.BackupCounts(3, 2, 1, 2)
    assert by_path[second].kind is BackupKind.PRE_IMPORT
    assert by_path[second].size_bytes == second.stat().st_size > 0
    broken = by_path[backups_folder(db_path) / "manual-broken.sqlite"]
    assert broken.counts is None and "not a signapp database" in (broken.problem or "")
    assert [info.created_at for info in listed] == sorted(
        (info.created_at for info in listed), reverse=True
    )
    db.close()


def test_restore_saves_the_current_state_first_and_brings_the_backup_back(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    sample = fill(db)
    backup = backups.make_backup(db, BackupKind.MANUAL)
    organisations.delete_organisation(db, sample.listed_org)
    organisations.add_organisation(db, "Added After The Backup")
    saved = backups.restore_backup(db, backup)
    names = {row.name for row in organisations.list_organisations(db)}
    assert names == {"Riverbank Fishers Union", "Quiet Meadow Shelter"}
    assert check_database(db) == []
    assert saved.name.startswith("pre-restore-")
    saved_names = backups.read_counts(saved)
    assert saved_names.organisations == 2  # Quiet Meadow + Added After The Backup
    db.close()
    reopened = open_database(db_path)
    assert organisations.count_organisations(reopened) == 2
    reopened.close()


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    db = open_database(db_path)
    fill(db)
    bogus = tmp_path / "holiday-photo.sqlite"
    bogus.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000)
    with pytest.raises(NotASignappDatabase):
        backups.restore_backup(db, bogus)
    with pytest.raises(SignappError, match="no such backup"):
        backups.restore_backup(db, tmp_path / "missing.sqlite")
    assert organisations.count_organisations(db) == 2
    assert not any(name.startswith("pre-restore") for name in _names(backups_folder(db_path)))
    db.close()


def test_cli_backup_out_and_restore(db_path: Path, tmp_path: Path, capsys) -> None:
    db = open_database(db_path)
    fill(db)
    db.close()
    copy = tmp_path / "elsewhere" / "copy.sqlite"
    assert main(["--db", str(db_path), "backup", "--out", str(copy)]) == 0
    assert capsys.readouterr().out.strip() == str(copy)
    assert main(["--db", str(db_path), "org", "add", "--name", "Late Addition"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "organisations=2 contacts=2 statements=1 sign-ons=2" in out
    assert "previous contents were saved as" in out
    assert main(["--db", str(db_path), "org", "list"]) == 0
    assert "Late Addition" not in capsys.readouterr().out
    assert main(["--db", str(db_path), "backups"]) == 0
    listing = capsys.readouterr().out
    assert "pre-restore" in listing and "organisations=3" in listing


def test_cli_restore_of_a_bad_file_is_one_clear_line(db_path: Path, tmp_path: Path, capsys) -> None:
    open_database(db_path).close()
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\n", encoding="utf-8")
    assert main(["--db", str(db_path), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a signapp database" in err


def test_an_unwritable_backups_folder_does_not_stop_the_open_but_stops_an_import(
    db_path: Path, caplog
) -> None:
    db = open_database(db_path)
    organisations.add_organisation(db, "Blocked Folder Society")
    db.close()
    backups_folder(db_path).write_text("a file where the folder should be", encoding="utf-8")
    with caplog.at_level("WARNING", logger="signapp.backups"):
        db = open_database(db_path)
    assert "no daily backup today" in caplog.text
    with pytest.raises(SignappError, match="could not be written"):
        backups.backup_before_import(db)
    assert not list(db_path.parent.glob("*.partial"))
    db.close()


def test_restoring_an_older_backup_upgrades_it(db_path: Path, tmp_path: Path) -> None:
    from signapp.core.schema import MIGRATION_STEPS, SCHEMA_VERSION

    old_path = tmp_path / "old" / "signapp.sqlite"
    old = open_database(old_path, steps=MIGRATION_STEPS[:1])
    old.execute(  # as the first schema stored it
        "INSERT INTO organisations (name, local_name, created_at, updated_at) "
        "VALUES ('Generation One Club', 'ក្លឹប', '2024-01-01', '2024-01-01')"
    )
    old.close()
    db = open_database(db_path)
    backups.restore_backup(db, old_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "imported_rows" in db.table_names()
    assert [row.name for row in organisations.list_organisations(db)] == ["Generation One Club"]
    assert db.execute("SELECT local_name_sort FROM organisations").fetchone()[0]
    assert check_database(db) == []
    db.close()


def test_no_pre_import_backup_for_an_in_memory_database() -> None:
    from sqlite_utils import Database

    assert backups.backup_before_import(Database(memory=True)) is None


def test_an_import_leaves_a_pre_import_backup(db_path: Path, tmp_path: Path, capsys) -> None:
    from signapp.core import statements

    db = open_database(db_path)
    statement_id = statements.create_issued_statement(db, "Stop the dam", "We ask for a halt.")
    organisations.add_organisation(db, "Already Here Alliance")
    db.close()
    form = tmp_path / "form.csv"
    form.write_text(
        "Name of your organisation,Country,Email address\nNew Arrivals Forum,Laos,n@a.org\n",
        encoding="utf-8",
    )
    command = ["--db", str(db_path), "import", str(form), "--statement", str(statement_id)]
    assert main(command) == 0
    made = list(backups_folder(db_path).glob("pre-import-*.sqlite"))
    assert len(made) == 1 and backups.read_counts(made[0]).organisations == 1


def test_a_partial_copy_left_by_a_killed_backup_is_removed_by_the_next_one(
    db_path: Path, tmp_path: Path
) -> None:
    db = open_database(db_path)
    target = tmp_path / "stick" / "coalition.sqlite"
    target.parent.mkdir()
    killed = target.with_name(f"{target.name}.4242-deadbeef.partial")
    killed.write_bytes(b"half a copy")
    hour_and_a_bit_ago = time.time() - STALE_PARTIAL_SECONDS - 60
    os.utime(killed, (hour_and_a_bit_ago, hour_and_a_bit_ago))
    running = target.with_name(f"{target.name}.4343-cafebabe.partial")
    running.write_bytes(b"another window, copying now")
    unrelated = target.with_name("other.sqlite.4242-deadbeef.partial")
    unrelated.write_bytes(b"not this target's")
    os.utime(unrelated, (hour_and_a_bit_ago, hour_and_a_bit_ago))

    backup_database(db, target)

    assert target.is_file()
    assert not killed.exists()
    assert running.exists() and unrelated.exists()  # recent, or of another target
    db.close()
