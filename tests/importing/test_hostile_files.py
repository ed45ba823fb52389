"""Files that would exhaust memory or time, or read what they should not, are refused
with one clear line, and what is read stays bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlite_utils import Database

from signapp.core.statements import create_issued_statement
from signapp.importing import workbooks
from signapp.importing.apply import import_file
from signapp.importing.reading import NotATable, read_table
from tests.conftest import REPO_ROOT


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


FORM = [["Organisation", "Country", "Email"], ["River Guardians", "Laos", "noy@river.la"]]


def test_a_stray_note_far_to_the_right_does_not_widen_every_row(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in FORM * 1 + [["Kep Fishers", "Cambodia", "kep@fish.kh"]]:
        sheet.append(row)
    sheet["XFD3"] = "note: check this one"
    sheet["XFD1048576"] = "x"
    book.save(path)

    started = time.perf_counter()
    table = read_table(path)

    assert time.perf_counter() - started < 10
    assert table.header == ("Organisation", "Country", "Email")
    assert [row.values for row in table.rows] == [
        ("River Guardians", "Laos", "noy@river.la"),
        ("Kep Fishers", "Cambodia", "kep@fish.kh"),
    ]


def test_reading_a_workbook_with_a_far_cell_stays_small_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in FORM:
        sheet.append(row)
    for column in ("XFA", "XFB", "XFC", "XFD"):
        sheet[f"{column}1048576"] = "far"
    book.save(path)
    # The peak of this process alone: ru_maxrss also keeps the peak of the process it
    # was started from (the test run, hundreds of MB late in a full run), VmHWM does not.
    script = (
        "import re, sys\n"
        "from signapp.importing.reading import read_table\n"
        "table = read_table(sys.argv[1])\n"
        "status = open('/proc/self/status').read()\n"
        "print(len(table.header), re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
    )

    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=True,
        timeout=120,
    )

    width, kibibytes = map(int, done.stdout.split())
    assert width == 3
    assert kibibytes < 300 * 1024


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "MAX_PART_BYTES", 1024 * 1024)
    path = _workbook(tmp_path / "bomb.xlsx", FORM)
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as part,
    ):
        for _ in range(3):
            part.write(b"\0" * 1024 * 1024)

    with pytest.raises(NotATable, match=r"xl/media/padding.bin unpacks to 3 MB, more than"):
        read_table(path)


def _sheet_xml(*rows: list[str]) -> bytes:
    """A worksheet holding ``rows`` as inline strings (openpyxl cuts what it writes)."""
    cells = "".join(
        f'<row r="{number}">'
        + "".join(
            f'<c r="{chr(65 + column)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for column, value in enumerate(row)
        )
        + "</row>"
        for number, row in enumerate(rows, start=1)
    )
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def test_a_cell_longer_than_a_csv_field_may_be_is_refused_naming_it(tmp_path: Path) -> None:
    form = _workbook(tmp_path / "form.xlsx", FORM)
    too_long = _with_part(
        form, "xl/worksheets/sheet1.xml", _sheet_xml(FORM[0], ["A" * 131_073, "Laos"])
    )

    with pytest.raises(NotATable, match=r"row 2, column 1 holds 131,073 characters"):
        read_table(too_long)
    longest = _with_part(
        form, "xl/worksheets/sheet1.xml", _sheet_xml(FORM[0], ["A" * 131_072, "Laos"])
    )
    assert len(read_table(longest).rows[0].values[0]) == 131_072


def _with_part(path: Path, name: str, content: bytes) -> Path:
    """A copy of the workbook ``path`` with its part ``name`` replaced by ``content``."""
    hostile = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = content if item.filename == name else source.read(item.filename)
            target.writestr(item, data)
    return hostile


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
_EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


@pytest.mark.parametrize(
    ("part", "content"),
    [
        ("xl/worksheets/sheet1.xml", _LAUGHS),
        ("xl/worksheets/sheet1.xml", _EXTERNAL),
        ("xl/workbook.xml", _LAUGHS),
    ],
)
def test_xml_entities_get_one_line_and_exit_code_2(
    tmp_path: Path, db: Database, db_path: Path, part: str, content: bytes
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in FORM:
        sheet.append(row)
    book.save(tmp_path / "form.xlsx")
    if part == "xl/workbook.xml":  # a declaration in front of the real workbook part
        with zipfile.ZipFile(tmp_path / "form.xlsx") as archive:
            content = content.split(b"]>")[0] + b"]>" + archive.read(part)
    hostile = _with_part(tmp_path / "form.xlsx", part, content)
    statement_id = create_issued_statement(db, "Rivers", "We ask ...")
    db.close()

    done = subprocess.run(
        [sys.executable, "-m", "signapp", "--db", str(db_path), "import", str(hostile),
         "--statement", str(statement_id)],
        capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip

    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"signapp: {hostile} is refused: its XML declares entities (a way to make a file "
        "expand or read other files), which no spreadsheet program writes; save it again "
        "as .xlsx or CSV"
    ]


def test_devices_and_named_pipes_are_refused_not_read(tmp_path: Path) -> None:
    with pytest.raises(NotATable, match="not a regular file"):
        read_table("/dev/zero")
    pipe = tmp_path / "export.csv"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_table(pipe)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader before failing
        with pipe.open("w"):
            pass
    assert not reader.is_alive()
    assert isinstance(outcome[0], NotATable) and "not a regular file" in str(outcome[0])


def test_a_stray_quote_that_swallows_rows_is_refused_with_its_line(tmp_path: Path) -> None:
    lines = ["Organisation,Country,Email"]
    lines += [f"Group {n},Laos,g{n}@example.org" for n in range(1, 1001)]
    lines[5] = '"Group 5,Laos,g5@example.org'  # a quote opened and never closed
    path = tmp_path / "form.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(NotATable, match=r"a quote opened on line 6 is not closed .* lines 6-"):
        read_table(path)


def test_a_line_wider_than_any_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_text("Organisation,Country\nRiver Guardians" + "," * 5_000_000 + "\n")

    with pytest.raises(NotATable, match="line 2 has more than 16,384 columns"):
        read_table(path)


def test_a_cell_holding_a_few_lines_of_comment_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        'Organisation,Country,Comments\nRiver Guardians,Laos,"We sign.\nThank you,\n'
        'for this, and that.\nNoy"\nKep Fishers,Cambodia,\n',
        encoding="utf-8",
    )

    table = read_table(path)

    assert [row.values[0] for row in table.rows] == ["River Guardians", "Kep Fishers"]


def test_the_evidence_keeps_the_columns_read_and_the_cells_filled(
    db: Database, tmp_path: Path
) -> None:
    header = ["Organisation", "Country", *(f"Question {n}" for n in range(1, 40)), "Email"]
    row = ["River Guardians", "", *([""] * 39), "noy@river.la"]
    row[10] = "an answer to question 9"
    path = tmp_path / "wide.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    statement_id = create_issued_statement(db, "Rivers", "We ask ...")

    import_file(db, path, statement_id, report_folder=tmp_path)

    [raw] = [r[0] for r in db.execute("SELECT raw_source FROM signons")]
    import json

    values = json.loads(raw)["rows"][0]["values"]
    assert values == {
        "Organisation": "River Guardians",
        "Country": "",
        "Question 9": "an answer to question 9",
        "Email": "noy@river.la",
    }
