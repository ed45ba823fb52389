"""Import speed: form exports of 5,000 and 50,000 rows against a bare sqlite-utils insert.

Each export mixes Latin, Khmer, Thai and Cyrillic names; 5 % of the rows are the same
organisation submitting again with its name spelled differently (capitals, stray
spaces, acronym in brackets, "&" for "and", accents dropped, email in capitals).

Run from the repository root:  python bench/import.py [--rows 5000 50000] [--keep DIR]

Two measures, each the best of ``--repeat`` runs:

* whole process, as a coordinator runs it: ``signapp import FILE`` from the start of
  Python to its exit, against a Python process that reads the same CSV and inserts its
  rows with sqlite-utils (``BARE_INSERT``). The database with its statement is made
  before the clock starts, in both.
* the import call alone (``import_file``) against the ``insert_all`` call alone, in one
  process, with what a running signapp has loaded once already (collation, countries).

Targets: the 5,000-row import, whole process, under 6 times the bare insert; the
50,000-row import under 12 times the 5,000-row one (import call alone).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from signapp.core.db import open_database
from signapp.core.statements import create_issued_statement
from signapp.core.text import sort_key
from signapp.importing.apply import import_file
from signapp.importing.countries import resolve_country

REPO_ROOT = Path(__file__).resolve().parents[1]

HEADER = [
    "Timestamp",
    "Name of your organisation",
    "Name in local language",
    "Acronym",
    "Country",
    "Type of organisation",
    "Contact person",
    "Position",
    "Email address",
    "Phone number",
    "Would you like your organisation to be listed publicly?",
    "Comments",
]
THEMES = [
    "Women's",
    "Youth",
    "Farmers'",
    "Fishers'",
    "Teachers'",
    "Health Workers'",
    "Human Rights",
    "Land & Forest",
    "Peace and Justice",
    "Migrant Workers'",
    "Disability Rights",
    "Indigenous Peoples'",
    "Clean Water",
    "Press Freedom",
    "Street Vendors'",
    "Garment Workers'",
    "Climate Action",
    "Children's Rights",
]
FORMS = [
    "Association",
    "Network",
    "Union",
    "Alliance",
    "Forum",
    "Coalition",
    "Collective",
    "Council",
    "Foundation",
    "Centre",
    "Initiative",
    "Federation",
    "Society",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "sen",
    "to",
    "vi",
    "an",
    "bor",
    "del",
    "ny",
    "pa",
    "qui",
    "sa",
    "tam",
    "u",
    "we",
    "xe",
    "yo",
    "zu",
    "ché",
    "mé",
    "ño",
    "ré",
]
COUNTRIES = [
    "Cambodia",
    "Cambodge",
    "Thailand",
    "ประเทศไทย",
    "Kenya",
    "Peru",
    "Perú",
    "Ukraine",
    "Україна",
    "Philippines",
    "Filipinas",
    "Nepal",
    "Senegal",
    "Sénégal",
    "Brazil",
    "Brasil",
    "KH",
    "TH",
    "KE",
]
KHMER_WORDS = ["សមាគម", "បណ្តាញ", "សហគមន៍", "យុវជន", "ស្ត្រី", "កសិករ", "ការពារ", "សិទ្ធិ"]
THAI_WORDS = ["เครือข่าย", "สมาคม", "เยาวชน", "สตรี", "เกษตรกร", "สิทธิ", "ชุมชน"]
CYRILLIC_WORDS = ["Союз", "Сеть", "Молодёжь", "Женщины", "Фермеры", "Права", "Фонд"]
KINDS = ["Local NGO", "International NGO", "Trade union", "Network", "Community group", ""]


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _local_name(rng: random.Random, place: str) -> str:
    words = rng.choice([KHMER_WORDS, THAI_WORDS, CYRILLIC_WORDS])
    return " ".join(rng.sample(words, 3)) + " " + place


def _variant(name: str, acronym: str, rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return "  " + name.replace(" ", "   ", 2) + " "
    if choice == 2:
        return f"{name} ({acronym})"
    if choice == 3:
        return name.replace(" and ", " & ") if " and " in name else name.replace(" & ", " and ")
    if choice == 4:
        decomposed = unicodedata.normalize("NFD", name)
        return "".join(char for char in decomposed if not unicodedata.combining(char))
    return name.lower()


def generate_rows(count: int, seed: int = 7) -> list[list[str]]:
    """A form export of ``count`` rows, 5 % of them resubmissions with variant spellings."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    originals: list[list[str]] = []
    used: set[str] = set()
    while len(rows) < count:
        day = 1 + len(rows) * 27 // count
        stamp = f"2024/03/{day:02d} {rng.randint(1, 12)}:{rng.randint(0, 59):02d}:00 PM GMT+7"
        if originals and rng.random() < 0.05:
            original = rng.choice(originals)
            row = list(original)
            row[0] = stamp
            row[1] = _variant(original[1], original[3] or "ORG", rng)
            row[8] = original[8].upper() if rng.random() < 0.5 else original[8]
            row[10] = rng.choice(["Yes", "No"])
            rows.append(row)
            continue
        place = _place(rng)
        name = f"{place} {rng.choice(THEMES)} {rng.choice(FORMS)}"
        if name in used:
            continue
        used.add(name)
        acronym = "".join(word[0] for word in name.split() if word[0].isalpha()).upper()
        ascii_place = unicodedata.normalize("NFD", place).encode("ascii", "ignore").decode()
        slug = f"{ascii_place.lower()}{len(rows)}"
        row = [
            stamp,
            name,
            _local_name(rng, place) if rng.random() < 0.4 else "",
            acronym if rng.random() < 0.5 else "",
            rng.choice(COUNTRIES),
            rng.choice(KINDS),
            f"{rng.choice(['Ana', 'Sok', 'Olena', 'Malee', 'Juan', 'Awa'])} {place}",
            rng.choice(["Director", "Coordinator", "Chair", ""]),
            f"contact@{slug}.org",
            f"+855 12 {rng.randint(100000, 999999)}",
            rng.choice(["Yes", "Yes", "Yes", "No"]),
            rng.choice(["", "", "We support this statement.", "Count us in"]),
        ]
        originals.append(row)
        rows.append(row)
    return rows


