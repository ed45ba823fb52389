"""Time the first PDF export on a fresh account against later ones.

Run from the repository root::

    python bench/first_export.py

Loads the sample campaign into a new database, then runs ``signapp export-pdf`` (Khmer
and English) three times as separate processes, the first with an empty cache folder
(``XDG_CACHE_HOME`` pointing at a new folder, as on a fresh account). The target: the
first export takes at most twice as long as a later one, plus a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from signapp.core.db import close_database, open_database
from signapp.core.sample import load_sample_campaign

REPO_ROOT = Path(__file__).resolve().parents[1]


def export_seconds(db_path: Path, out: Path, environment: dict[str, str]) -> float:
    command = [sys.executable, "-m", "signapp", "--db", str(db_path), "export-pdf"]
    command += ["--statement", "1", "--out", str(out), "--languages", "km,en"]
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db_path = root / "sample.sqlite"
        db = open_database(db_path)
        load_sample_campaign(db, REPO_ROOT / "data" / "sample_campaign.json")
        close_database(db)
        environment = {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}
        environment.pop("SIGNAPP_FONT_CACHE", None)
        environment["PYTHONPATH"] = str(REPO_ROOT)
        first = export_seconds(db_path, root / "first.pdf", environment)
        later = min(export_seconds(db_path, root / f"later{n}.pdf", environment) for n in (1, 2))
        limit = 2 * later + 1
        print(f"first export (empty cache): {first:.2f} s")
        print(f"later export (best of 2):   {later:.2f} s")
        print(f"limit (2 x later + 1 s):    {limit:.2f} s  {'ok' if first <= limit else 'OVER'}")


if __name__ == "__main__":
    main()
