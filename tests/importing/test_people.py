"""Importing people who sign in their own name, beside organisations."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sqlite_utils import Database

from signapp.core.erase import erase_person
from signapp.core.people import add_person, list_people
from signapp.core.signons import list_person_signons, list_signons, record_person_signon
from signapp.core.statements import create_issued_statement, revise_statement
from signapp.importing.apply import import_file, plan_import
from signapp.importing.mapping import Field, guess_mapping
from signapp.importing.people_matching import PersonRecord, match_people
from signapp.importing.plan import Decision, apply_decisions
from signapp.importing.reading import read_table
from signapp.importing.report import ImportResult
from signapp.importing.signatory_kind import (
    SignatoryKind,
    lines_are_people,
    read_signing_as,
    split_person,
)
from tests.safety.erase_scan import files_holding
from tests.test_import_apply import _write_csv as write_csv
from tests.test_import_cli import _signapp as signapp_cli

PEOPLE_HEADER = [
    "Timestamp",
    "Full name",
    "Position, company",
    "Email",
    "Country",
    "List my name publicly?",
]
PEOPLE_ROWS = [
    ["2024-03-05 10:00", "Sok Dara", "Professor, Royal University of Phnom Penh", "dara@rupp.edu.kh", "Cambodia", "Yes"],
    ["2024-03-05 11:00", "Chan Sophea", "Lawyer, Phnom Penh", "sophea@example.org", "Cambodia", "No"],
    ["2024-03-06 09:00", "SOK  DARA", "Professor, Royal University of Phnom Penh", "", "Cambodia", "Yes"],
    ["2024-03-06 10:00", "Иванов Алексей", "Инженер, ООО Север", "ivanov@sever.ru", "Russia", "Yes"],
    ["2024-03-06 11:00", "Иванов Алексей", "Учитель, школа 5, Тверь", "a.ivanov@mail.ru", "Russia", "Yes"],
    ["2024-03-06 12:00", "Sophea Chan", "Lawyer, Phnom Penh", "S.Chan@example.net", "Cambodia", "Yes"],
    ["2024-03-06 13:00", "Seng Mealea", "Nurse", "MEALEA@clinic.org", "Cambodia", "Yes"],
    ["2024-03-06 14:00", "Seng Mealea", "Head nurse, City clinic", "mealea@clinic.org", "Cambodia", "Yes"],
    ["2024-03-06 15:00", "Артём Смирнов", "", "", "Russia", "Yes"],
    ["2024-03-06 16:00", "Артем Смирнов", "", "", "Russia", "Yes"],
]  # fmt: skip


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    return write_csv(path, rows, header)


def _statement(db: Database) -> int:
    return create_issued_statement(db, "Free the defenders", "We, the undersigned, ...")


def _people_by_name(db: Database) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for person in list_people(db):
        found.setdefault(person.name, []).append(person.affiliation)
    return found


def test_a_form_with_a_full_name_column_and_no_organisation_column_is_read_as_people() -> None:
    mapping = guess_mapping(PEOPLE_HEADER, PEOPLE_ROWS)
    assert mapping.column(Field.CONTACT_NAME) == 1
    assert mapping.column(Field.AFFILIATION) == 2
    assert mapping.column(Field.ORGANISATION) is None
    other = guess_mapping(["Name", "Organisation/affiliation (for individuals)", "Signing as"])
    assert other.column(Field.AFFILIATION) == 1
    assert other.column(Field.SIGNING_AS) == 2
    # A list with only a plain "Name" column stays a list of organisations.
    assert guess_mapping(["Name", "Country"]).column(Field.ORGANISATION) == 0


def test_signing_as_answers_and_name_shapes() -> None:
    assert read_signing_as("An individual") is SignatoryKind.PERSON
    assert read_signing_as("In a personal capacity") is SignatoryKind.PERSON
    assert read_signing_as("On behalf of my organisation") is SignatoryKind.ORGANISATION
    assert read_signing_as("Organization") is SignatoryKind.ORGANISATION
    assert read_signing_as("maybe") is None
    assert split_person("Sok Dara (Royal University of Phnom Penh)") == (
        "Sok Dara",
        "Royal University of Phnom Penh",
    )
    assert split_person("Jane Roe, Professor, Law School") == ("Jane Roe", "Professor, Law School")
    assert split_person("Kernix3") == ("Kernix3", None)
    people = ["Sok Dara (RUPP lecturer)", "Jane Roe, Professor, Law School", "Tom Lee (self)"]
    assert lines_are_people(people)
    organisations = [
        "Catholic Relief Services (CRS)",
        "Youth Rights Network, Battambang",
        "Coastal Fishers Union",
    ]
    assert not lines_are_people(organisations)


def test_people_rows_become_people_with_their_own_signons_and_evidence(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    source = _write_csv(tmp_path / "people.csv", PEOPLE_HEADER, PEOPLE_ROWS)
    result = import_file(db, source, statement)
    people = _people_by_name(db)
    # Resubmission (same name, case and spacing aside, same affiliation): one person.
    assert people["Sok Dara"] == ["Professor, Royal University of Phnom Penh"]
    # Namesakes at different employers stay two people.
    assert sorted(people["Иванов Алексей"]) == ["Инженер, ООО Север", "Учитель, школа 5, Тверь"]
    # The same email in another case is the same person, whatever the affiliation.
    assert len(people["Seng Mealea"]) == 1
    # Swapped name order and ё/е: kept apart, asked about.
    assert "Chan Sophea" in people and "Sophea Chan" in people
    assert "Артём Смирнов" in people and "Артем Смирнов" in people
    assert result.new_people == 8
    assert result.people_pairs_left >= 3
    assert list_signons(db, statement) == []  # no organisation was made of a person
    listed = list_person_signons(db, statement)
    assert len(listed) == 8
    signons = {row.name: row for row in listed}
    assert signons["Chan Sophea"].is_public is False
    assert signons["Sok Dara"].is_public is True
    raw = json.loads(
        db.execute(
            "SELECT raw_source FROM signons WHERE id = ?", [signons["Sok Dara"].signon_id]
        ).fetchone()[0]
    )
    assert [row["row"] for row in raw["rows"]] == [2, 4]
    assert raw["rows"][0]["values"]["Email"] == "dara@rupp.edu.kh"
    assert signons["Sok Dara"].received_at.startswith("2024-03-05")
    report = result.report_path.read_text(encoding="utf-8") if result.report_path else ""
    assert "People merged automatically" in report
    assert "rows 2, 4 (2 rows) -> 'Sok Dara' (new): row 4 joined row 2 (same name" in report
    assert "Possible duplicates among people" in report
    assert "affiliations differ" in report
    assert "the same names in another order (Chan Sophea / Sophea Chan)" in report
    assert "spelled differently" in report
    again = import_file(db, source, statement)
    assert (again.already_imported, again.signons_recorded, again.new_people) == (10, 0, 0)
    assert len(list_people(db)) == 8


def test_a_dated_answer_confirms_the_version_in_force_at_its_date(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    version_two = revise_statement(
        db, statement, "We, the undersigned, now ask more.", kind="substantive"
    )
    issued = db.execute(
        "SELECT issued_at FROM statement_versions WHERE statement_id = ? AND number = ?",
        [statement, version_two],
    ).fetchone()[0]
    assert issued
    source = _write_csv(
        tmp_path / "dated.csv",
        ["Timestamp", "Full name", "Affiliation"],
        [["2020-01-01 10:00", "Sok Dara", "RUPP"], ["", "Jane Roe", "Law School"]],
    )
    import_file(db, source, statement)
    rows = {row.name: row for row in list_person_signons(db, statement)}
    assert rows["Sok Dara"].version_number == 1
    assert rows["Sok Dara"].needs_reconfirmation
    assert rows["Jane Roe"].version_number == version_two
    assert not rows["Jane Roe"].needs_reconfirmation


def test_a_mixed_file_gives_organisations_and_people(db: Database, tmp_path: Path) -> None:
    statement = _statement(db)
    source = _write_csv(
        tmp_path / "mixed.csv",
        ["Signing as", "Organisation", "Your name", "Position", "Email", "Publicly?"],
        [
            ["Organisation", "Coastal Fishers Union", "Srey Mom", "Director", "mom@cfu.org", "Yes"],
            ["Individual", "Royal University of Phnom Penh", "Sok Dara", "Professor", "d@rupp.edu.kh", "Yes"],
            ["On behalf of an organisation", "Green Valley Farmers", "Otieno", "", "o@gvf.org", "No"],
            ["In a personal capacity", "", "Jane Roe", "Writer", "", "No"],
        ],
    )  # fmt: skip
    result = import_file(db, source, statement)
    assert sorted(row.organisation_name for row in list_signons(db, statement)) == [
        "Coastal Fishers Union",
        "Green Valley Farmers",
    ]
    people = {row.name: row for row in list_person_signons(db, statement)}
    assert set(people) == {"Sok Dara", "Jane Roe"}
    assert people["Sok Dara"].affiliation == "Professor, Royal University of Phnom Penh"
    assert people["Jane Roe"].affiliation == "Writer"
    assert people["Jane Roe"].is_public is False
    assert result.new_organisations == 2 and result.new_people == 2
    # The coordinator's choice overrides the column: every row a person.
    other = _statement(db)
    import_file(db, source, other, signing_as=SignatoryKind.PERSON)
    assert list_signons(db, other) == []
    assert {row.name for row in list_person_signons(db, other)} == {
        "Srey Mom",
        "Sok Dara",
        "Otieno",
        "Jane Roe",
    }


def test_as_organisations_overrides_a_people_form(db: Database, tmp_path: Path) -> None:
    statement = _statement(db)
    source = _write_csv(tmp_path / "people.csv", PEOPLE_HEADER, PEOPLE_ROWS[:2])
    import_file(db, source, statement, signing_as=SignatoryKind.ORGANISATION)
    assert list_person_signons(db, statement) == []
    assert sorted(row.organisation_name for row in list_signons(db, statement)) == [
        "Chan Sophea",
        "Sok Dara",
    ]


def test_name_lists_of_people_import_people_and_lists_of_organisations_stay_organisations(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    people = tmp_path / "letter.md"
    people.write_text(
        "# Open letter\n\nSigned,\n\n"
        "- Sok Dara (Royal University of Phnom Penh)\n"
        "- Jane Roe, Professor, Law School\n"
        "- Tom Lee (independent journalist)\n"
        "- Maria Perez (Universidad de Chile)\n"
        "- Sok Dara (Royal University of Phnom Penh)\n",
        encoding="utf-8",
    )
    result = import_file(db, people, statement)
    names = {row.name: row.affiliation for row in list_person_signons(db, statement)}
    assert names == {
        "Sok Dara": "Royal University of Phnom Penh",
        "Jane Roe": "Professor, Law School",
        "Tom Lee": "independent journalist",
        "Maria Perez": "Universidad de Chile",
    }
    assert result.new_organisations == 0
    organisations = tmp_path / "groups.txt"
    organisations.write_text(
        "Catholic Relief Services (CRS)\nCoastal Fishers Union\nYouth Rights Network, Pursat\n",
        encoding="utf-8",
    )
    second = _statement(db)
    import_file(db, organisations, second)
    assert list_person_signons(db, second) == []
    assert len(list_signons(db, second)) == 3
    third = _statement(db)
    import_file(db, organisations, third, signing_as=SignatoryKind.PERSON)
    assert len(list_person_signons(db, third)) == 3


def _groups(records: list[PersonRecord]) -> list[frozenset[str]]:
    match = match_people(records, {})
    return sorted(
        (
            frozenset(
                f"{records[i].name}|{records[i].affiliation}|{records[i].email}" for i in group
            )
            for group in match.groups
        ),
        key=sorted,
    )


def test_matching_people_is_strict_and_does_not_depend_on_row_order() -> None:
    records = [
        PersonRecord("Sok Dara", affiliation="RUPP", email="dara@rupp.edu.kh"),
        PersonRecord("sok dara", affiliation="RUPP"),
        PersonRecord("Sok Dara", affiliation="Ministry of Justice"),
        PersonRecord("Dara Sok", affiliation="RUPP"),
        PersonRecord("Sok Dara", affiliation="RUPP", email="other@rupp.edu.kh"),
        PersonRecord("Sok  Dara", email="DARA@rupp.edu.kh"),
        PersonRecord("Иванов Алексей", affiliation="ООО Север", country="RU"),
        PersonRecord("Иванов Алексей", affiliation="ООО Север", country="KZ"),
        PersonRecord("Алёна Ким"),
        PersonRecord("Алена Ким"),
    ]
    expected = _groups(records)
    for seed in range(12):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert _groups(shuffled) == expected
    match = match_people(records, {})
    group_of = {row: index for index, group in enumerate(match.groups) for row in group}
    assert group_of[0] == group_of[5]  # same email, another case
    assert group_of[0] == group_of[1] or group_of[4] == group_of[1]  # same name and affiliation
    assert group_of[0] != group_of[4]  # same name and affiliation, another email
    assert len({group_of[0], group_of[2], group_of[3]}) == 3
    assert group_of[6] != group_of[7]  # another country
    assert group_of[8] != group_of[9]  # ё / е
    reasons = " | ".join(pair.reason for pair in match.pairs)
    assert "affiliations differ" in reasons
    assert "another order" in reasons
    assert "spelled differently" in reasons
    assert "countries differ" in reasons
    assert "emails differ" in reasons


def test_people_already_stored_are_matched_by_the_same_rules(db: Database, tmp_path: Path) -> None:
    statement = _statement(db)
    stored = add_person(db, "Sok Dara", affiliation="RUPP", email="dara@rupp.edu.kh")
    namesake = add_person(db, "Chan Sophea", affiliation="Ministry of Justice")
    source = _write_csv(
        tmp_path / "again.csv",
        ["Full name", "Affiliation", "Email"],
        [
            ["SOK DARA", "Law School", "Dara@RUPP.edu.kh"],
            ["Chan Sophea", "Lawyer, Phnom Penh", ""],
            ["Sophea Chan", "Ministry of Justice", ""],
        ],
    )
    plan = plan_import(
        db, read_table(source), guess_mapping(["Full name", "Affiliation", "Email"]), statement
    )
    assert [person.existing_id for person in plan.people] == [stored, None, None]
    stored_pairs = [pair for pair in plan.people_pairs if pair.organisation_id == namesake]
    assert len(stored_pairs) == 2
    # The coordinator says the swapped name is the stored person: it joins them.
    swapped = next(
        index
        for index, pair in enumerate(plan.people_pairs)
        if pair.organisation_id == namesake and "another order" in pair.reason
    )
    decided = apply_decisions(plan, {}, {swapped: Decision.SAME})
    assert [person.existing_id for person in decided.people] == [stored, None, namesake]
    # The wizard's preview after that answer counts what the import would then do.
    preview = ImportResult.preview(plan, {}, {swapped: Decision.SAME})
    assert preview == ImportResult.from_plan(decided, dry_run=True)
    assert (preview.new_people, preview.matched_people) == (1, 2)


def test_the_dry_run_lists_people_merges_and_pairs_and_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    source = _write_csv(tmp_path / "people.csv", PEOPLE_HEADER, PEOPLE_ROWS)
    result = import_file(db, source, statement, dry_run=True)
    assert "People merged automatically" in result.details
    assert "Possible duplicates among people" in result.details
    assert "new people 8" in result.summary_line()
    assert list_people(db) == []


def test_a_single_name_or_a_link_against_an_email_is_asked_about_not_merged() -> None:
    records = [
        PersonRecord("Sergey", website="https://github.com/one"),
        PersonRecord("Sergey", email="sergey@example.org"),
        PersonRecord("Sergey", website="https://github.com/one/"),
        PersonRecord("Dara Sok", website="https://dara.example.net"),
        PersonRecord("Dara Sok", email="dara@example.org"),
        PersonRecord("Dara Sok"),
    ]
    match = match_people(records, {})
    group_of = {row: index for index, group in enumerate(match.groups) for row in group}
    assert group_of[0] == group_of[2]  # the same link: one person, however short the name
    assert group_of[0] != group_of[1]
    assert group_of[3] != group_of[4]
    reasons = " | ".join(pair.reason for pair in match.pairs)
    assert "a single name, which many people share" in reasons
    assert "one gives only a link, the other only an email" in reasons


def test_an_imported_person_is_erased_with_the_evidence_and_log_entries_of_their_rows(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement = _statement(db)
    source = _write_csv(tmp_path / "people.csv", PEOPLE_HEADER, PEOPLE_ROWS[:3])
    import_file(db, source, statement, report_folder=tmp_path / "reports")
    dara = next(person.id for person in list_people(db) if person.name == "Sok Dara")
    private = ("Sok Dara", "dara@rupp.edu.kh", "Royal University of Phnom Penh")
    assert files_holding(db_path, private)
    erase_person(db, dara)
    assert files_holding(db_path, private) == {}
    assert [row.name for row in list_person_signons(db, statement)] == ["Chan Sophea"]


def test_a_stored_signon_of_a_person_keeps_the_more_private_answer(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    dara = add_person(db, "Sok Dara", affiliation="Professor, Royal University of Phnom Penh")
    record_person_signon(db, statement, dara, is_public=True)
    rows = [[*PEOPLE_ROWS[0][:-1], "No"]]
    source = _write_csv(tmp_path / "private.csv", PEOPLE_HEADER, rows)
    result = import_file(db, source, statement)
    assert (result.new_people, result.matched_people) == (0, 1)
    (signon,) = list_person_signons(db, statement)
    assert signon.person_id == dara and signon.is_public is False
    assert "Sok Dara: now asks not to be named" in " ".join(result.notes)


def test_import_as_people_on_the_command_line(tmp_path: Path) -> None:
    db_path = tmp_path / "signapp.sqlite"
    text = tmp_path / "statement.md"
    text.write_text("We, the undersigned, ask for the defenders' release.", encoding="utf-8")
    assert signapp_cli(db_path, "init").returncode == 0
    added = signapp_cli(db_path, "statement", "add", "--title", "Free", "--text-file", str(text))
    assert added.returncode == 0, added.stderr
    names = tmp_path / "names.txt"
    names.write_text("Coastal Fishers Union\nGreen Valley Farmers\n", encoding="utf-8")
    dry = signapp_cli(
        db_path, "import", str(names), "--statement", "1", "--as", "people", "--dry-run"
    )
    assert dry.returncode == 0, dry.stderr
    assert "new organisations 0, new people 2" in dry.stdout
    wrong = signapp_cli(db_path, "import", str(names), "--statement", "1", "--as", "persons")
    assert wrong.returncode != 0 and "--as" in wrong.stderr
    done = signapp_cli(db_path, "import", str(names), "--statement", "1", "--as", "people")
    assert done.returncode == 0, done.stderr
    listed = signapp_cli(db_path, "person", "list")
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == [
        "Coastal Fishers Union",
        "Green Valley Farmers",
    ]


def test_a_mixed_form_with_one_name_column_gives_each_row_its_kind(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    source = _write_csv(
        tmp_path / "one-name.csv",
        ["Name", "Organisation/affiliation (for individuals)", "Signing as"],
        [
            ["Coastal Fishers Union", "", "An organisation"],
            ["Sok Dara", "Royal University of Phnom Penh", "An individual"],
        ],
    )
    import_file(db, source, statement)
    assert [row.organisation_name for row in list_signons(db, statement)] == [
        "Coastal Fishers Union"
    ]
    (person,) = list_person_signons(db, statement)
    assert (person.name, person.affiliation) == ("Sok Dara", "Royal University of Phnom Penh")


def test_a_mailto_link_is_a_persons_email_not_a_web_page(db: Database, tmp_path: Path) -> None:
    statement = _statement(db)
    source = _write_csv(
        tmp_path / "links.csv",
        ["name", "link"],
        [
            ["Dara Sok (RUPP)", "mailto:Dara@rupp.edu.kh"],
            ["Dara Sok (RUPP)", "https://github.com/darasok"],
            ["Dara Sok (Law School)", "mailto:dara@rupp.edu.kh?subject=letter"],
        ],
    )
    import_file(db, source, statement, signing_as=SignatoryKind.PERSON)
    # The same address twice is one person (whatever the affiliation); the address
    # against a web page is a question, not a merge.
    assert sorted((p.name, p.affiliation, p.email or "") for p in list_people(db)) == [
        ("Dara Sok", "RUPP", ""),
        ("Dara Sok", "RUPP", "Dara@rupp.edu.kh"),  # the first as written
    ]


def test_one_email_for_two_different_names_is_asked_about() -> None:
    records = [
        PersonRecord("Sok Dara", email="info@rights.example.org"),
        PersonRecord("Chan Sophea", email="INFO@rights.example.org"),
        PersonRecord("Dara Sok Chea", email="info@rights.example.org"),
    ]
    match = match_people(records, {})
    group_of = {row: index for index, group in enumerate(match.groups) for row in group}
    assert group_of[0] == group_of[2]  # the same address, a name they share
    assert group_of[0] != group_of[1]
    (pair,) = match.pairs
    assert pair.reason.startswith("same email info@rights.example.org; names differ")


def test_a_person_row_without_a_printable_name_is_refused_with_its_reason(
    db: Database, tmp_path: Path
) -> None:
    statement = _statement(db)
    source = _write_csv(
        tmp_path / "hostile.csv",
        ["Full name", "Affiliation"],
        [["\ufeffSok Dara", "RUPP"], ["\u200b\u200d", "Nowhere"], ["", "No name at all"]],
    )
    result = import_file(db, source, statement, report_folder=tmp_path / "reports")
    assert [person.name for person in list_people(db)] == ["Sok Dara"]
    assert result.rows_rejected == 2
    report = (result.report_path or Path()).read_text(encoding="utf-8")
    assert "row 3: the person's name" in report
    assert "row 4: no name of the person" in report