def write_export(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def time_bare_insert(folder: Path, rows: list[list[str]]) -> float:
    path = folder / "bare.sqlite"
    path.unlink(missing_ok=True)
    db = Database(path)
    records = [dict(zip(HEADER, row, strict=True)) for row in rows]
    started = time.perf_counter()
    db["responses"].insert_all(records)  # type: ignore[union-attr]
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def forget_earlier_imports() -> None:
    """Empty the memos an import fills (folded names, answers read), keeping the tables
    loaded once at start-up, so that every timed import starts as the first of a session.
    """
    modules = [module for name, module in sys.modules.items() if name.startswith("signapp.")]
    for module in modules:
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if callable(parameters) and parameters()["maxsize"] is not None:
                value.cache_clear()


def time_import(folder: Path, export: Path) -> tuple[float, str]:
    path = folder / "signapp.sqlite"
    for leftover in folder.glob("signapp.sqlite*"):
        leftover.unlink()
    db = open_database(path)
    statement_id = create_issued_statement(db, "Bench statement", "We, the undersigned, ...")
    forget_earlier_imports()
    started = time.perf_counter()
    result = import_file(db, export, statement_id, report_folder=folder)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, result.summary_line()


# The bare insert as a program: read the export, insert its rows, close.
BARE_INSERT = """
import csv, sys
from sqlite_utils import Database
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    reader = csv.reader(handle)
    header = next(reader)
    rows = [dict(zip(header, row)) for row in reader]
db = Database(sys.argv[2])
db["responses"].insert_all(rows)
db.close()
"""


def _timed_process(command: list[str]) -> float:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def time_bare_insert_process(folder: Path, export: Path) -> float:
    path = folder / "bare-process.sqlite"
    path.unlink(missing_ok=True)
    return _timed_process([sys.executable, "-c", BARE_INSERT, str(export), str(path)])


def time_import_process(folder: Path, export: Path) -> float:
    """``signapp import`` as a person runs it, into a new database with one statement."""
    path = folder / "process.sqlite"
    for leftover in folder.glob("process.sqlite*"):
        leftover.unlink()
    db = open_database(path)
    statement_id = create_issued_statement(db, "Bench statement", "We, the undersigned, ...")
    db.close()
    command = [sys.executable, "-m", "signapp", "--db", str(path), "import", str(export)]
    command += ["--statement", str(statement_id), "--report-dir", str(folder / "reports")]
    return _timed_process(command)


def warm_up() -> float:
    """Load what a running signapp has loaded once already (collation table, country
    names in 33 languages), so that it is timed apart from the import itself."""
    started = time.perf_counter()
    sort_key("warm up")
    resolve_country("warm up")
    return time.perf_counter() - started


# The targets: the import of SMALL rows under SMALL_RATIO times the bare insert, and the
# import of LARGE rows under GROWTH times the import of SMALL.
SMALL, LARGE = 5000, 50000
SMALL_RATIO, GROWTH = 6, 12


def _verdict(target: str, met: bool) -> str:
    return f"target {target}: {'met' if met else 'NOT met'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    parser.add_argument("--keep", type=Path, help="keep the exports and databases here")
    args = parser.parse_args()
    print(f"one-time start-up (collation table, country names): {warm_up():.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        timings: dict[int, float] = {}
        process_ratios: dict[int, float] = {}
        for count in args.rows:
            folder = base / f"rows-{count}"
            folder.mkdir(parents=True, exist_ok=True)
            rows = generate_rows(count)
            export = folder / "export.csv"
            write_export(export, rows)
            runs: dict[str, list[float]] = {"bare": [], "import": [], "bare process": []}
            runs["import process"] = []
            for _ in range(args.repeat):
                runs["bare process"].append(time_bare_insert_process(folder, export))
                runs["import process"].append(time_import_process(folder, export))
                runs["bare"].append(time_bare_insert(folder, rows))
                imported, summary = time_import(folder, export)
                runs["import"].append(imported)
            best = {name: min(times) for name, times in runs.items()}
            timings[count] = best["import"]
            process_ratios[count] = best["import process"] / best["bare process"]
            print(
                f"{count:>6} rows, whole process: signapp import {best['import process']:6.2f} s, "
                f"bare sqlite-utils insert {best['bare process']:6.3f} s, "
                f"ratio {process_ratios[count]:5.1f}x (best of {args.repeat})"
            )
            print(
                f"{count:>6} rows, the calls alone: import_file {best['import']:6.2f} s, "
                f"insert_all {best['bare']:6.3f} s, ratio {best['import'] / best['bare']:5.1f}x"
            )
            print(f"        {summary}")
        if SMALL in process_ratios:
            print(
                _verdict(
                    f"{SMALL} rows, whole process, under {SMALL_RATIO}x the bare insert",
                    process_ratios[SMALL] < SMALL_RATIO,
                )
            )
        if len(timings) >= 2:
            small, large = min(timings), max(timings)
            growth = timings[large] / timings[small]
            print(
                f"{large} rows took {growth:.1f}x the time of {small} "
                f"({large / small:.0f}x the rows; import call alone)"
            )
            if (small, large) == (SMALL, LARGE):
                print(_verdict(f"{LARGE} rows under {GROWTH}x the {SMALL}", growth < GROWTH))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
