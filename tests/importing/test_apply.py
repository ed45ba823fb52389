"""Importing into the store: one transaction, nothing lost, nothing imported twice."""

from __future__ import annotations

import csv
import itertools
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlite_utils import Database

from signapp.core import import_store
from signapp.core.audit import entries as audit_entries
from signapp.core.contacts import add_contact, list_contacts
from signapp.core.db import check_database
from signapp.core.errors import Cancelled, SignappError, ValidationError
from signapp.core.organisations import add_organisation, get_organisation, list_organisations
from signapp.core.signons import get_signon, list_signons, record_signon
from signapp.core.statements import create_issued_statement, create_statement, revise_statement
from signapp.importing import apply as apply_module
from signapp.importing.apply import apply_plan, import_file, initial_mapping, plan_import
from signapp.importing.mapping import Field, guess_mapping
from signapp.importing.plan import Decision, ImportPlan, apply_decisions
from signapp.importing.reading import NotATable, read_table
from signapp.importing.report import ImportResult, report_paths

HEADER = [
    "Timestamp",
    "Name of your organisation",
    "Name in local language",
    "Acronym",
    "Country",
    "Contact person",
    "Email address",
    "List your organisation publicly?",
    "Comments",
]
FORM_ROWS = [
    ["2024/03/05 10:00:00 AM GMT+7", "Coastal Fishers Union (CFU)", "", "", "Cambodia",
     "Srey Mom", "mom@cfu.org", "Yes", ""],
    ["2024/03/05 11:00:00 AM GMT+7", "Green Valley Farmers", "", "GVF", "Kenya",
     "Wanjiru K.", "W.K@GreenValley.org", "Yes", "Happy to help"],
    ["2024/03/06 09:00:00 AM GMT+7", "GREEN  valley farmers", "", "", "Kenya",
     "Otieno", "otieno@greenvalley.org", "No", ""],
    ["2024/03/06 10:00:00 AM GMT+7", "", "", "", "Laos", "Nobody", "x@y.org", "Yes", ""],
    ["2024/03/06 11:00:00 AM GMT+7", "Mountain Teachers", "", "", "Nepal", "Ram",
     "not an address", "Yes", ""],
    ["2024/03/06 12:00:00 PM GMT+7", "Youth Rights Network 12", "", "", "Cambodge", "Dara",
     "dara@yrn12.org", "Yes", ""],
    ["2024/03/06 01:00:00 PM GMT+7", "Youth Rights Network 45", "", "", "Camboya", "Vanna",
     "vanna@yrn45.org", "Yes", ""],
]  # fmt: skip


def _write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _statement(db: Database) -> int:
    return create_issued_statement(db, "Protect the river", "We, the undersigned, ...")


def _dump(db: Database) -> dict[str, list[Any]]:
    tables = ["organisations", "contacts", "signons", "audit_log", "imported_rows"]
    tables.append("import_mappings")
    return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables}


