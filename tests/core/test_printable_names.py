"""Names that would disturb the printed list are refused wherever they come in."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.errors import ValidationError
from signapp.core.validation import MAX_MARKS_PER_LETTER, printable_name_problem
from tests.export.long_texts import BURMESE, KHMER, THAI

STACKED = "Z" + "\u0301\u0300\u0302\u0303" * 5 + "algo Union"
INVISIBLE = "\u200b\u200d\u2060"


@pytest.mark.parametrize(
    "name",
    [
        "Hội Liên hiệp Phụ nữ",
        "Ho\u0323\u0302i Lie\u0302n hie\u0323\u0302p",  # Vietnamese typed decomposed
        KHMER,
        THAI,
        BURMESE,
        "مُحَمَّدٌ",
        "नारी\u200dशक्ति",
        "Alpha\u2067جمعية\u2069",  # direction controls are allowed: they print as nothing
    ],
)
def test_real_names_in_every_script_are_accepted(name: str) -> None:
    assert printable_name_problem(name) is None


def test_marks_stacked_on_one_letter_are_refused() -> None:
    problem = printable_name_problem(STACKED)
    assert problem is not None and f"more than {MAX_MARKS_PER_LETTER}" in problem
    assert printable_name_problem("e" + "\u0301" * MAX_MARKS_PER_LETTER) is None


@pytest.mark.parametrize("name", [INVISIBLE, "\u200b", " \u2060 ", "\u202e\u202c", "\u0301"])
def test_names_with_nothing_to_see_are_refused(name: str) -> None:
    assert "invisible" in (printable_name_problem(name) or "")


def test_the_store_refuses_them_for_every_printed_name(db: Database) -> None:
    with pytest.raises(ValidationError, match="name: is made only of invisible"):
        organisations.add_organisation(db, INVISIBLE)
    with pytest.raises(ValidationError, match="own-script name: has more than"):
        organisations.add_organisation(db, "Union", local_name=STACKED)
    org_id = organisations.add_organisation(db, "Union")
    with pytest.raises(ValidationError, match="acronym"):
        organisations.update_organisation(db, org_id, {"acronym": INVISIBLE})
    statement_id = statements.create_issued_statement(db, "Statement", "Text.")
    with pytest.raises(ValidationError, match="printed name"):
        signons.record_signon(db, statement_id, org_id, printed_name=STACKED)
    assert organisations.get_organisation(db, org_id).acronym is None  # nothing stored
