"""Background work on a protected database opens its own connection without asking."""

from __future__ import annotations

from pathlib import Path

from signapp.core import organisations
from signapp.core.db import open_database, passphrase_of, reopen_database

PASSPHRASE = "candles in the monsoon"


def test_reopen_database_uses_the_passphrase_it_was_opened_with(db_path: Path) -> None:
    db = open_database(db_path, passphrase=PASSPHRASE)
    organisations.add_organisation(db, "Night Market Vendors")
    worker = reopen_database(db)
    assert passphrase_of(worker) == PASSPHRASE
    assert organisations.count_organisations(worker) == 1
    worker.close()
    db.close()


def test_the_shared_worker_opener_opens_a_protected_database(db_path: Path) -> None:
    from signapp.ui.tasks import worker_database_opener

    db = open_database(db_path, passphrase=PASSPHRASE)
    worker = worker_database_opener(db)()
    assert organisations.count_organisations(worker) == 0
    worker.close()
    db.close()
