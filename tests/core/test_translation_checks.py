"""Language codes are checked, and a revision that leaves a translation behind is found."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.errors import ValidationError
from signapp.core.languages import clean_language_code, language_name
from signapp.core.stale_translations import (
    draft_stale_translations,
    version_stale_translations,
)

ENGLISH = "# Keep the rivers open\n\nWe ask for a halt to new dams."
KHMER = "# ទុកទន្លេឱ្យបើកចំហ\n\nយើងស្នើឱ្យបញ្ឈប់ការសាងសង់ទំនប់ថ្មី។"


@pytest.fixture
def statement_id(db: Database) -> int:
    statement_id = statements.create_issued_statement(db, "Rivers", ENGLISH)
    statements.add_translation(db, statement_id, "km", KHMER)
    return statement_id


def test_an_english_only_substantive_revision_leaves_the_khmer_text_stale(
    db: Database, statement_id: int
) -> None:
    statements.save_draft_text(db, statement_id, "en", ENGLISH + "\n\nA new demand.")
    stale = draft_stale_translations(db, statement_id)
    assert stale is not None
    assert (stale.unchanged, stale.changed, stale.previous_number) == (("km",), ("en",), 1)
    assert stale.message() == (
        "The Khmer text is the same as in version 1 while the English text changed: "
        "it may be out of date."
    )
    statements.issue_version(db, statement_id, "substantive")
    issued = version_stale_translations(db, statement_id, 2)
    assert issued is not None and issued.unchanged == ("km",)
    assert "The Khmer text of version 2 is the same as in version 1" in issued.message()


def test_a_revision_of_every_language_is_not_stale(db: Database, statement_id: int) -> None:
    statements.save_draft_text(db, statement_id, "en", ENGLISH + "\n\nA new demand.")
    statements.save_draft_text(db, statement_id, "km", KHMER + "\n\nការទាមទារថ្មី។")
    assert draft_stale_translations(db, statement_id) is None
    statements.issue_version(db, statement_id, "substantive")
    assert version_stale_translations(db, statement_id, 2) is None
    assert version_stale_translations(db, statement_id, 1) is None


def test_a_new_language_alone_makes_nothing_stale(db: Database, statement_id: int) -> None:
    statements.save_draft_text(db, statement_id, "th", "แถลงการณ์")
    assert draft_stale_translations(db, statement_id) is None


def test_several_stale_languages_are_all_named(db: Database, statement_id: int) -> None:
    statements.add_translation(db, statement_id, "th", "แถลงการณ์")
    statements.save_draft_text(db, statement_id, "en", ENGLISH + " Now.")
    stale = draft_stale_translations(db, statement_id)
    assert stale is not None
    assert stale.message().startswith("The Khmer and Thai texts are the same as in version 1")
    assert stale.message().endswith("they may be out of date.")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("km", "km"),
        (" KM ", "km"),
        ("khm", "km"),
        ("fil", "fil"),
        ("pt-BR", "pt-br"),
        ("pt_BR", "pt-br"),
        ("es-419", "es-419"),
    ],
)
def test_known_language_codes_are_kept_in_one_form(typed: str, stored: str) -> None:
    assert clean_language_code(typed) == stored


@pytest.mark.parametrize("typed", ["xx", "klingon!!", "", "english", "pt-XX", "en-us-x"])
def test_unknown_language_codes_are_refused_naming_field_and_value(typed: str) -> None:
    with pytest.raises(ValidationError) as raised:
        clean_language_code(typed)
    assert raised.value.field == "language"
    assert typed.strip() in raised.value.message


def test_statements_refuse_an_unknown_language(db: Database, statement_id: int) -> None:
    with pytest.raises(ValidationError, match="'xx' is not an ISO 639 language code"):
        statements.add_translation(db, statement_id, "xx", "text")
    with pytest.raises(ValidationError, match="language"):
        statements.save_draft_text(db, statement_id, "klingon!!", "text")
    assert set(statements.get_version(db, statement_id).texts) == {"en", "km"}
    assert statements.get_draft(db, statement_id) is None


def test_language_names_for_people() -> None:
    assert language_name("km") == "Khmer"
    assert language_name("pt-br") == "Portuguese (Brazil)"
    assert language_name("zz") == "zz"
