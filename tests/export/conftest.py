"""A statement with signatories in many scripts, some anonymous, all with contacts."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import contacts, statements
from tests.export.sample_data import (
    ANONYMOUS_ORGS,
    KHMER_TEXT,
    LATIN_ORGS,
    OTHER_SCRIPT_ORGS,
    STATEMENT_TEXT,
    SampleStatement,
    add_orgs,
)


@pytest.fixture
def sample(db: Database) -> SampleStatement:
    statement_id = statements.create_issued_statement(
        db, "Civic space: សង្គមស៊ីវិល now", STATEMENT_TEXT
    )
    statements.add_translation(db, statement_id, "km", KHMER_TEXT)
    org_ids = add_orgs(db, statement_id, LATIN_ORGS + OTHER_SCRIPT_ORGS + ANONYMOUS_ORGS)
    emails, phones, names = [], [], []
    for index, org_id in enumerate(org_ids):
        email = f"officer{index}@contact-example.org"
        phone = f"+855 12 {300000 + index}"
        name = f"Sokha Contactperson{index}"
        contacts.add_contact(db, org_id, name, email=email, phone=phone)
        stored = contacts.list_contacts(db, org_id)[0]
        emails.extend({email, stored.email or email})
        phones.extend({phone, stored.phone or phone})
        names.append(name)
    return SampleStatement(db, statement_id, emails, phones, names)
