"""A small directory with contacts and sign-ons, written fresh for the safety tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from signapp.core import contacts, organisations, signons, statements


@dataclass(frozen=True)
class Sample:
    statement_id: int
    listed_org: int
    anonymous_org: int
    contact_values: tuple[str, ...]


def fill(db: Database) -> Sample:
    """Two organisations with contacts, one listed and one anonymous sign-on."""
    statement_id = statements.create_issued_statement(
        db, "Keep the river clean", "We ask the council to stop the dumping."
    )
    listed = organisations.add_organisation(
        db, "Riverbank Fishers Union", acronym="RFU", country="KH", kind="trade_union"
    )
    anonymous = organisations.add_organisation(
        db,
        "Quiet Meadow Shelter",
        local_name="တိတ်ဆိတ်သောမြက်ခင်း",
        country="MM",
        notes="asks never to be named",
    )
    first = contacts.add_contact(
        db, listed, "Dara Chenda", email="dara.chenda@example.org", phone="+855 12 345 678"
    )
    contacts.add_contact(db, anonymous, "Thiri Aung", email="thiri.aung@example.net")
    signons.record_signon(db, statement_id, listed, authorised_by=first, printed_name="RFU")
    signons.record_signon(
        db,
        statement_id,
        anonymous,
        is_public=False,
        notes="call Thiri Aung only on Tuesdays",
        raw_source={"Name": "Thiri Aung", "Email": "thiri.aung@example.net"},
    )
    return Sample(
        statement_id=statement_id,
        listed_org=listed,
        anonymous_org=anonymous,
        contact_values=(
            "Dara Chenda",
            "dara.chenda@example.org",
            "+85512345678",
            "Thiri Aung",
            "thiri.aung@example.net",
        ),
    )
