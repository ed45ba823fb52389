"""SIGKILL part way through an import and an export.

After each kill the database passes ``check``, the import is wholly there or wholly
absent, and the PDF (or CSV) at the output path is the previous file or a complete
new one, never half of one.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from signapp.core import statements
from signapp.core.db import check_database, open_database
from tests.safety.killing import (
    environment,
    kill_during_runs,
    run_and_kill,
    signapp_command,
    timed_run,
)

ROWS = 3000
KILLS = 10
HEADER = [
    "Timestamp",
    "Name of your organisation",
    "Country",
    "Contact person",
    "Email address",
    "List your organisation publicly?",
]

pytestmark = pytest.mark.slow


def _write_form_export(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    f"2024-03-05 10:{number % 60:02d}:00",
                    f"Tidewater Collective {number:05d}",
                    "Cambodia",
                    f"Organiser {number}",
                    f"organiser{number}@tidewater{number}.org",
                    "Yes" if number % 3 else "No",
                ]
            )
    return path


@pytest.fixture(scope="module")
def form_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_form_export(tmp_path_factory.mktemp("form") / "responses.csv", ROWS)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "signapp.sqlite"
    db = open_database(path)
    statements.create_issued_statement(
        db, "Clean water for every village", "We call for clean water."
    )
    db.close()
    return path


def _counts(db_path: Path) -> tuple[int, ...]:
    db = open_database(db_path, daily_backup=False)
    try:
        assert check_database(db) == []
        return tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("organisations", "contacts", "signons", "imported_rows")
        )
    finally:
        db.close()


def _kill_repeatedly(
    template: Path,
    tmp_path: Path,
    command_for: Callable[[Path], list[str]],
    verify: Callable[[Path], None],
    prepare: Callable[[Path], None] = lambda db_path: None,
) -> None:
    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        db_path = folder / template.name
        shutil.copy(template, db_path)
        prepare(db_path)
        return db_path

    probe = fresh("probe")
    duration = timed_run(command_for(probe), environment())

    def attempt(number: int, delay: float) -> bool:
        db_path = fresh(f"kill{number}")
        killed = run_and_kill(command_for(db_path), environment(), delay)
        verify(db_path)
        return killed

    interrupted = kill_during_runs(duration, KILLS, attempt)
    assert interrupted > KILLS // 2, "too few runs were still going when killed"


def test_killed_import_is_wholly_there_or_wholly_absent(
    template: Path, form_export: Path, tmp_path: Path
) -> None:
    outcomes: list[tuple[int, ...]] = []

    def verify(db_path: Path) -> None:
        counts = _counts(db_path)
        assert counts in {(0, 0, 0, 0), (ROWS, ROWS, ROWS, ROWS)}, counts
        outcomes.append(counts)

    _kill_repeatedly(
        template,
        tmp_path,
        lambda db_path: signapp_command("--db", str(db_path), "import", str(form_export),
                                        "--statement", "1", "--report-dir", str(db_path.parent)),
        verify,
    )  # fmt: skip
    assert (0, 0, 0, 0) in outcomes  # at least one kill landed before the commit


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def imported_template(
    template: Path, form_export: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("imported") / "signapp.sqlite"
    shutil.copy(template, path)
    command = signapp_command(
        "--db", str(path), "import", str(form_export), "--statement", "1",
        "--report-dir", str(path.parent),
    )  # fmt: skip
    timed_run(command, environment())
    return path


def _previous_export(db_path: Path, name: str) -> Path:
    """An export made before the list grew: the file a killed export must not damage."""
    previous = db_path.parent / name
    previous.write_bytes(b"%PDF-1.4 previous export stands in here\n%%EOF\n")
    return previous


EXPORTS = [("export-pdf", "signed.pdf"), ("export-csv", "list.csv")]


@pytest.mark.parametrize(("kind", "name"), EXPORTS)
def test_killed_export_leaves_the_previous_file_or_a_complete_new_one(
    imported_template: Path, tmp_path: Path, kind: str, name: str
) -> None:
    previous_digests: dict[Path, str] = {}

    def prepare(db_path: Path) -> None:
        previous_digests[db_path] = _digest(_previous_export(db_path, name))

    def verify(db_path: Path) -> None:
        out = db_path.parent / name
        assert out.exists()
        if _digest(out) != previous_digests[db_path]:
            _assert_complete(out)
        # A kill in the instant between naming the finished temporary and renaming it
        # over the export can leave it: complete, never a half file; the next export
        # removes it (test below).
        for leftover in db_path.parent.glob(f".{name}.*.part"):
            _assert_complete(leftover, as_suffix=out.suffix)
        _counts(db_path)

    _kill_repeatedly(
        imported_template,
        tmp_path,
        lambda db_path: signapp_command(
            "--db", str(db_path), kind, "--statement", "1", "--out", str(db_path.parent / name)
        ),
        verify,
        prepare,
    )


def test_the_next_export_removes_a_temporary_left_by_a_kill(
    imported_template: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "stale"
    folder.mkdir()
    db_path = folder / imported_template.name
    shutil.copy(imported_template, db_path)
    stale = folder / ".signed.pdf.0123456789ab.part"
    stale.write_bytes(b"%PDF-1.4 half of a file")
    command = signapp_command(
        "--db", str(db_path), "export-pdf", "--statement", "1", "--out", str(folder / "signed.pdf")
    )
    timed_run(command, environment())
    assert not stale.exists()
    _assert_complete(folder / "signed.pdf")


def _assert_complete(out: Path, as_suffix: str | None = None) -> None:
    if (as_suffix or out.suffix) == ".pdf":
        reader = PdfReader(out)
        assert len(reader.pages) > 0
        assert "Tidewater Collective 02999" in reader.pages[-1].extract_text() or any(
            "Tidewater Collective 02999" in page.extract_text() for page in reader.pages
        )
    else:
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert sum("Tidewater Collective" in " ".join(row) for row in rows) == ROWS * 2 // 3
