"""The import wizard on a small export with one likely duplicate."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core.contacts import list_contacts
from signapp.core.organisations import add_organisation, list_organisations
from signapp.core.signons import list_signons
from signapp.core.statements import create_issued_statement
from signapp.importing.mapping import Field
from signapp.ui.importing.wizard import ImportWizard, MappingModel, ReviewModel


def _export(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Organisation", "Country", "Contact", "E-mail", "Notes"])
        writer.writerow(
            ["2024-03-05 10:00", "Frends of Anne", "Cambodia", "Mia", "mia@anne.org", ""]
        )
        writer.writerow(["2024-03-05 11:00", "River Guardians", "Laos", "Noy", "noy@river.la", ""])
        writer.writerow(["2024-03-05 12:00", "", "Laos", "Nobody", "x@y.org", ""])
    return path


def _setup(db: Database, tmp_path: Path) -> tuple[int, int, Path]:
    statement_id = create_issued_statement(db, "Protect the river", "We, the undersigned, ...")
    friends = add_organisation(db, "Friends of Anne", country="KH")
    return statement_id, friends, _export(tmp_path / "export.csv")


def _wizard(qtbot: QtBot, db_path: Path, statement_id: int) -> ImportWizard:
    wizard = ImportWizard(db_path, statement_id)
    qtbot.addWidget(wizard)
    wizard.restart()
    return wizard


def _on_the_columns_page(qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path) -> ImportWizard:
    statement_id, _, export = _setup(db, tmp_path)
    wizard = _wizard(qtbot, db_path, statement_id)
    wizard.file_page.path_edit.setText(str(export))
    wizard.next()
    return wizard


def _go_to(qtbot: QtBot, wizard: ImportWizard, page: object) -> None:
    """Press Next and wait for the background step to bring ``page``."""
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=10000)


def test_wizard_imports_with_a_fuzzy_pair_decided_same(
    qtbot: QtBot, qtmodeltester, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id, friends, export = _setup(db, tmp_path)
    wizard = _wizard(qtbot, db_path, statement_id)

    wizard.file_page.path_edit.setText(str(export))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    mapping_model = wizard.mapping_page.model
    assert isinstance(mapping_model, MappingModel)
    qtmodeltester.check(mapping_model)
    assert mapping_model.data(mapping_model.index(1, 2)) == Field.ORGANISATION.label
    # The "Notes" column is not wanted: the coordinator takes it out of the import.
    mapping_model.setData(mapping_model.index(5, 2), "— not imported —", Qt.ItemDataRole.EditRole)

    _go_to(qtbot, wizard, wizard.review_page)  # plans in the background
    review = wizard.review_page.model
    assert isinstance(review, ReviewModel)
    qtmodeltester.check(review)
    assert review.rowCount() == 1
    assert review.data(review.index(0, 1)) == "Frends of Anne (row 2)"
    assert review.data(review.index(0, 2)) == "Friends of Anne (in the directory)"
    assert review.data(review.index(0, 3)).startswith("similar names")
    review.setData(review.index(0, 4), "Same organisation", Qt.ItemDataRole.EditRole)
    preview = wizard.review_page.summary.text()
    assert preview.startswith("If imported now:")  # nothing is written before Import
    assert "new organisations 1, matched existing 1" in preview
    assert "were kept" not in preview

    _go_to(qtbot, wizard, wizard.summary_page)  # imports in the background

    summary = wizard.summary_page.text.text()
    assert summary.startswith("rows read 3, new organisations 1, matched existing 1")
    assert "rows rejected 1" in summary and "export.import-rejected.csv" in summary
    assert [c.name for c in list_contacts(db, friends)] == ["Mia"]
    assert sorted(row.organisation_name for row in list_signons(db, statement_id)) == [
        "Friends of Anne",
        "River Guardians",
    ]


def test_wizard_left_undecided_keeps_both_and_a_bad_file_stays_on_the_first_page(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id, _, export = _setup(db, tmp_path)
    image = tmp_path / "photo.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    wizard = _wizard(qtbot, db_path, statement_id)

    wizard.file_page.path_edit.setText(str(image))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "PNG image" in wizard.file_page.error_label.text()

    wizard.file_page.path_edit.setText(str(export))
    wizard.next()
    _go_to(qtbot, wizard, wizard.review_page)
    _go_to(qtbot, wizard, wizard.summary_page)

    assert "pairs left for review 1" in wizard.summary_page.text.text()
    names = sorted(org.name for org in list_organisations(db))
    assert names == ["Frends of Anne", "Friends of Anne", "River Guardians"]


def test_going_back_to_the_columns_plans_again_with_the_new_choice(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    wizard = _on_the_columns_page(qtbot, db, db_path, tmp_path)
    _go_to(qtbot, wizard, wizard.review_page)
    assert "rows rejected 1" in wizard.review_page.summary.text()

    wizard.back()
    mapping_model = wizard.mapping_page.model
    assert mapping_model is not None
    # Read the organisation from the "Notes" column instead: every row lacks one now.
    mapping_model.setData(mapping_model.index(5, 2), Field.ORGANISATION.label)
    _go_to(qtbot, wizard, wizard.review_page)

    assert "rows rejected 3" in wizard.review_page.summary.text()


def test_a_zip_that_is_not_a_workbook_is_named_on_the_first_page_without_library_text(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id, _, _ = _setup(db, tmp_path)
    fake = tmp_path / "answers.xlsx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    wizard = _wizard(qtbot, db_path, statement_id)

    wizard.file_page.path_edit.setText(str(fake))  # typing the path checks it at once

    message = wizard.file_page.error_label.text()
    assert "not a readable Excel workbook" in message and str(fake) in message
    assert "Content_Types" not in message  # the library's own words stay in the log
    wizard.next()
    assert wizard.currentPage() is wizard.file_page


def test_next_pressed_again_while_a_step_runs_neither_plans_twice_nor_imports_unreviewed(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    wizard = _on_the_columns_page(qtbot, db, db_path, tmp_path)
    started = []
    wizard.planned.connect(lambda: started.append("planned"))

    for _ in range(3):  # as a key held down would, before the first plan is ready
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.review_page, timeout=10000)
    qtbot.wait(300)  # time for any second plan to arrive and press on

    assert started == ["planned"]
    assert wizard.currentPage() is wizard.review_page
    assert wizard.import_result is None
    assert sorted(org.name for org in list_organisations(db)) == ["Friends of Anne"]


def test_the_review_page_never_says_no_duplicates_over_rows_it_joined(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    statement_id = create_issued_statement(db, "Protect the river", "We, the undersigned, ...")
    export = tmp_path / "twice.csv"
    export.write_text(
        "Organisation,Country\nRiver Guardians,Laos\nRIVER GUARDIANS,Laos\nKep Fishers,Cambodia\n",
        encoding="utf-8",
    )
    wizard = _wizard(qtbot, db_path, statement_id)
    wizard.file_page.path_edit.setText(str(export))
    wizard.next()

    _go_to(qtbot, wizard, wizard.review_page)

    subtitle = wizard.review_page.subTitle()
    assert "No possible duplicates" not in subtitle
    assert subtitle.startswith("No pair needs your decision.")
    assert "were joined on their own; the report lists each of them" in subtitle
    assert "duplicates within the file 1" in wizard.review_page.summary.text()
