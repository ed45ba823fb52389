"""A search pasted with hundreds of words is a one-line error, not an internal one."""

from __future__ import annotations

from pathlib import Path

from signapp.cli import main
from signapp.core import organisations
from signapp.core.db import open_database


def test_a_search_of_hundreds_of_short_words_is_one_clear_line(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    organisations.add_organisation(db, "Ox Bow Lake Alliance")
    db.close()
    pasted = " ".join(f"{chr(97 + n % 26)}{n % 10}" for n in range(500))
    assert main(["--db", str(db_path), "org", "list", "--search", pasted]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "at most 64" in err and "internal error" not in err


def test_repeated_words_count_once(db_path: Path, capsys) -> None:
    db = open_database(db_path)
    organisations.add_organisation(db, "Ox Bow Lake Alliance")
    db.close()
    assert main(["--db", str(db_path), "org", "list", "--search", "ox bow " * 400]) == 0
    assert "Ox Bow Lake Alliance" in capsys.readouterr().out
