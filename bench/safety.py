"""What the safety layer costs: opening, backups, protection, restore, erasure.

Builds a directory of N organisations (each with a contact and a sign-on, long notes),
then times each operation on it, plain and protected with a passphrase.

Run from the repository root:  python bench/safety.py [--organisations 20000]

Targets: a later open of the same day within 10 ms of an open without the backup
check; a daily backup of a 20,000-organisation list under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from signapp.core import backups, encryption, erase
from signapp.core.backups import BackupKind
from signapp.core.db import open_database, transaction, utc_now
from signapp.core.organisations import reindex_organisations
from signapp.core.statements import create_issued_statement
from signapp.core.text import sort_key

PASSPHRASE = "bench passphrase for the lighthouse"


def build(path: Path, count: int, passphrase: str | None = None) -> None:
    """N organisations, each with a contact and a confirmed sign-on, written in bulk."""
    db = open_database(path, passphrase=passphrase)
    statement_id = create_issued_statement(db, "Bench statement", "We agree.")
    notes = "Met at the regional workshop; follow up after the rains. " * 4
    now = utc_now()
    ids = range(1, count + 1)
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO organisations (id, name, name_sort, notes, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(n, f"Lighthouse Network {n:06d}", sort_key(f"Lighthouse Network {n:06d}"), notes,
              now, now) for n in ids],
        )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO contacts (id, organisation_id, name, email, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(n, n, f"Keeper {n}", f"keeper{n}@lighthouse.example", now, now) for n in ids],
        )
        db.conn.executemany(
            "INSERT INTO signons (statement_id, organisation_id, status, version_number, "
            "is_public, authorised_by, created_at, updated_at) VALUES (?, ?, 'confirmed', 1, ?, ?, ?, ?)",
            [(statement_id, n, int(n % 4 != 0), n, now, now) for n in ids],
        )
        reindex_organisations(db, ids)
    db.close()


def timed(label: str, action: Callable[[], object], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        action()
    seconds = (time.perf_counter() - started) / repeat
    print(f"  {label:<52} {seconds * 1000:9.1f} ms")
    return seconds


def bench(folder: Path, count: int, passphrase: str | None) -> None:
    kind = "protected" if passphrase else "plain"
    path = folder / kind / "signapp.sqlite"
    path.parent.mkdir()
    build(path, count, passphrase)
    size = path.stat().st_size / 1e6
    print(f"{kind} database, {count} organisations, {size:.1f} MB")
    timed("open without the daily check", lambda: open_database(
        path, passphrase=passphrase, daily_backup=False).close(), repeat=5)  # fmt: skip
    timed("first open of the day (makes the daily backup)", lambda: open_database(
        path, passphrase=passphrase).close())  # fmt: skip
    timed("later open the same day (one stat)", lambda: open_database(
        path, passphrase=passphrase).close(), repeat=5)  # fmt: skip
    db = open_database(path, passphrase=passphrase, daily_backup=False)
    timed("pre-import backup", lambda: backups.backup_before_import(db))
    for _ in range(12):
        backups.make_backup(db, BackupKind.PRE_IMPORT)
    timed("list backups with counts (12 files)", lambda: backups.list_backups(path, passphrase))
    manual = backups.make_backup(db, BackupKind.MANUAL)
    timed("restore a backup", lambda: backups.restore_backup(db, manual))
    timed("erase one organisation (+ VACUUM, 12 backups)", lambda: erase.erase_organisation(
        db, 7, keep_anonymous_count=True))  # fmt: skip
    db.close()
    if passphrase is None:
        timed("protect (rewrite database and 12 backups)", lambda: encryption.protect_database(
            path, PASSPHRASE))  # fmt: skip
        timed("unprotect (rewrite database and 12 backups)", lambda: encryption.unprotect_database(
            path, PASSPHRASE))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=20_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="signapp-bench-"))
    try:
        bench(folder, args.organisations, None)
        bench(folder, args.organisations, PASSPHRASE)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
