"""The import wizard's review page asks about pairs of people too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core.people import add_person, list_people
from signapp.core.signons import list_person_signons
from signapp.core.statements import create_issued_statement
from signapp.ui.importing.wizard import ImportWizard, ReviewModel
from tests.test_import_apply import _write_csv


def test_people_pairs_are_shown_after_the_organisations_and_answered_apart(
    qtbot: QtBot, qtmodeltester, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id = create_issued_statement(db, "Free the defenders", "We, the undersigned, ...")
    stored = add_person(db, "Chan Sophea", affiliation="Lawyer, Phnom Penh")
    export = _write_csv(
        tmp_path / "people.csv",
        [
            ["Sophea Chan", "Lawyer, Phnom Penh", "sophea@example.org"],
            ["Иванов Алексей", "ООО Север", ""],
            ["Иванов Алексей", "Школа 5, Тверь", ""],
        ],
        ["Full name", "Affiliation", "Email"],
    )
    wizard = ImportWizard(db_path, statement_id)
    qtbot.addWidget(wizard)
    wizard.restart()
    wizard.file_page.path_edit.setText(str(export))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.review_page, timeout=10000)
    review = wizard.review_page.model
    assert isinstance(review, ReviewModel)
    qtmodeltester.check(review)
    assert "same person" in wizard.review_page.subTitle()
    assert "No pair needs your decision" not in wizard.review_page.subTitle()
    shown = {review.data(review.index(row, 3)): row for row in range(review.rowCount())}
    swapped = next(row for reason, row in shown.items() if "another order" in reason)
    namesakes = next(row for reason, row in shown.items() if "affiliations differ" in reason)
    assert review.data(review.index(swapped, 1)) == (
        "Sophea Chan (Lawyer, Phnom Penh) (person, row 2)"
    )
    assert review.data(review.index(swapped, 2)) == (
        "Chan Sophea (Lawyer, Phnom Penh) (person, stored)"
    )
    assert review.data(review.index(namesakes, 4)) == "Not decided (keep apart)"
    assert "Same person" in review.data(review.index(swapped, 4), Qt.ItemDataRole.UserRole + 1)
    assert "sign-ons recorded 3" in wizard.review_page.summary.text()
    review.setData(review.index(swapped, 4), "Same person", Qt.ItemDataRole.EditRole)
    assert review.data(review.index(swapped, 4)) == "Same person"
    assert "new people 2, people matched existing 1" in wizard.review_page.summary.text()

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=10000)
    signed = {row.person_id for row in list_person_signons(db, statement_id)}
    assert stored in signed  # the swapped name joined the stored person, as answered
    assert len(signed) == 3
    assert len(list_people(db)) == 3  # the two namesakes stay two people


def test_who_signs_on_the_columns_page_makes_every_row_a_person(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id = create_issued_statement(db, "Free the defenders", "We, the undersigned, ...")
    names = tmp_path / "names.txt"
    names.write_text("Coastal Fishers Union\nGreen Valley Farmers\n", encoding="utf-8")
    wizard = ImportWizard(db_path, statement_id)
    qtbot.addWidget(wizard)
    wizard.restart()
    wizard.file_page.path_edit.setText(str(names))
    wizard.next()
    choice = wizard.mapping_page.signing_as
    assert choice.currentIndex() == 0  # the file decides: a list of organisations
    choice.setCurrentIndex(choice.findText("People signing in their own name, every row"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.review_page, timeout=10000)
    assert "new organisations 0, new people 2" in wizard.review_page.summary.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=10000)
    assert sorted(row.name for row in list_person_signons(db, statement_id)) == [
        "Coastal Fishers Union",
        "Green Valley Farmers",
    ]
