"""An import leaves the search index as rebuilding it organisation by organisation does."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlite_utils import Database

from signapp.core.contacts import add_contact
from signapp.core.organisations import add_organisation, list_organisations, reindex_organisations
from signapp.core.statements import create_issued_statement
from signapp.importing.apply import import_file

HEADER = ["Organisation", "Local name", "Acronym", "Country", "Contact", "Email", "Website"]
ROWS = [
    ["River Keepers", "", "RK", "Cambodia", "Sok Dara", "dara@riverkeepers.org", ""],
    ["Sahakum Teang Tnaut", "សហគមន៍ទាំងត្នោត", "STT", "KH", "Vanna", "", "stt.org.kh"],
    ["Sahakum Teang Tnaut", "", "", "KH", "Chenda", "chenda@stt.org.kh", ""],
    ["Ärzte für Frieden", "", "", "Deutschland", "", "info@aerzte-frieden.de", ""],
    ["เครือข่ายเยาวชน", "", "", "ไทย", "Malee", "malee@yn.or.th", ""],
    ["Old Friends Forum", "", "", "Kenya", "Awa", "awa@oldfriends.org", ""],
]


def _search_rows(db: Database) -> list[tuple[int, str]]:
    return db.execute("SELECT rowid, text FROM organisation_search ORDER BY rowid").fetchall()


def test_imported_organisations_are_indexed_as_a_rebuild_indexes_them(
    db: Database, tmp_path: Path
) -> None:
    stored = add_organisation(db, "Old Friends Forum", country="KE")
    add_contact(db, stored, "Juma", email="juma@oldfriends.org")
    statement_id = create_issued_statement(db, "Protect the river", "We, the undersigned, ...")
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    import_file(db, export, statement_id, report_folder=tmp_path)

    after_import = _search_rows(db)
    ids = [row[0] for row in db.execute("SELECT id FROM organisations ORDER BY id")]
    assert [row[0] for row in after_import] == ids
    reindex_organisations(db, ids)
    assert _search_rows(db) == after_import
    assert "awa@oldfriends.org" in dict(after_import)[stored]
    found = list_organisations(db, search="chenda")
    assert [row.name for row in found] == ["Sahakum Teang Tnaut"]
