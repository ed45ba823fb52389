"""Time ``export-pdf`` for N confirmed signatories in mixed scripts, against bare ReportLab.

Run from the repository root::

    python bench/export_pdf.py            # N = 500, 5,000 and 50,000
    python bench/export_pdf.py 500 5000   # chosen sizes
    python bench/export_pdf.py --people 5000   # half of them people, with affiliations

For each N it builds a database through the core functions (one transaction), then
times the export, and times bare ReportLab laying out the same names: one Paragraph
each in a SimpleDocTemplate, plain font, no shaping. Each figure is the best of three
runs (one above 10,000 names). The target is an export within twice the bare figure
at N = 5,000, growing linearly with N. The export figure includes reading and
collating the list from the store, which is also shown on its own ("store").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlite_utils import Database

from signapp.core import organisations, people, signons, statements
from signapp.core.db import open_database, transaction
from signapp.export.fonts import font_set
from signapp.export.names import display_name
from signapp.export.pdf import PdfOptions, export_statement_pdf
from signapp.export.scripts import LATIN

# Name stems in the scripts signatories write; a counter keeps every name distinct.
STEMS = [
    ("Human Rights Network of the Mekong", None, "HRNM", "KH"),
    ("Hội Liên hiệp Phụ nữ tỉnh", None, None, "VN"),
    ("Ärzte für Gerechtigkeit", None, "ÄfG", "DE"),
    ("Association des Femmes Rurales", None, None, "FR"),
    ("Cambodian Youth Forum", "វេទិកាយុវជនកម្ពុជា", "CYF", "KH"),
    ("សមាគមការពារសិទ្ធិកសិករ", None, None, "KH"),
    ("เครือข่ายแรงงานข้ามชาติ", None, None, "TH"),
    ("جمعية النساء العربيات", None, None, "JO"),
    ("မြန်မာ အမျိုးသမီး ကွန်ရက်", None, None, "MM"),
    ("Trade Union Solidarity Centre", None, "TUSC", "GB"),
]
# People sign in their own name, their affiliation printed on the line below.
PEOPLE = [
    ("Sok Dara", "សុខ ដារ៉ា", "សាស្ត្រាចារ្យ សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "KH"),
    ("Somchai Rattanakorn", None, "อาจารย์ มหาวิทยาลัยเชียงใหม่", "TH"),
    ("Aung Ko Ko", None, "ရန်ကုန် တက္ကသိုလ် ကထိက", "MM"),
    ("Layla Haddad", None, "أستاذة في جامعة القاهرة", "EG"),
    ("Maria Keller", None, "Professor, University of Basel", "CH"),
]
TEXT = "# A statement\n\nWe, the undersigned, **call** for the release of all detained activists.\n"


def build_database(path: Path, count: int, people_share: float = 0.0) -> tuple[Database, int]:
    db = open_database(path)
    persons = int(count * people_share)
    with transaction(db):
        statement_id = statements.create_issued_statement(db, "Benchmark statement", TEXT)
        for index in range(persons):
            name, local, affiliation, country = PEOPLE[index % len(PEOPLE)]
            person_id = people.add_person(
                db, f"{name} {index}", local_name=local, affiliation=affiliation, country=country
            )
            signons.record_person_signon(db, statement_id, person_id)
        for index in range(count - persons):
            name, local, acronym, country = STEMS[index % len(STEMS)]
            org_id = organisations.add_organisation(
                db, f"{name} {index}", local_name=local, acronym=acronym, country=country
            )
            signons.record_signon(db, statement_id, org_id)
    return db, statement_id


def bare_reportlab(names: list[str], out: Path) -> float:
    """Seconds for ReportLab alone: one plain Paragraph per name, no shaping."""
    font = font_set().font_name(LATIN)
    style = ParagraphStyle("plain", fontName=font, fontSize=9.5, leading=12.5)
    started = time.perf_counter()
    story = [Paragraph(escape(name), style) for name in names]
    SimpleDocTemplate(str(out)).build(story)
    return time.perf_counter() - started


def run(
    count: int, folder: Path, repeat: int, people_share: float = 0.0
) -> tuple[float, float, float]:
    """Best of ``repeat`` runs, in seconds: the export, reading the list, bare ReportLab."""
    db, statement_id = build_database(folder / f"bench-{count}.sqlite", count, people_share)
    public = signons.public_signatories(db, statement_id)
    names = [display_name(s.printed_name, s.local_name, s.acronym) for s in public.listed]
    for person in signons.public_people(db, statement_id).listed:
        names.append(display_name(person.printed_name, person.local_name, None))
        names.append(person.affiliation or "")  # bare ReportLab: one more paragraph
    export_times, store_times, bare_times = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        # one column, as bare ReportLab sets them (the default chooses from the widths)
        options = PdfOptions(columns=1)
        export_statement_pdf(db, statement_id, folder / f"export-{count}.pdf", options)
        export_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        signons.public_signatories(db, statement_id)
        signons.public_people(db, statement_id)
        store_times.append(time.perf_counter() - started)
        bare_times.append(bare_reportlab(names, folder / f"bare-{count}.pdf"))
    db.close()
    return min(export_times), min(store_times), min(bare_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5_000, 50_000])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per size, best kept (1 above 10,000 names)"
    )
    parser.add_argument("--people", action="store_true", help="half of the signatories are people")
    args = parser.parse_args()
    font_set().font_name(LATIN, bold=True)  # a first run builds the cached bold font
    print(
        f"{'N':>7} {'export s':>9} {'of it store s':>14} {'bare s':>8} {'ratio':>6} {'ms/name':>8}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for count in args.sizes:
            repeat = args.repeat if count <= 10_000 else 1
            export_seconds, store_seconds, bare_seconds = run(
                count, Path(folder), repeat, 0.5 if args.people else 0.0
            )
            print(
                f"{count:>7,} {export_seconds:>9.2f} {store_seconds:>14.2f} {bare_seconds:>8.2f} "
                f"{export_seconds / bare_seconds:>6.2f} {1000 * export_seconds / count:>8.3f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
