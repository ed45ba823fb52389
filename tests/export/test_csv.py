"""The public signatory list as CSV: same people as the PDF, cells safe in spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.errors import Cancelled, ValidationError
from signapp.export.csv import HEADER, export_statement_csv, neutralise
from tests.export.sample_data import ANONYMOUS_ORGS, LATIN_ORGS, OTHER_SCRIPT_ORGS, SampleStatement


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_one_header_then_one_row_per_listed_organisation(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = tmp_path / "list.csv"
    summary = export_statement_csv(sample.db, sample.statement_id, out)
    rows = _rows(out)
    assert rows[0] == list(HEADER)
    listed = LATIN_ORGS + OTHER_SCRIPT_ORGS
    assert len(rows) == 1 + len(listed)
    assert summary.listed == len(listed) and summary.anonymous == len(ANONYMOUS_ORGS)
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, len(listed) + 1)]
    names = [row[1] for row in rows[1:]]
    assert sorted(names) == sorted(org.name for org in listed)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8


def test_the_columns_asked_for_come_in_their_order(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    export_statement_csv(sample.db, sample.statement_id, out, columns=("kind", "name"))
    rows = _rows(out)
    assert rows[0] == ["number", "kind", "name", "signatory"]
    assert sorted(row[2] for row in rows[1:]) == sorted(
        org.name for org in LATIN_ORGS + OTHER_SCRIPT_ORGS
    )
    with pytest.raises(ValidationError) as refused:
        export_statement_csv(sample.db, sample.statement_id, out, columns=("name", "email"))
    assert refused.value.field == "columns" and "email" in refused.value.message
    assert _rows(out) == rows  # the earlier list is left as it was


def test_the_order_matches_the_store_collation(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    export_statement_csv(sample.db, sample.statement_id, out)
    public = signons.public_signatories(sample.db, sample.statement_id)
    assert [row[1] for row in _rows(out)[1:]] == [s.printed_name for s in public.listed]


def test_columns_hold_own_script_name_acronym_country_and_kind(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = tmp_path / "list.csv"
    export_statement_csv(sample.db, sample.statement_id, out)
    by_name = {row[1]: row for row in _rows(out)[1:]}
    row = by_name["Cambodian Human Rights Centre"]
    assert row[2:] == [
        "មជ្ឈមណ្ឌលសិទ្ធិមនុស្សកម្ពុជា",
        "CHRC",
        "Cambodia",
        "Local NGO",
        "",
        "organisation",
    ]
    assert by_name["<font size=60>Loud</font> Union"][4:] == ["", "Trade union", "", "organisation"]


def test_anonymous_and_contacts_never_appear(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    export_statement_csv(sample.db, sample.statement_id, out)
    content = out.read_text(encoding="utf-8-sig")
    for org in ANONYMOUS_ORGS:
        assert org.name not in content
    for detail in sample.contact_emails + sample.contact_phones + sample.contact_names:
        assert detail not in content


def test_formula_cells_are_neutralised(sample: SampleStatement, tmp_path: Path) -> None:
    for name in ('=HYPERLINK("http://x","click")', "+1 Network", "-Minus Group", "@Sum Org"):
        org_id = organisations.add_organisation(sample.db, name, acronym="=1+1")
        signons.record_signon(sample.db, sample.statement_id, org_id)
    out = tmp_path / "list.csv"
    export_statement_csv(sample.db, sample.statement_id, out)
    cells = [cell for row in _rows(out)[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert '\'=HYPERLINK("http://x","click")' in cells
    assert "'=1+1" in cells


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("\t=x") == "'\t=x"
    assert neutralise("Plain") == "Plain"
    assert neutralise("") == ""


def test_a_cancelled_export_leaves_the_earlier_file(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = tmp_path / "list.csv"
    out.write_text("earlier")
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        export_statement_csv(sample.db, sample.statement_id, out, cancel=lambda: next(calls))
    assert out.read_text() == "earlier"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_a_draft_version_is_refused(sample: SampleStatement, tmp_path: Path) -> None:
    statements.save_draft_text(sample.db, sample.statement_id, "en", "Not agreed yet.")
    draft = statements.get_draft(sample.db, sample.statement_id)
    assert draft is not None
    with pytest.raises(ValidationError, match="draft"):
        export_statement_csv(
            sample.db, sample.statement_id, tmp_path / "d.csv", version_number=draft.number
        )
    assert not (tmp_path / "d.csv").exists()


def test_people_follow_the_organisations_with_their_affiliation(
    sample: SampleStatement, tmp_path: Path
) -> None:
    from signapp.core import people

    named = people.add_person(
        sample.db, "Sok Dara", affiliation="Lawyer, Phnom Penh", email="dara@example.org"
    )
    hidden = people.add_person(sample.db, "Quiet Person")
    signons.record_person_signon(sample.db, sample.statement_id, named)
    signons.record_person_signon(sample.db, sample.statement_id, hidden, is_public=False)
    out = tmp_path / "list.csv"
    summary = export_statement_csv(sample.db, sample.statement_id, out)
    rows = _rows(out)
    assert rows[-1] == ["1", "Sok Dara", "", "", "", "", "Lawyer, Phnom Penh", "person"]
    assert all(row[-1] == "organisation" for row in rows[1:-1])
    content = out.read_text(encoding="utf-8-sig")
    assert "Quiet Person" not in content and "dara@example.org" not in content
    assert summary.anonymous == len(ANONYMOUS_ORGS) + 1


def test_an_older_version_lists_its_own_signatories_with_countries_as_people_write_them(
    db: Database, tmp_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Rivers", "Text.")
    kinshasa = organisations.add_organisation(db, "Riverkeepers", country="CD")
    gaza = organisations.add_organisation(db, "Water Rights", country="PS")
    for org_id in (kinshasa, gaza):
        signons.record_signon(db, statement_id, org_id)
    statements.revise_statement(db, statement_id, "New text.", kind="substantive")
    signons.record_signon(db, statement_id, kinshasa)  # confirms version 2 too
    out = tmp_path / "v1.csv"
    export_statement_csv(db, statement_id, out, version_number=1)
    rows = _rows(out)
    countries = {row[1]: row[HEADER.index("country")] for row in rows[1:]}
    assert countries == {
        "Riverkeepers": "Democratic Republic of the Congo",
        "Water Rights": "Palestine",
    }
    export_statement_csv(db, statement_id, out)
    assert [row[1] for row in _rows(out)[1:]] == ["Riverkeepers"]
