"""Organisations and contacts: validation, search, deletion, merging, history."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, signons, statements
from signapp.core.errors import NotFound, StaleEdit, ValidationError
from signapp.core.model import OrgKind


def test_organisation_fields_are_validated_and_normalised(db: Database) -> None:
    org_id = organisations.add_organisation(
        db,
        "  Cambodian Centre for Land Rights ",
        local_name="មជ្ឈមណ្ឌលសិទ្ធិដីធ្លី",
        acronym="CCLR",
        kind="Local NGO",
        country="khm",
        website="cclr.example.org",
    )
    org = organisations.get_organisation(db, org_id)
    assert org.name == "Cambodian Centre for Land Rights"
    assert org.local_name == "មជ្ឈមណ្ឌលសិទ្ធិដីធ្លី"
    assert org.kind is OrgKind.LOCAL_NGO
    assert org.country == "KH"
    assert org.website == "https://cclr.example.org"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "must not be empty"),
        ("country", "Atlantis", "not a known country"),
        ("kind", "club", "not one of"),
        ("website", "not a site", "does not look like a web address"),
    ],
)
def test_invalid_organisation_values_name_the_field(
    db: Database, field: str, value: str, message: str
) -> None:
    values = {"name": "Valid Name", field: value}
    with pytest.raises(ValidationError, match=message) as raised:
        organisations.add_organisation(db, **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert organisations.count_organisations(db) == 0


def test_contacts_are_normalised_and_one_is_primary(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Phnom Penh Workers Union", country="KH")
    first = contacts.add_contact(
        db, org_id, "Chan Sophea", email="Sophea@Example.ORG", phone="012 345 678", is_primary=True
    )
    second = contacts.add_contact(db, org_id, "Lim Bopha", phone="+855 97 765 4321")
    assert contacts.get_contact(db, first).email == "Sophea@example.org"
    assert contacts.get_contact(db, first).phone == "+85512345678"
    contacts.update_contact(db, second, {"is_primary": True})
    listed = contacts.list_contacts(db, org_id)
    assert [(c.name, c.is_primary) for c in listed] == [("Lim Bopha", True), ("Chan Sophea", False)]


def test_invalid_contact_details_are_refused_with_a_clear_message(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Union", country="TH")
    with pytest.raises(ValidationError, match="email: 'someone-at-example' is not a valid"):
        contacts.add_contact(db, org_id, "A", email="someone-at-example")
    with pytest.raises(ValidationError, match="phone"):
        contacts.add_contact(db, org_id, "A", phone="call me")
    assert contacts.list_contacts(db, org_id) == []


def _names(rows: list[organisations.OrganisationRow]) -> list[str]:
    return [row.name for row in rows]


def test_search_covers_names_scripts_acronyms_countries_and_contacts(db: Database) -> None:
    khmer = organisations.add_organisation(
        db, "Youth for Peace", local_name="យុវជនដើម្បីសន្តិភាព", acronym="YFP", country="KH"
    )
    thai = organisations.add_organisation(
        db, "Network of Thai Fisherfolk", local_name="เครือข่ายประมงพื้นบ้าน", country="TH"
    )
    german = organisations.add_organisation(db, "Ärztinnen für Menschenrechte", country="DE")
    contacts.add_contact(db, thai, "Somchai Rakdee", email="somchai@fisherfolk.example")

    assert _names(organisations.list_organisations(db, search="yfp")) == ["Youth for Peace"]
    assert _names(organisations.list_organisations(db, search="សន្តិភាព")) == ["Youth for Peace"]
    assert _names(organisations.list_organisations(db, search="ประมง")) == [
        "Network of Thai Fisherfolk"
    ]
    assert _names(organisations.list_organisations(db, search="ARZTINNEN")) == [
        "Ärztinnen für Menschenrechte"
    ]
    assert _names(organisations.list_organisations(db, search="somchai@")) == [
        "Network of Thai Fisherfolk"
    ]
    assert _names(organisations.list_organisations(db, search="cambodia")) == ["Youth for Peace"]
    assert _names(organisations.list_organisations(db, search="yf")) == ["Youth for Peace"]
    assert _names(organisations.list_organisations(db, country="TH")) == [
        "Network of Thai Fisherfolk"
    ]
    assert organisations.count_organisations(db, search="peace youth") == 1
    assert {khmer, german} == {
        row.id for row in organisations.list_organisations(db) if row.country in ("KH", "DE")
    }


def test_directory_sorts_by_collation_not_code_point(db: Database) -> None:
    for name in ["zebra Collective", "Ärzte Netz", "abc Union", "Éducation Populaire"]:
        organisations.add_organisation(db, name)
    assert _names(organisations.list_organisations(db)) == [
        "abc Union",
        "Ärzte Netz",
        "Éducation Populaire",
        "zebra Collective",
    ]
    assert _names(organisations.list_organisations(db, descending=True, limit=1)) == [
        "zebra Collective"
    ]


def test_stale_edit_is_refused_and_shows_current_values(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Old Name")
    seen = organisations.get_organisation(db, org_id)
    organisations.update_organisation(db, org_id, {"name": "Renamed Elsewhere"})
    with pytest.raises(StaleEdit) as raised:
        organisations.update_organisation(
            db, org_id, {"name": "My Edit"}, expected_row_version=seen.row_version
        )
    assert raised.value.current is not None
    assert raised.value.current["name"] == "Renamed Elsewhere"
    assert organisations.get_organisation(db, org_id).name == "Renamed Elsewhere"


def test_delete_takes_contacts_and_signons_and_restore_brings_them_back(db: Database) -> None:
    statement_id = statements.create_issued_statement(db, "Statement", "Text")
    org_id = organisations.add_organisation(db, "Leaving Org")
    contact_id = contacts.add_contact(db, org_id, "Person", email="p@example.org")
    signons.record_signon(db, statement_id, org_id, authorised_by=contact_id)
    impact = organisations.deletion_impact(db, org_id)
    assert (impact.contacts, impact.signons) == (1, 1)

    snapshot = organisations.delete_organisation(db, org_id)
    assert organisations.count_organisations(db) == 0
    assert signons.list_signons(db, statement_id) == []
    with pytest.raises(NotFound):
        organisations.get_organisation(db, org_id)

    organisations.restore_organisation(db, snapshot)
    [row] = signons.list_signons(db, statement_id)
    assert row.signon.authorised_by == contact_id
    assert organisations.count_organisations(db, search="p@example") == 1


def test_merge_moves_contacts_and_signons_and_can_be_undone(db: Database) -> None:
    first = statements.create_issued_statement(db, "First", "Text")
    second = statements.create_issued_statement(db, "Second", "Text")
    keep = organisations.add_organisation(db, "Land Rights Alliance", country="KH")
    drop = organisations.add_organisation(db, "LAND RIGHTS ALLIANCE (LRA)", acronym="LRA")
    contacts.add_contact(db, keep, "Keeper", is_primary=True)
    moved = contacts.add_contact(db, drop, "Mover", is_primary=True)
    signons.record_signon(db, first, keep, status="pending")
    signons.record_signon(db, first, drop, status="confirmed", is_public=False)
    signons.record_signon(db, second, drop, status="confirmed")

    record = organisations.merge_organisations(db, keep, drop)

    assert organisations.count_organisations(db) == 1
    merged = organisations.get_organisation(db, keep)
    assert merged.acronym == "LRA" and merged.country == "KH"
    assert {c.name for c in contacts.list_contacts(db, keep)} == {"Keeper", "Mover"}
    assert not contacts.get_contact(db, moved).is_primary
    [on_first] = signons.list_signons(db, first)
    assert on_first.signon.status.value == "confirmed"
    assert on_first.signon.is_public is False  # the more private answer wins
    assert signons.list_signons(db, second)[0].signon.organisation_id == keep

    organisations.undo_merge(db, record)

    assert organisations.count_organisations(db) == 2
    assert organisations.get_organisation(db, keep).acronym is None
    assert contacts.get_contact(db, moved).organisation_id == drop
    assert contacts.get_contact(db, moved).is_primary
    by_org = {row.signon.organisation_id: row.signon for row in signons.list_signons(db, first)}
    assert by_org[keep].status.value == "pending" and by_org[keep].is_public
    assert by_org[drop].status.value == "confirmed" and not by_org[drop].is_public
    assert signons.list_signons(db, second)[0].signon.organisation_id == drop


def test_history_lists_every_statement_an_organisation_was_asked_to_sign(db: Database) -> None:
    first = statements.create_issued_statement(db, "Water Statement", "Text")
    second = statements.create_issued_statement(db, "Forest Statement", "Text")
    org_id = organisations.add_organisation(db, "River Keepers")
    signons.record_signon(db, first, org_id, status="confirmed")
    signons.record_signon(db, second, org_id, status="declined")
    statements.revise_statement(db, first, "New text", kind="substantive")
    history = {
        entry.statement_title: entry for entry in organisations.organisation_history(db, org_id)
    }
    assert history["Water Statement"].needs_reconfirmation
    assert history["Forest Statement"].status.value == "declined"
    assert not history["Forest Statement"].needs_reconfirmation


def test_every_write_is_in_the_audit_log_with_before_and_after(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Audit Me")
    organisations.update_organisation(db, org_id, {"acronym": "AM"})
    organisations.delete_organisation(db, org_id)
    logged = audit.entries(db, entity="organisation", entity_id=org_id)
    assert [entry.action for entry in logged] == ["delete", "update", "create"]
    update = logged[1]
    assert update.before is not None and update.before["acronym"] is None
    assert update.after is not None and update.after["acronym"] == "AM"
    assert "name_sort" not in update.after


def test_a_failed_write_leaves_no_trace(db: Database) -> None:
    org_id = organisations.add_organisation(db, "Steady")
    entries_before = len(audit.entries(db))
    with pytest.raises(ValidationError):
        organisations.update_organisation(db, org_id, {"name": "New", "country": "Nowhere"})
    assert organisations.get_organisation(db, org_id).name == "Steady"
    assert len(audit.entries(db)) == entries_before
