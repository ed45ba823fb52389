"""The ``import`` command: one summary line, clear errors, nothing written on a dry run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def _signapp(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "signapp", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _prepare(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "signapp.sqlite"
    text = tmp_path / "statement.md"
    text.write_text("We, the undersigned, ask for clean rivers.", encoding="utf-8")
    assert _signapp(db_path, "init").returncode == 0
    added = _signapp(db_path, "statement", "add", "--title", "Rivers", "--text-file", str(text))
    assert added.returncode == 0, added.stderr
    export = tmp_path / "export.csv"
    export.write_text(
        "Organisation,Country,Email,List publicly?\n"
        "River Guardians,Laos,noy@river.la,Yes\n"
        "RIVER  GUARDIANS,Laos,NOY@river.la,No\n"
        "Frends of the Mekong,Laos,a@mekong.org,Yes\n"
        "Friends of the Mekong,Laos,b@friends-mekong.org,Yes\n"
        ",Laos,c@x.org,Yes\n",
        encoding="utf-8",
    )
    return db_path, export


def test_import_prints_one_summary_line_and_leaves_fuzzy_pairs_separate(tmp_path: Path) -> None:
    db_path, export = _prepare(tmp_path)

    completed = _signapp(db_path, "import", str(export), "--statement", "1")

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "rows read 5, new organisations 3, matched existing 0, duplicates within the file 1, "
        "sign-ons recorded 3, rows rejected 1, pairs left for review 1; pairs left for review "
        "were kept as separate organisations"
    ]
    assert (tmp_path / "export.import-rejected.csv").exists()
    listed = _signapp(db_path, "signatories", "1").stdout
    assert "River Guardians" in listed and "anonymous" in listed


def test_dry_run_writes_nothing_and_says_so(tmp_path: Path) -> None:
    db_path, export = _prepare(tmp_path)

    completed = _signapp(db_path, "import", str(export), "--statement", "1", "--dry-run")

    assert completed.stdout.startswith("dry run, nothing written: rows read 5,")
    assert _signapp(db_path, "signatories", "1").stdout.strip() == ""
    assert not (tmp_path / "export.import-report.txt").exists()
    # The same report as an import writes: columns, merges, rejected rows, pairs.
    report = completed.stdout
    assert "  Organisation name <- 'Organisation'" in report
    assert (
        "  rows 2-3 (2 rows) -> 'River Guardians' (new): row 3 joined row 2 (same name and details)"
        in (report)
    )
    assert "  row 6: no organisation name" in report
    assert "'Frends of the Mekong' (rows 4) / 'Friends of the Mekong' (rows 5)" in report


def test_map_chooses_columns_and_the_dry_run_shows_the_mapping(tmp_path: Path) -> None:
    db_path, _ = _prepare(tmp_path)
    export = tmp_path / "names.csv"
    export.write_text(
        "Legal name,Printed,Publish?\n"
        "Asociacion Rio Verde,Rio Verde Association,Yes\n"
        "Kep Fishers,Kep Fishers Union,No\n",
        encoding="utf-8",
    )

    completed = _signapp(
        db_path, "import", str(export), "--statement", "1", "--dry-run",
        "--map", "Printed=organisation", "--map", "Legal name=",
        "--report-dir", str(tmp_path / "new" / "reports"),
    )  # fmt: skip

    assert completed.returncode == 0, completed.stderr
    assert "  Organisation name <- 'Printed'" in completed.stdout
    assert "not read: 'Legal name'" in completed.stdout
    unread = _signapp(db_path, "import", str(export), "--statement", "1", "--map", "Printed=")
    assert unread.returncode == 2
    assert unread.stderr.strip().endswith('name it with --map "COLUMN=organisation"')
    wrong = _signapp(
        db_path, "import", str(export), "--statement", "1", "--map", "Nom=organisation"
    )
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("signapp: --map 'Nom=organisation': the file has no column")
    done = _signapp(
        db_path, "import", str(export), "--statement", "1", "--map", "Printed=organisation",
        "--report-dir", str(tmp_path / "new" / "reports"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "new" / "reports" / "names.import-report.txt").exists()
    listed = _signapp(db_path, "signatories", "1").stdout
    assert "Rio Verde Association" in listed and "Asociacion" not in listed


def test_a_file_that_is_not_a_table_gets_one_line_and_exit_code_2(tmp_path: Path) -> None:
    db_path, _ = _prepare(tmp_path)
    image = tmp_path / "photo.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)

    completed = _signapp(db_path, "import", str(image), "--statement", "1")

    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        f"signapp: {image} is a PNG image, not a table (CSV or XLSX)"
    ]


def test_importing_into_a_published_statement_records_it_and_says_to_export_again(
    tmp_path: Path,
) -> None:
    from signapp.core.db import open_database
    from signapp.core.model import StatementStatus
    from signapp.core.statements import create_issued_statement, set_statement_status

    db_path = tmp_path / "signapp.sqlite"
    db = open_database(db_path)
    statement_id = create_issued_statement(db, "Free the river defenders", "We call for ...")
    set_statement_status(db, statement_id, StatementStatus.PUBLISHED)
    db.close()
    export = tmp_path / "late.csv"
    export.write_text("Organisation,Country\nLate River Network,Cambodia\n", encoding="utf-8")

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "signapp",
            "--db",
            str(db_path),
            "import",
            str(export),
            "--statement",
            str(statement_id),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=True,
    )

    assert "sign-ons recorded 1" in result.stdout
    assert "is published" in result.stderr and "export the PDF again" in result.stderr
    report = (tmp_path / "late.import-report.txt").read_text(encoding="utf-8")
    assert "is published" in report
