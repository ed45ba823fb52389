"""A name written only in a non-Latin script is also kept as the own-script name."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import organisations
from signapp.core.organisations import written_in_other_script


@pytest.mark.parametrize(
    "name",
    ["សមាគមអ្នកនេសាទខ្មែរ", "เครือข่ายชาวประมง", "جمعية الصيادين", "ငါးဖမ်းသမားများ"],
)
def test_a_non_latin_name_fills_the_own_script_field(db: Database, name: str) -> None:
    org_id = organisations.add_organisation(db, name)
    stored = organisations.get_organisation(db, org_id)
    assert stored.name == name and stored.local_name == name


def test_latin_names_and_given_own_script_names_are_left_as_they_are(db: Database) -> None:
    latin = organisations.add_organisation(db, "Ärzte für Flüsse")
    assert organisations.get_organisation(db, latin).local_name is None
    both = organisations.add_organisation(db, "សមាគមខ្មែរ", local_name="ខ្មែរ")
    assert organisations.get_organisation(db, both).local_name == "ខ្មែរ"
    assert not written_in_other_script("CLHR 2026")
    assert written_in_other_script("សមាគមអ្នកនេសាទ CLHR")


def test_an_imported_khmer_only_name_has_its_own_script_field(db: Database, tmp_path: Path) -> None:
    from signapp.core import statements
    from signapp.core.directory import ordered_organisation_ids
    from signapp.importing.apply import import_file

    statement_id = statements.create_issued_statement(db, "Rivers", "Text")
    sheet = tmp_path / "form.csv"
    sheet.write_text("Organisation,Country\nសមាគមអ្នកនេសាទខ្មែរ,KH\n", encoding="utf-8")
    import_file(db, sheet, statement_id)
    stored = [organisations.get_organisation(db, i) for i in ordered_organisation_ids(db)]
    assert [(o.name, o.local_name) for o in stored] == [("សមាគមអ្នកនេសាទខ្មែរ",) * 2]