def test_rows_become_organisations_contacts_and_confirmed_signons(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    path = _write_csv(tmp_path / "form.csv", FORM_ROWS)

    result = import_file(db, path, statement_id)

    assert (
        result.rows_read,
        result.new_organisations,
        result.matched_existing,
        result.duplicates_within_file,
        result.signons_recorded,
        result.rows_rejected,
    ) == (7, 5, 0, 1, 5, 1)
    signons = {row.organisation_name: row.signon for row in list_signons(db, statement_id)}
    assert set(signons) == {
        "Coastal Fishers Union",
        "Green Valley Farmers",
        "Mountain Teachers",
        "Youth Rights Network 12",
        "Youth Rights Network 45",
    }
    farmers = signons["Green Valley Farmers"]
    assert farmers.status.value == "confirmed" and farmers.version_number == 1
    assert farmers.is_public is False  # one of its two submissions asked not to be named
    assert farmers.received_at == "2024-03-05T11:00:00+07:00"
    assert farmers.channel is not None and farmers.channel.value == "form"
    assert farmers.notes == "row 3: Happy to help"
    evidence = json.loads(farmers.raw_source or "")
    assert [row["row"] for row in evidence["rows"]] == [3, 4]
    assert evidence["rows"][0]["values"]["Email address"] == "W.K@GreenValley.org"
    coastal = get_organisation(db, signons["Coastal Fishers Union"].organisation_id)
    assert (coastal.acronym, coastal.country) == ("CFU", "KH")
    contacts = list_contacts(db, farmers.organisation_id)
    assert sorted(contact.name for contact in contacts) == ["Otieno", "Wanjiru K."]
    assert farmers.authorised_by in {contact.id for contact in contacts}
    assert [o.name for o in list_organisations(db, search="otieno")] == ["Green Valley Farmers"]
    assert check_database(db) == []
    created = [entry for entry in audit_entries(db, limit=1000) if entry.action == "create"]
    assert {"organisation", "contact", "sign-on"} <= {entry.entity for entry in created}
    assert sum(1 for entry in created if entry.entity == "sign-on") == 5
    tables = {"organisation": "organisations", "contact": "contacts", "sign-on": "signons"}
    for entry in (entry for entry in created if entry.entity in tables):
        stored = dict(db[tables[entry.entity]].get(entry.entity_id))
        stored.pop("name_sort", None)
        stored.pop("local_name_sort", None)
        evidence = stored.pop("raw_source", None)
        assert entry.after == stored  # each entry holds the row as it was created...
        assert evidence is None or "W.K@GreenValley.org" not in json.dumps(entry.after)
    # ...but not the form rows a sign-on keeps as evidence: one copy of them, not two.
    assert "W.K@GreenValley.org" in (farmers.raw_source or "")


def test_rejected_rows_are_listed_with_row_and_reason_and_written_beside_the_report(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    path = _write_csv(tmp_path / "form.csv", FORM_ROWS)

    result = import_file(db, path, statement_id)

    report_path, rejected_path = report_paths(path)
    assert result.report_path == report_path and result.rejected_path == rejected_path
    with rejected_path.open(encoding="utf-8-sig", newline="") as handle:
        rejected = list(csv.DictReader(handle))
    assert [(row["row"], row["reason"]) for row in rejected] == [("5", "no organisation name")]
    assert rejected[0]["Country"] == "Laos"
    report = report_path.read_text(encoding="utf-8")
    assert "row 5: no organisation name" in report
    # A malformed address is a note: the sign-on is kept, the address stays in evidence.
    assert "row 6: email 'not an address' is not an email address; left empty" in report
    assert result.summary_line() in report


def test_importing_the_same_file_again_adds_nothing(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    path = _write_csv(tmp_path / "form.csv", FORM_ROWS)
    import_file(db, path, statement_id)
    before = _dump(db)

    again = import_file(db, path, statement_id)

    assert (again.new_organisations, again.signons_recorded, again.already_imported) == (0, 0, 6)
    after = _dump(db)
    assert {table: rows for table, rows in after.items() if table != "import_mappings"} == {
        table: rows for table, rows in before.items() if table != "import_mappings"
    }


def test_a_later_export_with_more_rows_adds_only_the_new_rows(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    import_file(db, _write_csv(tmp_path / "first.csv", FORM_ROWS[:3]), statement_id)
    new_rows = [
        ["2024/03/07 09:00:00 AM GMT+7", "River Guardians", "", "", "Laos", "Noy",
         "noy@river.la", "Yes", ""],
        ["2024/03/07 10:00:00 AM GMT+7", "Coastal Fishers Union", "", "", "Cambodia", "Sok",
         "sok@cfu.org", "Yes", ""],
    ]  # fmt: skip
    later = _write_csv(tmp_path / "later.csv", FORM_ROWS[:3] + new_rows)

    result = import_file(db, later, statement_id)

    assert (result.already_imported, result.new_organisations, result.matched_existing) == (
        3,
        1,
        1,
    )
    assert len(list_signons(db, statement_id)) == 3
    coastal = next(o for o in list_organisations(db) if o.name == "Coastal Fishers Union")
    assert sorted(c.name for c in list_contacts(db, coastal.id)) == ["Sok", "Srey Mom"]
    [signon] = [
        s.signon for s in list_signons(db, statement_id) if s.signon.organisation_id == coastal.id
    ]
    assert [row["row"] for row in json.loads(signon.raw_source or "")["rows"]] == [2, 6]


def test_known_values_are_never_overwritten_by_less_and_differences_are_reported(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    org_id = add_organisation(
        db, "Green Valley Farmers", local_name="???", acronym="GVF", country="KE", kind="network"
    )
    header = [*HEADER, "Type of organisation"]
    rows = [
        ["", "Green Valley Farmers", "Wakulima wa Bonde", "GVF", "", "", "", "Yes", "", "Union"],
        ["", "green valley farmers", "????", "", "Kenya", "", "", "Yes", "", "Network"],
    ]

    result = import_file(db, _write_csv(tmp_path / "form.csv", rows, header), statement_id)

    organisation = get_organisation(db, org_id)
    assert organisation.local_name == "Wakulima wa Bonde"  # a garbled value is replaced
    assert (organisation.acronym, organisation.country) == ("GVF", "KE")  # good values stay
    assert organisation.kind.value == "network"
    assert result.matched_existing == 1 and result.new_organisations == 0
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert "row 3: kind 'network' differs from 'trade_union' (row 2), kept 'trade_union'" in report
    assert "kind in the file is 'trade_union', the directory keeps 'network'" in report


def test_rows_of_one_name_from_two_countries_are_not_merged_without_review(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    rows = [
        ["", "Women's Union", "", "", "Laos", "", "", "Yes", ""],
        ["", "Women’s union", "", "", "Vietnam", "", "", "Yes", ""],
    ]

    result = import_file(db, _write_csv(tmp_path / "form.csv", rows), statement_id)

    assert (result.new_organisations, result.pairs_left) == (2, 1)


@pytest.mark.parametrize(
    ("stored_public", "answer", "expected"),
    [(False, "Yes", False), (True, "No", False), (True, "Yes", True)],
)
def test_the_more_private_listing_answer_wins_over_a_stored_signon(
    db: Database, tmp_path: Path, stored_public: bool, answer: str, expected: bool
) -> None:
    statement_id = _statement(db)
    org_id = add_organisation(db, "Lake Shore Fishers", country="UG")
    signon_id = record_signon(db, statement_id, org_id, is_public=stored_public)
    rows = [["", "Lake Shore Fishers", "", "", "Uganda", "Akello", "a@lsf.ug", answer, ""]]

    import_file(db, _write_csv(tmp_path / "form.csv", rows), statement_id)

    assert get_signon(db, signon_id).is_public is expected


def test_an_answer_about_listing_that_is_not_understood_counts_as_anonymous(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    rows = [["", "Hill Tribe Council", "", "", "Thailand", "", "", "maybe", ""]]

    result = import_file(db, _write_csv(tmp_path / "form.csv", rows), statement_id)

    [row] = list_signons(db, statement_id)
    assert row.signon.is_public is False
    assert "not understood" in (result.report_path or Path()).read_text(encoding="utf-8")


def _fuzzy_setup(db: Database, tmp_path: Path) -> tuple[int, int, Path]:
    statement_id = _statement(db)
    org_id = add_organisation(db, "Friends of Anne", country="KH")
    rows = [
        ["", "Frends of Anne", "", "", "Cambodia", "Mia", "mia@anne.org", "Yes", ""],
        ["", "Delta Teachers Guild", "", "", "Vietnam", "Lan", "lan@dtg.vn", "Yes", ""],
        ["", "Delta Teachers Guilds", "", "", "Vietnam", "Hoa", "hoa@dtg-vn.org", "Yes", ""],
    ]
    return statement_id, org_id, _write_csv(tmp_path / "form.csv", rows)


def _fuzzy_plan(db: Database, tmp_path: Path) -> tuple[int, int, ImportPlan]:
    """The statement, the stored organisation and the plan of :func:`_fuzzy_setup`."""
    statement_id, org_id, path = _fuzzy_setup(db, tmp_path)
    table = read_table(path)
    plan = plan_import(db, table, initial_mapping(db, statement_id, table), statement_id)
    return statement_id, org_id, plan


def test_the_coordinator_says_same_and_the_rows_join_the_organisation(
    db: Database, tmp_path: Path
) -> None:
    statement_id, org_id, plan = _fuzzy_plan(db, tmp_path)
    assert [(p.organisation_id, p.other_group) for p in plan.pairs] == [(None, 2), (org_id, None)]

    decided = apply_decisions(plan, {0: Decision.SAME, 1: Decision.SAME})
    result = apply_plan(db, decided)

    assert (result.new_organisations, result.matched_existing, result.pairs_left) == (1, 1, 0)
    names = sorted(row.organisation_name for row in list_signons(db, statement_id))
    assert names == ["Delta Teachers Guild", "Friends of Anne"]
    assert [c.name for c in list_contacts(db, org_id)] == ["Mia"]


def test_the_preview_after_each_answer_counts_what_the_import_would_do(
    db: Database, tmp_path: Path
) -> None:
    _, _, plan = _fuzzy_plan(db, tmp_path)
    answers = [None, Decision.SAME, Decision.DIFFERENT]
    for first, second in itertools.product(answers, answers):
        decisions = {
            index: answer for index, answer in enumerate((first, second)) if answer is not None
        }
        planned = ImportResult.from_plan(apply_decisions(plan, decisions), dry_run=True)
        assert ImportResult.preview(plan, decisions) == planned, decisions


def test_the_coordinator_says_different_and_both_stay(db: Database, tmp_path: Path) -> None:
    _, org_id, plan = _fuzzy_plan(db, tmp_path)

    result = apply_plan(db, apply_decisions(plan, {0: Decision.DIFFERENT, 1: Decision.DIFFERENT}))

    assert (result.new_organisations, result.matched_existing) == (3, 0)
    assert len(list_organisations(db)) == 4
    assert list_contacts(db, org_id) == []


def test_undecided_pairs_stay_separate_and_are_counted(db: Database, tmp_path: Path) -> None:
    statement_id, _, path = _fuzzy_setup(db, tmp_path)

    result = import_file(db, path, statement_id)

    assert (result.new_organisations, result.pairs_left) == (3, 2)
    assert "kept as separate organisations" in result.summary_line()


def test_the_confirmed_mapping_is_remembered_for_the_statement(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    header = ["Org", "Who", "Extra"]
    path = _write_csv(tmp_path / "form.csv", [["Delta Teachers Guild", "Lan", "x"]], header)
    table = read_table(path)
    mapping = guess_mapping(header).with_column(Field.CONTACT_NAME, 2)
    plan = plan_import(db, table, mapping, statement_id)

    apply_plan(db, plan)

    assert import_store.load_mapping(db, statement_id) == {
        "organisation": "Org",
        "contact_name": "Extra",
    }
    reordered = read_table(
        _write_csv(tmp_path / "later.csv", [["x", "Lan", "Delta"]], ["Extra", "Who", "Org"])
    )
    assert initial_mapping(db, statement_id, reordered).columns == {
        Field.ORGANISATION: 2,
        Field.CONTACT_NAME: 0,
    }


def test_a_failure_while_writing_the_last_row_leaves_the_database_unchanged(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement_id = _statement(db)
    last_org = add_organisation(db, "Youth Rights Network 45", country="KH")
    contact = add_contact(db, last_org, "Vanna", email="vanna@yrn45.org")
    record_signon(db, statement_id, last_org, status="pending", authorised_by=contact)
    before = _dump(db)
    real_update = apply_module.update_signon

    def failing_update(db_: Database, signon_id: int, changes: dict[str, Any]) -> None:
        real_update(db_, signon_id, changes)
        raise SignappError("disk full")

    monkeypatch.setattr(apply_module, "update_signon", failing_update)

    with pytest.raises(SignappError, match="disk full"):
        import_file(db, _write_csv(tmp_path / "form.csv", FORM_ROWS), statement_id)

    assert _dump(db) == before
    assert not report_paths(tmp_path / "form.csv")[0].exists()


def test_cancelling_at_the_last_step_leaves_the_database_unchanged(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    before = _dump(db)
    steps: list[int] = []
    table = read_table(_write_csv(tmp_path / "form.csv", FORM_ROWS))
    plan = plan_import(db, table, guess_mapping(table.header), statement_id)

    report, rejected = report_paths(tmp_path / "form.csv")

    with pytest.raises(Cancelled):
        apply_plan(
            db,
            plan,
            report_path=report,
            rejected_path=rejected,
            progress=lambda done, total: steps.append(done),
            cancel=lambda: len(steps) == 5,  # after the report is written, before commit
        )

    assert steps == [1, 2, 3, 4, 5]
    assert _dump(db) == before
    assert not report.exists() and not rejected.exists()


def test_a_report_folder_that_cannot_be_made_leaves_the_database_unchanged(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _statement(db)
    before = _dump(db)
    (tmp_path / "no").write_text("a file where the folder should be", encoding="utf-8")

    with pytest.raises(SignappError, match="nothing was imported"):
        import_file(
            db,
            _write_csv(tmp_path / "form.csv", FORM_ROWS),
            statement_id,
            report_folder=tmp_path / "no" / "such" / "folder",
        )

    assert _dump(db) == before


def test_a_missing_report_folder_is_made(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    folder = tmp_path / "reports" / "march"

    result = import_file(
        db, _write_csv(tmp_path / "form.csv", FORM_ROWS), statement_id, report_folder=folder
    )

    assert result.report_path == folder / "form.import-report.txt"
    assert sorted(path.name for path in folder.iterdir()) == [
        "form.import-rejected.csv",
        "form.import-report.txt",
    ]


def test_the_report_is_written_only_after_the_import_is_committed(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement_id = _statement(db)
    path = _write_csv(tmp_path / "form.csv", FORM_ROWS)
    table = read_table(path)
    plan = plan_import(db, table, initial_mapping(db, statement_id, table), statement_id)
    seen_at_write: list[int] = []
    real_write_text = Path.write_text

    def write_text(self: Path, text: str, *args: object, **kwargs: object) -> int:
        # What another process would see in the database while the report is written.
        other = Database(db.conn.execute("PRAGMA database_list").fetchone()[2])
        seen_at_write.append(other.execute("SELECT count(*) FROM signons").fetchone()[0])
        other.close()
        return real_write_text(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", write_text)
    with pytest.raises(Cancelled):
        apply_plan(db, plan, report_path=tmp_path / "r.txt", cancel=lambda: True)
    assert list(tmp_path.glob("r.txt*")) == [] and list(tmp_path.glob(".r.txt*")) == []

    result = apply_plan(db, plan, report_path=tmp_path / "r.txt")

    assert seen_at_write == [5]  # written once, the sign-ons already committed
    assert result.report_path == tmp_path / "r.txt"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, bytes(range(256)) * 40]
)
def test_a_file_that_is_not_a_table_writes_nothing(
    db: Database, tmp_path: Path, content: bytes
) -> None:
    statement_id = _statement(db)
    path = tmp_path / "photo.csv"
    path.write_bytes(content)
    before = _dump(db)

    with pytest.raises(NotATable):
        import_file(db, path, statement_id)

    assert _dump(db) == before


def test_a_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    path = _write_csv(tmp_path / "form.csv", FORM_ROWS)
    before = _dump(db)

    result = import_file(db, path, statement_id, dry_run=True)

    assert result.signons_recorded == 5 and result.dry_run
    assert _dump(db) == before
    assert not report_paths(path)[0].exists()


def test_an_xlsx_export_imports_with_its_dates(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Timestamp", "Organisation", "Country", "Email", "List us publicly?"])
    sheet.append(
        [datetime(2024, 3, 5, 10, 22, 33), "Coastal Women Union", "Kenya", "a@cwu.ke", "No"]
    )
    sheet.append([datetime(2024, 3, 6, 8, 0, 0), "(KYA)", "Cambodia", "", "Yes"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)

    result = import_file(db, path, statement_id)

    assert (result.signons_recorded, result.rows_rejected) == (2, 0)
    rows = {row.organisation_name: row.signon for row in list_signons(db, statement_id)}
    assert rows["Coastal Women Union"].received_at == "2024-03-05T10:22:33"
    assert rows["Coastal Women Union"].is_public is False
    assert "(KYA)" in rows  # a name that is only an acronym stays the name


def test_planning_reports_progress_and_can_be_cancelled(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    table = read_table(_write_csv(tmp_path / "form.csv", FORM_ROWS))
    seen: list[tuple[int, int]] = []

    plan_import(
        db, table, guess_mapping(table.header), statement_id, progress=lambda *p: seen.append(p)
    )

    assert seen[-1][0] == seen[-1][1] and seen == sorted(seen)
    with pytest.raises(Cancelled):
        plan_import(db, table, guess_mapping(table.header), statement_id, cancel=lambda: True)


def test_a_statement_without_an_issued_version_is_refused_before_reading(
    db: Database, tmp_path: Path
) -> None:
    statement_id = create_statement(db, "Still drafting")
    before = _dump(db)

    with pytest.raises(ValidationError, match="no issued version"):
        import_file(db, _write_csv(tmp_path / "form.csv", FORM_ROWS), statement_id)

    assert _dump(db) == before


def test_a_name_list_report_lists_every_line_not_taken(db: Database, tmp_path: Path) -> None:
    statement_id = _statement(db)
    path = tmp_path / "letter.md"
    path.write_text(
        "# Signatories\n\nSigned,\n\n- Mekong River Guardians\n- Hill Tribe Council\n",
        encoding="utf-8",
    )

    result = import_file(db, path, statement_id, report_folder=tmp_path)

    assert (result.signons_recorded, result.rows_rejected, result.lines_skipped) == (2, 0, 2)
    assert result.summary_line().endswith("; lines not taken as names 2 (listed in the report)")
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert "  line 1: a heading ('# Signatories')" in report
    assert "  line 3: a word introducing the list ('Signed,')" in report


def _two_versions(db: Database) -> int:
    """A statement issued on 1 March 2024 and revised in substance on 1 April 2024."""
    statement_id = create_issued_statement(db, "Rivers", "We ask for clean rivers.")
    revise_statement(db, statement_id, "We ask for clean and free rivers.", kind="substantive")
    for number, issued_at in ((1, "2024-03-01T00:00:00+00:00"), (2, "2024-04-01T00:00:00+00:00")):
        db.execute(
            "UPDATE statement_versions SET issued_at = ? WHERE statement_id = ? AND number = ?",
            [issued_at, statement_id, number],
        )
    return statement_id


def test_dated_answers_confirm_the_version_in_force_when_they_were_given(
    db: Database, tmp_path: Path
) -> None:
    statement_id = _two_versions(db)
    stored_early = add_organisation(db, "Kep Fishers")
    record_signon(db, statement_id, stored_early, version_number=1, received_at="2024-03-20")
    stored_late = add_organisation(db, "Delta Teachers")
    record_signon(db, statement_id, stored_late, version_number=1, received_at="2024-03-02")
    rows = [
        ["2024-03-15 10:00", "River Guardians", "", "", "Laos", "", "", "Yes", ""],
        ["2024-04-02 09:00", "Hill Tribe Council", "", "", "Thailand", "", "", "Yes", ""],
        ["", "Mekong Women", "", "", "Laos", "", "", "Yes", ""],
        ["2024-03-10 08:00", "Kep Fishers", "", "", "", "", "", "Yes", ""],
        ["2024-04-03 08:00", "Delta Teachers", "", "", "", "", "", "Yes", ""],
    ]

    import_file(db, _write_csv(tmp_path / "form.csv", rows), statement_id)

    signons = {row.organisation_name: row for row in list_signons(db, statement_id)}
    confirmed = {
        name: (row.signon.version_number, row.needs_reconfirmation) for name, row in signons.items()
    }
    assert confirmed == {
        "River Guardians": (1, True),  # answered the first text: asked again
        "Hill Tribe Council": (2, False),
        "Mekong Women": (2, False),  # undated: given at the import
        "Kep Fishers": (1, True),  # as before, from the same days
        "Delta Teachers": (2, False),  # answered again after the revision
    }
    received = {name: row.signon.received_at for name, row in signons.items()}
    assert received["Kep Fishers"] == "2024-03-20"  # an older answer never moves it back
    assert received["Delta Teachers"] == "2024-04-03T08:00:00"
    assert received["River Guardians"] == "2024-03-15T10:00:00"
    assert (received["Mekong Women"] or "") > "2024-04-03"
