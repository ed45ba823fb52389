"""A small statement with sign-ons in every status, in several scripts and countries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from signapp.core import contacts, organisations, signons, statements

ENGLISH_V1 = (
    "# Free the river defenders\n\n"
    "We, the undersigned organisations, call for the release of the five defenders "
    "arrested on 3 November.\n"
)
KHMER_V1 = (
    "# ដោះលែងអ្នកការពារទន្លេ\n\n"
    "យើងខ្ញុំ ជាអង្គការដែលបានចុះហត្ថលេខាខាងក្រោម ទាមទារឱ្យដោះលែងអ្នកការពារទាំងប្រាំនាក់។\n"
)

# name, local name, country, status, listed, primary email, received
ORGANISATIONS = (
    ("Mekong Fishers Network", None, "KH", "confirmed", True, "fishers@example.org", "2026-11-02"),
    ("Ärzte für Flussanrainer", None, "DE", "confirmed", True, "aerzte@example.org", "2026-11-02"),
    ("Banteay Women's Group", "ក្រុមស្ត្រីបន្ទាយ", "KH", "confirmed", False, None, "2026-11-04"),
    ("Lao River Union", None, "LA", "pending", True, "union@example.org", None),
    ("เครือข่ายแม่น้ำ", None, "TH", "invited", True, "network@example.org", None),
    ("Coastal Youth", None, "KH", "declined", True, "youth@example.org", "2026-11-05"),
    ("Old Friends Trust", None, "GB", "withdrawn", True, None, "2026-11-06"),
)


@dataclass(frozen=True)
class Sample:
    statement_id: int
    organisation_ids: dict[str, int]
    signon_ids: dict[str, int]


def build_sample(db: Database, *, deadline: str = "2026-11-30") -> Sample:
    statement_id = statements.create_statement(db, "Free the river defenders", deadline=deadline)
    statements.save_draft_text(db, statement_id, "en", ENGLISH_V1)
    statements.save_draft_text(db, statement_id, "km", KHMER_V1)
    statements.issue_version(db, statement_id, "initial", "first text")
    organisation_ids: dict[str, int] = {}
    signon_ids: dict[str, int] = {}
    for name, local_name, country, status, listed, email, received in ORGANISATIONS:
        org_id = organisations.add_organisation(db, name, local_name=local_name, country=country)
        if email:
            contacts.add_contact(db, org_id, f"Coordinator of {name}", email=email, is_primary=True)
        organisation_ids[name] = org_id
        signon_ids[name] = signons.record_signon(
            db, statement_id, org_id, status=status, is_public=listed, received_at=received
        )
    return Sample(statement_id, organisation_ids, signon_ids)
