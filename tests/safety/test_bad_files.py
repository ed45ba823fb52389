"""A corpus of bad files for the import: each gives a correct result or one clear error.

Never a traceback, never partial data: on an error the database is exactly as before;
on success every organisation name stored is one that the file really holds.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from signapp.cli import main
from signapp.core import statements
from signapp.core.db import open_database

HEADER = (
    "Name of your organisation",
    "Country",
    "Contact person",
    "Email address",
    "List your organisation publicly?",
    "Comments",
)
KHMER_NAME = "ក្រុមយុវជនខ្មែរ"


def _csv(*rows: tuple[str, ...]) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value

    return "".join(",".join(cell(value) for value in row) + "\n" for row in (HEADER, *rows))


def _row(number: int, name: str | None = None, comment: str = "") -> tuple[str, ...]:
    return (
        name or f"Mekong Youth Forum {number}",
        "Cambodia",
        f"Sophea {number}",
        f"sophea{number}@mekong{number}.org",
        "Yes",
        comment,
    )


def _xlsx(*rows: tuple[str, ...]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (HEADER, *rows):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class BadFile:
    name: str
    content: Callable[[], bytes]
    true_text: str  # what the file means, to check stored names against
    must_fail: bool = False


WIDE_HEADER = ",".join((*HEADER, *(f"Extra question {i}" for i in range(10_000))))
CORPUS = [
    BadFile("empty.csv", lambda: b"", "", must_fail=True),
    BadFile("binary.csv", lambda: bytes(range(256)) * 40, "", must_fail=True),
    BadFile("picture.csv", lambda: b"\x89PNG\r\n\x1a\n" + bytes(2000), "", must_fail=True),
    BadFile(
        "truncated-utf8.csv",
        # cut inside the last character: the line break and one of its three bytes
        lambda: _csv(_row(1), _row(2, KHMER_NAME, KHMER_NAME)).encode("utf-8")[:-2],
        _csv(_row(1), _row(2, KHMER_NAME)),
    ),
    BadFile(
        "utf16-no-bom.csv",
        lambda: _csv(_row(1), _row(2, KHMER_NAME)).encode("utf-16-le"),
        _csv(_row(1), _row(2, KHMER_NAME)),
    ),
    BadFile(
        "five-megabyte-cell.csv",
        lambda: _csv(_row(1, comment="long " * 1_000_000)).encode(),
        _csv(_row(1)),
    ),
    BadFile(
        "ten-thousand-columns.csv",
        lambda: (
            WIDE_HEADER + "\n" + _csv(_row(1)).splitlines()[1] + ",x" * 10_000 + "\n"
        ).encode(),
        _csv(_row(1)),
    ),
    BadFile(
        "formulas.csv",
        lambda: _csv(
            (
                '=HYPERLINK("http://x.example","open")',
                "",
                "=1+2",
                "f@formula.example",
                "Yes",
                "@SUM(A1:A9)",
            ),
            ("+cmd|' /C calc'!A0", "", "-2+3", "g@formula.example", "Yes", "=A1"),
        ).encode(),
        '=HYPERLINK("http://x.example","open")\n+cmd|\' /C calc\'!A0',
    ),
    BadFile("really-xlsx.csv", lambda: _xlsx(_row(1)), _csv(_row(1))),
    BadFile("really-csv.xlsx", lambda: _csv(_row(1)).encode(), _csv(_row(1))),
    BadFile("truncated.xlsx", lambda: _xlsx(_row(1))[:2000], "", must_fail=True),
    BadFile("header-only.csv", lambda: _csv().encode(), ""),
]


def _counts(db_path: Path) -> tuple[int, ...]:
    db = open_database(db_path, daily_backup=False)
    try:
        return tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("organisations", "contacts", "signons", "imported_rows", "audit_log")
        )
    finally:
        db.close()


def _stored_names(db_path: Path) -> list[str]:
    db = open_database(db_path, daily_backup=False)
    try:
        return [row[0] for row in db.execute("SELECT name FROM organisations")]
    finally:
        db.close()


@pytest.mark.parametrize(
    "bad",
    [pytest.param(bad, id=bad.name) for bad in CORPUS],
)
def test_bad_file_gives_a_correct_result_or_one_clear_error(
    bad: BadFile, db_path: Path, tmp_path: Path, capsys
) -> None:
    db = open_database(db_path)
    statement_id = statements.create_issued_statement(db, "Open the archives", "We ask for access.")
    db.close()
    before = _counts(db_path)
    source = tmp_path / bad.name
    source.write_bytes(bad.content())
    capsys.readouterr()

    code = main(["--db", str(db_path), "import", str(source), "--statement", str(statement_id),
                 "--report-dir", str(tmp_path)])  # fmt: skip

    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 2), err
    if code == 2 or bad.must_fail:
        assert code == 2, f"{bad.name} was accepted"
        assert err.count("\n") == 1 and err.startswith("signapp: ") and bad.name in err, err
        assert _counts(db_path) == before
    else:
        for name in _stored_names(db_path):
            assert name in bad.true_text, f"stored {name!r}, which {bad.name} does not hold"
