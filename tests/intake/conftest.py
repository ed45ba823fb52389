"""A campaign with a statement and a small directory, as replies to its call arrive."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlite_utils import Database

from signapp.core import contacts, organisations, statements


@dataclass(frozen=True)
class Campaign:
    statement_id: int
    rights_centre: int
    rivers_alliance: int
    peace_network: int
    tenants_union: int


@pytest.fixture
def campaign(db: Database) -> Campaign:
    return make_campaign(db)


def make_campaign(db: Database) -> Campaign:
    statement_id = statements.create_issued_statement(
        db, "Stop the judicial harassment of land defenders", "We, the undersigned, ..."
    )
    db.execute(
        "UPDATE statement_versions SET issued_at = '2026-11-10T08:00:00+00:00' "
        "WHERE statement_id = ?",
        [statement_id],
    )
    rights_centre = organisations.add_organisation(
        db, "Cambodian Centre for Rights Defence", acronym="CCRD", country="KH"
    )
    contacts.add_contact(db, rights_centre, "Dara Sok", email="dara@ccrd.example.org")
    rivers_alliance = organisations.add_organisation(
        db,
        "Khmer Rivers Alliance",
        local_name="សម្ព័ន្ធទន្លេខ្មែរ",
        country="KH",
        website="https://www.riversalliance.example.org/",
    )
    peace_network = organisations.add_organisation(
        db, "Community Peace Network Battambang", country="KH"
    )
    contacts.add_contact(
        db, peace_network, "Sopheap Chan", email="sopheap.cpn@gmail.com", is_primary=True
    )
    tenants_union = organisations.add_organisation(db, "Phnom Penh Tenants Union", country="KH")
    contacts.add_contact(db, tenants_union, "Vanna Keo", email="vanna@pptu.example.org")
    return Campaign(statement_id, rights_centre, rivers_alliance, peace_network, tenants_union)
