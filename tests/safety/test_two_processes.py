"""Two signapp processes on one file: no edit silently lost, a busy file said plainly."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import organisations
from signapp.core.db import BUSY_TIMEOUT_SECONDS, open_database
from signapp.core.errors import DatabaseBusy, StaleEdit
from tests.safety.other_process import OtherProcess


def test_an_edit_based_on_a_stale_row_is_refused_with_the_current_values(db_path: Path) -> None:
    db = open_database(db_path)
    org_id = organisations.add_organisation(db, "Sunrise Tenants Association", country="TH")
    seen = organisations.get_organisation(db, org_id)
    with OtherProcess(db_path) as other:
        other.send(f"rename {org_id} Sunrise Tenants Alliance")
    with pytest.raises(StaleEdit) as raised:
        organisations.update_organisation(
            db, org_id, {"country": "LA"}, expected_row_version=seen.row_version
        )
    assert raised.value.current is not None
    assert raised.value.current["name"] == "Sunrise Tenants Alliance"
    assert "changed elsewhere" in raised.value.message
    current = organisations.get_organisation(db, org_id)
    assert (current.name, current.country) == ("Sunrise Tenants Alliance", "TH")
    updated = organisations.update_organisation(
        db, org_id, {"country": "LA"}, expected_row_version=current.row_version
    )
    assert (updated.name, updated.country) == ("Sunrise Tenants Alliance", "LA")
    db.close()


def test_edits_from_both_processes_are_kept(db_path: Path) -> None:
    db = open_database(db_path)
    first = organisations.add_organisation(db, "Old Name Group")
    with OtherProcess(db_path) as other:
        second = organisations.add_organisation(db, "Added Here")
        other.send(f"rename {first} Renamed There")
        third = organisations.add_organisation(db, "Added Here Again")
    names = {row.id: row.name for row in organisations.list_organisations(db)}
    assert names == {first: "Renamed There", second: "Added Here", third: "Added Here Again"}
    db.close()


def test_a_short_lock_is_waited_for(db_path: Path, capsys) -> None:
    open_database(db_path).close()
    with OtherProcess(db_path) as other:
        other.send("hold")
        releaser = threading.Timer(1.0, other.send, ["release"])
        releaser.start()
        started = time.perf_counter()
        assert main(["--db", str(db_path), "org", "add", "--name", "Patient Writers"]) == 0
        waited = time.perf_counter() - started
        releaser.join()
    assert 0.8 < waited < BUSY_TIMEOUT_SECONDS
    assert capsys.readouterr().out.strip() == "1"


@pytest.mark.slow
def test_a_long_lock_gives_a_clear_message_not_a_traceback(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    org_id = organisations.add_organisation(db, "Busy Bees Cooperative")
    with OtherProcess(db_path) as other:
        other.send("hold")
        with pytest.raises(DatabaseBusy, match="another signapp window"):
            organisations.update_organisation(db, org_id, {"acronym": "BBC"})
        assert main(["--db", str(db_path), "org", "add", "--name", "Waiting Group"]) == 2
        other.send("release")
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("signapp: The database is busy")
    assert "Traceback" not in err
    assert organisations.get_organisation(db, org_id).acronym is None
    db.close()
