"""Opening, migrating and refusing database files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import organisations
from signapp.core.backups import backups_folder
from signapp.core.db import check_database, open_database
from signapp.core.directory import ordered_organisation_ids
from signapp.core.errors import CorruptDatabase, NotASignappDatabase, SchemaTooNew
from signapp.core.schema import MIGRATION_STEPS, SCHEMA_VERSION
from signapp.core.text import sort_key


def test_new_database_is_at_current_schema_with_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert check_database(db) == []
    db.close()


def test_migrates_an_empty_version_0_file(db_path: Path) -> None:
    sqlite3.connect(db_path).close()  # an empty SQLite file: user_version 0, no tables
    db = open_database(db_path)
    assert {"organisations", "signons", "audit_log"} <= set(db.table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_upgrade_of_a_file_with_data_writes_a_backup_first(db_path: Path) -> None:
    old = open_database(db_path, steps=MIGRATION_STEPS[:1])
    _store_as_first_signapp_did(old, "Mekong Fisherfolk Network", None)
    old.close()

    db = open_database(db_path)

    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "import_mappings" in db.table_names()
    backups = list(backups_folder(db_path).glob("pre-migration-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM organisations").fetchall() == [
            ("Mekong Fisherfolk Network",)
        ]
    assert [row.name for row in organisations.list_organisations(db)] == [
        "Mekong Fisherfolk Network"
    ]
    db.close()


def _store_as_first_signapp_did(db: Database, name: str, local_name: str | None) -> None:
    """An organisation written as the first schema had it (no own-script sort key)."""
    db.execute(
        "INSERT INTO organisations (name, name_sort, local_name, created_at, updated_at) "
        "VALUES (?, ?, ?, '2024-01-01', '2024-01-01')",
        [name, sort_key(name), local_name],
    )


def test_own_script_names_stored_before_the_upgrade_sort_by_their_collation(
    db_path: Path,
) -> None:
    old = open_database(db_path, steps=MIGRATION_STEPS[:2])
    # In code point order the name starting with the vowel sign เ would come last.
    for name, local_name in [
        ("Community Group", "ชุมชน"),
        ("Network", "เครือข่าย"),
        ("Association", "สมาคม"),
        ("No own-script name", None),
    ]:
        _store_as_first_signapp_did(old, name, local_name)
    old.close()

    db = open_database(db_path)

    ordered = ordered_organisation_ids(db, order_by="local_name")
    names = {org.id: org.local_name for org in organisations.list_organisations(db)}
    assert [names[org_id] for org_id in ordered] == ["เครือข่าย", "ชุมชน", "สมาคม", None]
    db.close()


def test_current_file_is_not_backed_up_again(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert list(db_path.parent.glob("*.bak")) == []


def _unchanged(path: Path, opener: object) -> None:
    before = path.read_bytes()
    with pytest.raises(Exception) as raised:
        open_database(path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()
    assert isinstance(raised.value, opener)  # type: ignore[arg-type]


def test_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    _unchanged(path, NotASignappDatabase)


def test_refuses_an_sqlite_file_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE songs (title TEXT)")
    _unchanged(path, NotASignappDatabase)


def test_refuses_a_file_from_a_newer_signapp(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    Path(str(db_path) + "-wal").unlink(missing_ok=True)
    with pytest.raises(SchemaTooNew, match="newer signapp"):
        open_database(db_path)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_refuses_a_corrupt_file(db_path: Path) -> None:
    db = open_database(db_path)
    for number in range(400):
        organisations.add_organisation(db, f"Organisation {number}", notes="x" * 200)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(db_path.read_bytes())
    page_size = 4096
    for offset in range(page_size * 3, page_size * 6):  # wipe pages in the middle
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotASignappDatabase, match="folder"):
        open_database(tmp_path)


def test_a_file_left_mid_transaction_by_a_killed_program_is_recovered_not_called_damaged(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    for number in range(300):
        organisations.add_organisation(db, f"Organisation {number}", notes="x" * 200)
    db.close()
    with sqlite3.connect(db_path) as raw:  # as another program might leave it
        raw.execute("PRAGMA journal_mode = DELETE")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, time\n"
            f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA cache_size = 1')\n"
            "c.execute('BEGIN')\n"
            "c.execute(\"UPDATE organisations SET notes = 'half written'\")\n"
            "print('writing', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    with writer.stdout:
        assert writer.stdout.readline() == "writing\n"
        writer.kill()
        writer.wait()
    assert Path(f"{db_path}-journal").exists()  # a hot journal: the change must be undone

    db = open_database(db_path)

    assert organisations.count_organisations(db) == 300
    notes = {row[0] for row in db.execute("SELECT DISTINCT notes FROM organisations")}
    assert notes == {"x" * 200}  # the half-written change was rolled back
    db.close()
