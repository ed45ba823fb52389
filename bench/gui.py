"""Start-up and search speed of the desktop app with 50,000 organisations.

Fills a database with 50,000 organisations and 100,000 contacts (through core
functions), then prints:

* start-up to a loaded window (``main.py --quit-after-load``) next to a bare PySide6
  window with an empty table started the same way (target: under 4 times it), and
  the start-up when the file must be checked in full (changed since signapp closed it);
* keystroke in the directory's search field to filtered table (target: under 50 ms).

Usage: ``python bench/gui.py [--db PATH] [--runs N]`` (an existing PATH is reused).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from signapp.core.backups import backups_folder
from signapp.core.clean_close import STAMP_NAME

REPO_ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ORGANISATIONS = 50_000
CONTACTS_EACH = 2

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv)
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 7))
window.setCentralWidget(table)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

WORDS = ("River", "Land", "Water", "Rights", "Women", "Youth", "Fishers", "Farmers", "Forest")
KINDS = ("local_ngo", "network", "trade_union", "community_group", "international_ngo")
COUNTRIES = ("KH", "TH", "MM", "VN", "FR", "DE", "JO", "EG", "PH", "ID")
LOCAL_NAMES = ("សមាគមកសិករ", "เครือข่ายชาวประมง", "جمعية المياه", "မြစ်ကမ်းအဖွဲ့", None, None)


def fill(path: Path) -> None:
    from signapp.core.contacts import add_contact
    from signapp.core.db import open_database, transaction
    from signapp.core.organisations import add_organisation

    rng = random.Random(20261127)
    db = open_database(path)
    started = time.perf_counter()
    with transaction(db):
        for number in range(ORGANISATIONS):
            words = rng.sample(WORDS, 2)
            local = rng.choice(LOCAL_NAMES)
            org_id = add_organisation(
                db,
                f"{words[0]} and {words[1]} Group {number}",
                local_name=f"{local} {number}" if local else None,
                acronym=f"{words[0][0]}{words[1][0]}G{number}",
                kind=rng.choice(KINDS),
                country=rng.choice(COUNTRIES),
            )
            for contact in range(CONTACTS_EACH):
                add_contact(
                    db,
                    org_id,
                    f"Person {number}-{contact}",
                    email=f"p{number}.{contact}@example.org",
                )
    db.close()
    print(f"filled {path} in {time.perf_counter() - started:.1f} s")


def time_command(
    command: list[str], runs: int, before_each: Callable[[], None] | None = None
) -> float:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with tempfile.TemporaryDirectory() as config:
        environment["XDG_CONFIG_HOME"] = config
        times = []
        for _ in range(runs):
            if before_each is not None:
                before_each()
            started = time.perf_counter()
            subprocess.run(command, env=environment, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def keystroke_times(path: Path) -> list[tuple[str, float]]:
    from PySide6.QtTest import QTest

    from signapp.core.db import open_database
    from signapp.ui.app import application
    from signapp.ui.main_window import ORGANISATIONS as DIRECTORY
    from signapp.ui.main_window import MainWindow
    from signapp.ui.resources import SAMPLE_CAMPAIGN
    from signapp.ui.settings import Settings
    from signapp.ui.undo import UndoStack

    app = application([sys.argv[0]])
    db = open_database(path)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_file(Path(folder) / "bench.ini")
        window = MainWindow(db, UndoStack(), settings, sample_path=SAMPLE_CAMPAIGN)
        window.show()
        window.show_view(DIRECTORY)
        app.processEvents()
        field = window.directory.search_field
        model = window.directory.model
        results = []
        for text in ("w", "wa", "wat", "wate", "water", "water 12", "e", "p1234.1@ex"):
            field.setText(text[:-1])
            app.processEvents()
            started = time.perf_counter()
            QTest.keyClick(field, text[-1])
            app.processEvents()  # layout and paint of the filtered table
            results.append(
                (f"{text!r} -> {model.rowCount():,} rows", time.perf_counter() - started)
            )
        window.close()
    db.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = options.db or Path(folder.name) / "bench.sqlite"
    if not path.exists():
        fill(path)
    # Started as an installed signapp starts: with its bytecode compiled, as pip does on
    # install (with PYTHONDONTWRITEBYTECODE set, every start would compile it again).
    compileall.compile_dir(REPO_ROOT / "signapp", quiet=1)
    python = sys.executable
    app_command = [python, str(REPO_ROOT / "main.py"), "--db", str(path), "--quit-after-load"]
    app_start = time_command(app_command, options.runs)
    bare_start = time_command([python, "-c", BARE_WINDOW], options.runs)
    clean_close_note = backups_folder(path) / STAMP_NAME
    checked_start = time_command(
        app_command, options.runs, before_each=lambda: clean_close_note.unlink(missing_ok=True)
    )
    print(f"start-up to loaded window, {ORGANISATIONS:,} organisations: {app_start * 1000:.0f} ms")
    print(f"bare PySide6 window with an empty table:          {bare_start * 1000:.0f} ms")
    print(f"ratio: {app_start / bare_start:.2f} (target under 4)")
    print(
        f"start-up checking the whole file (changed since signapp closed it): "
        f"{checked_start * 1000:.0f} ms, ratio {checked_start / bare_start:.2f}"
    )
    print("keystroke in the search field to filtered table:")
    times = keystroke_times(path)
    for label, seconds in times:
        print(f"  {label:40s} {seconds * 1000:6.1f} ms")
    worst = max(seconds for _, seconds in times)
    print(f"  worst {worst * 1000:.1f} ms (target under 50 ms)")
    folder.cleanup()


if __name__ == "__main__":
    main()
