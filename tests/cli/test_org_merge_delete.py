"""``org merge`` and ``org delete`` say what they would do, and do it only with --yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from signapp.cli import main
from signapp.core import contacts, organisations, signons, statements
from signapp.core.db import open_database


@pytest.fixture
def directory(db_path: Path) -> tuple[int, int, int]:
    db = open_database(db_path)
    keep = organisations.add_organisation(db, "Tonle Sap Fishers Network", country="KH")
    drop = organisations.add_organisation(
        db, "Tonle Sap Fishers (form)", website="https://tsf.example"
    )
    contacts.add_contact(db, drop, "Sreymom Keo", email="sreymom@tsf.example")
    statement = statements.create_issued_statement(
        db, "Fishing rights", "We ask for fishing rights."
    )
    signons.record_signon(db, statement, drop, status="confirmed")
    db.close()
    return keep, drop, statement


def test_merge_says_what_moves_then_merges_with_yes(
    db_path: Path, directory: tuple[int, int, int], capsys
) -> None:
    keep, drop, statement = directory
    assert main(["--db", str(db_path), "org", "merge", str(keep), str(drop)]) == 1
    out = capsys.readouterr().out
    assert f"would merge organisation {drop} (Tonle Sap Fishers (form)) into {keep}" in out
    assert "1 contact and 1 sign-on move" in out and "nothing was merged" in out
    db = open_database(db_path)
    assert organisations.count_organisations(db) == 2
    db.close()
    assert main(["--db", str(db_path), "org", "merge", str(keep), str(drop), "--yes"]) == 0
    assert capsys.readouterr().out.startswith("merged organisation")
    db = open_database(db_path)
    kept = organisations.get_organisation(db, keep)
    assert kept.website == "https://tsf.example"
    assert [c.name for c in contacts.list_contacts(db, keep)] == ["Sreymom Keo"]
    assert [row.signon.organisation_id for row in signons.list_signons(db, statement)] == [keep]
    db.close()


def test_merge_refuses_the_same_or_a_missing_organisation(
    db_path: Path, directory: tuple[int, int, int], capsys
) -> None:
    keep, _drop, _statement = directory
    assert main(["--db", str(db_path), "org", "merge", str(keep), str(keep), "--yes"]) == 2
    assert "cannot be merged with itself" in capsys.readouterr().err
    assert main(["--db", str(db_path), "org", "merge", str(keep), "99", "--yes"]) == 2
    assert "organisation 99 does not exist" in capsys.readouterr().err


def test_delete_says_what_goes_then_deletes_with_yes(
    db_path: Path, directory: tuple[int, int, int], capsys
) -> None:
    _keep, drop, _statement = directory
    assert main(["--db", str(db_path), "org", "delete", str(drop)]) == 1
    out = capsys.readouterr().out
    assert "would delete organisation" in out and "its 1 contact and 1 sign-on" in out
    assert main(["--db", str(db_path), "org", "delete", str(drop), "--yes"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("deleted organisation") and "erase-org" in captured.err
    db = open_database(db_path)
    assert organisations.count_organisations(db) == 1
    db.close()
