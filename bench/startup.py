"""Start-up of the desktop app with 5,000 organisations, against a bare PySide6 window.

Fills a database with 5,000 organisations (two contacts each) and a statement that
500 of them signed, then times, alternately in the same run, whole processes:

* ``main.py --quit-after-load`` (the window with its first view loaded);
* a bare PySide6 window with an empty table (``bench/gui.py``'s ``BARE_WINDOW``).

It prints the median of each and their ratio (target: within 4 times).

Usage: ``python bench/startup.py [--runs N]``.
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
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.gui import BARE_WINDOW  # noqa: E402

ORGANISATIONS = 5_000
SIGNED = 500
TARGET_RATIO = 4.0


def fill(path: Path) -> None:
    from signapp.core.contacts import add_contact
    from signapp.core.db import close_database, open_database, transaction
    from signapp.core.organisations import add_organisation
    from signapp.core.signons import record_signon
    from signapp.core.statements import create_statement, issue_version, save_draft_text

    rng = random.Random(5000)
    db = open_database(path)
    with transaction(db):
        statement_id = create_statement(db, "River defenders")
        save_draft_text(db, statement_id, "en", "We call for the release of the defenders.")
        issue_version(db, statement_id, "initial")
        for number in range(ORGANISATIONS):
            org_id = add_organisation(
                db, f"Group {number} for rivers", country=rng.choice(("KH", "TH", "FR"))
            )
            for contact in range(2):
                add_contact(db, org_id, f"Person {number}-{contact}")
            if number < SIGNED:
                record_signon(db, statement_id, org_id, status="confirmed")
    close_database(db)


def one_run(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        fill(path)
        # Compiled once, as an install does (with PYTHONDONTWRITEBYTECODE set, every
        # start would compile every module again).
        compileall.compile_dir(REPO_ROOT / "signapp", quiet=1)
        environment = {
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT),
            "XDG_CONFIG_HOME": folder,
            "XDG_DATA_HOME": folder,
        }
        app = [sys.executable, str(REPO_ROOT / "main.py"), "--db", str(path), "--quit-after-load"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        one_run(app, environment)  # the first start compiles the modules
        app_times, bare_times = [], []
        for _ in range(options.runs):
            app_times.append(one_run(app, environment))
            bare_times.append(one_run(bare, environment))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_median / bare_median
    print(f"organisations: {ORGANISATIONS:,} ({SIGNED} signed one statement); runs: {options.runs}")
    print(f"signapp, start to loaded window: {app_median * 1000:.0f} ms (median)")
    print(f"bare PySide6 window, empty table: {bare_median * 1000:.0f} ms (median)")
    print(f"ratio: {ratio:.2f}x (target within {TARGET_RATIO:.0f}x)")


if __name__ == "__main__":
    main()
