"""The export dialog: counts before exporting, the export off the GUI thread with
progress and Cancel, the preview, and the real PDF and CSV read back."""

from __future__ import annotations

import csv
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import organisations, people, signons, statements
from signapp.core.db import transaction
from signapp.core.errors import Cancelled, ValidationError
from signapp.core.model import VersionKind
from signapp.core.signons import public_signatories
from signapp.export.pdf import PdfOptions
from signapp.export.public import ExportSummary
from signapp.ui.statements.export_dialog import ExportDialog, real_pdf_export
from signapp.ui.statements.view import StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import build_sample


class FakeExport:
    """Stands in for the PDF export: reports progress, honours cancel, records calls."""

    def __init__(self, steps: int = 20, delay: float = 0.0) -> None:
        self.steps = steps
        self.delay = delay
        self.calls: list[tuple[int, Path, PdfOptions]] = []
        self.threads: list[threading.Thread] = []
        self.started = threading.Event()

    def __call__(self, db, statement_id, out_path, options, progress, cancel):  # type: ignore[no-untyped-def]
        self.threads.append(threading.current_thread())
        self.calls.append((statement_id, out_path, options))
        public = public_signatories(db, statement_id, options.version_number)
        self.started.set()
        for step in range(1, self.steps + 1):
            if cancel():
                raise Cancelled()
            time.sleep(self.delay)
            progress(step, self.steps)
        out_path.write_bytes(_tiny_pdf())
        return ExportSummary(
            out_path=out_path,
            version_number=public.version_number,
            listed=len(public.listed),
            anonymous=public.anonymous_count,
            left_out_for_reconfirmation=public.left_out_for_reconfirmation,
            pages=1,
        )


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "stand-in export")
    page.save()
    return buffer.getvalue()


def _font_names(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _dialog(
    qtbot: QtBot, db: Database, statement_id: int, tmp_path: Path, **kwargs
) -> ExportDialog:  # type: ignore[no-untyped-def]
    out_folder = tmp_path / "out"
    out_folder.mkdir(exist_ok=True)
    dialog = ExportDialog(db, statement_id, output_folder=out_folder, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_states_the_counts_before_exporting(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=FakeExport())
    # 3 confirmed: 2 listed by name, 1 anonymous; nothing to reconfirm yet
    assert (dialog.listed_count, dialog.anonymous_count, dialog.left_out_count) == (2, 1, 0)
    assert "2</b> organisations will be listed" in dialog.counts.text()
    assert sorted(dialog.language_checks) == ["en", "km"]
    assert dialog.language_checks["km"].text() == "km – Khmer"
    for check in dialog.language_checks.values():
        check.setChecked(False)
    assert not dialog.export_button.isEnabled()  # a PDF needs at least one text
    dialog.language_checks["km"].setChecked(True)
    assert dialog.export_button.isEnabled()

    statements.revise_statement(
        db, sample.statement_id, "Changed demand.", kind=VersionKind.SUBSTANTIVE, note="n"
    )
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=FakeExport())
    assert dialog.version_number() == 2
    assert (dialog.listed_count, dialog.anonymous_count, dialog.left_out_count) == (0, 0, 3)
    assert "left out because they have not reconfirmed" in dialog.counts.text()
    dialog.version.setCurrentIndex(dialog.version.findData(1))
    assert (dialog.listed_count, dialog.left_out_count) == (2, 0)
    assert dialog.output_path.text().endswith("-v1.pdf")


def test_the_export_runs_off_the_gui_thread_with_progress(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    fake = FakeExport(steps=10, delay=0.01)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=fake)
    dialog.language_checks["km"].setChecked(False)
    dialog.columns.setValue(2)
    dialog.group_by.setCurrentIndex(dialog.group_by.findData("country"))
    values: list[int] = []
    # Before anything runs: no "0%" bar, and a sentence where the PDF will be.
    assert dialog.progress_bar.isHidden()
    assert dialog.preview_pages.currentWidget() is dialog.preview_note
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        handle = dialog.start_pdf_export()
        assert not dialog.progress_bar.isHidden()
        assert handle is not None
        handle.progressed.connect(lambda done, _total: values.append(done))
        assert not dialog.export_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert fake.threads[0] is not threading.main_thread()
    statement_id, out_path, options = fake.calls[0]
    assert statement_id == sample.statement_id and out_path.parent == tmp_path / "out"
    assert (list(options.languages), options.group_by, options.columns) == (["en"], "country", 2)
    assert values and values[-1] == 10 and values == sorted(values)
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert "2 listed, 1 anonymous" in dialog.result_label.text()
    qtbot.waitUntil(lambda: dialog.pdf_document.status() == QPdfDocument.Status.Ready)
    assert dialog.pdf_document.pageCount() == 1
    assert dialog.preview_pages.currentWidget() is dialog.pdf_view
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    fake = FakeExport(steps=1000, delay=0.01)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=fake)
    handle = dialog.start_pdf_export()
    assert handle is not None
    assert fake.started.wait(5)
    with qtbot.waitSignal(handle.cancelled, timeout=10000):
        dialog.cancel_button.click()
    assert "cancelled" in dialog.result_label.text()
    assert list((tmp_path / "out").iterdir()) == []
    assert dialog.summary is None
    assert dialog.progress_bar.value() == 0 and dialog.progress_bar.isHidden()
    assert dialog.export_button.isEnabled() and not dialog.open_button.isEnabled()


def test_a_refused_export_says_why(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    sample = build_sample(db)

    def refuse(*_args):  # type: ignore[no-untyped-def]
        raise ValidationError("languages", "choose at least one language")

    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=refuse)
    handle = dialog.start_pdf_export()
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert dialog.result_label.text() == "Export failed: languages: choose at least one language"
    assert dialog.export_button.isEnabled()


def test_the_real_pdf_is_exported_through_the_dialog_and_read_back(
    qtbot: QtBot,
    db: Database,
    stack: UndoStack,
    tmp_path: Path,
    opened_urls: list[QUrl],
) -> None:
    sample = build_sample(db)
    view = StatementsView(db, stack, None)
    qtbot.addWidget(view)
    view.select_statement(sample.statement_id)
    dialog = view.open_export_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    out_path = tmp_path / "river.pdf"
    dialog.output_path.setText(str(out_path))
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.export_button.click()
    summary = blocker.args[0]
    assert summary.out_path == out_path and summary.listed == 2 and summary.anonymous == 1

    text = "\n".join(page.extract_text() for page in PdfReader(out_path).pages)
    assert "Mekong Fishers Network" in text
    assert "Ärzte für Flussanrainer" in text
    assert "Banteay Women's Group" not in text  # anonymous: counted, never named
    # The Khmer text is there, set in the Khmer font. (Shaped Khmer does not read back
    # letter for letter: the PDF maps stacked glyphs, not characters.)
    assert sum(1 for char in text if "\u1780" <= char <= "\u17ff") > 20
    assert any("NotoSansKhmer" in name for name in _font_names(out_path))

    qtbot.waitUntil(lambda: dialog.pdf_document.status() == QPdfDocument.Status.Ready)
    assert dialog.pdf_document.pageCount() == summary.pages >= 1
    dialog.resize(1100, 720)
    qtbot.wait(50)
    save_shot(dialog, "6-export-preview")
    assert dialog.open_in_system_viewer() and dialog.show_in_folder()
    assert [url.toLocalFile() for url in opened_urls] == [str(out_path), str(tmp_path)]


def test_the_csv_list_is_exported_from_the_same_dialog(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path)
    out_path = tmp_path / "list.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_csv_export(out_path)
    with out_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    names = [row[1] for row in rows[1:]]
    assert names == ["Ärzte für Flussanrainer", "Mekong Fishers Network"]
    assert "Wrote list.csv" in dialog.result_label.text()


@dataclass
class Preferences:
    author_name: str = "Mekong Rivers Coalition"
    export_languages: tuple[str, ...] = ("km",)
    export_group_by: str = "kind"
    export_personal_capacity: bool = False
    export_columns: tuple[str, ...] = ("name", "local_name", "country")


def test_the_csv_list_has_the_columns_chosen_in_the_preferences(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    preferences = Preferences(export_columns=("name", "country"))
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, preferences=preferences)
    out_path = tmp_path / "list.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_csv_export(out_path)
    with out_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["number", "name", "country", "signatory"]
    assert rows[1] == ["1", "Ärzte für Flussanrainer", "Germany", "organisation"]


def test_choices_start_from_the_settings_and_are_remembered(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    preferences = Preferences()
    fake = FakeExport(steps=2)
    dialog = _dialog(
        qtbot, db, sample.statement_id, tmp_path, export_function=fake, preferences=preferences
    )
    assert dialog.chosen_languages() == ["km"]
    assert dialog.group_by.currentData() == "kind"
    dialog.language_checks["en"].setChecked(True)
    dialog.group_by.setCurrentIndex(dialog.group_by.findData("country"))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_pdf_export()
    options = fake.calls[0][2]
    assert options.author == "Mekong Rivers Coalition"
    assert preferences.export_languages == ("en", "km")
    assert preferences.export_group_by == "country"
    assert options.personal_capacity is False
    assert preferences.export_personal_capacity is False


def _long_list(db: Database, statement_id: int, count: int) -> None:
    with transaction(db):
        for number in range(count):
            org_id = organisations.add_organisation(db, f"Watershed Group {number:04d}")
            signons.record_signon(db, statement_id, org_id, status="confirmed")


def test_the_real_export_reports_progress_and_stops_when_cancelled(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    _long_list(db, sample.statement_id, 1100)
    reached_progress = threading.Event()
    cancel_clicked = threading.Event()

    def real_export_paused_at_first_progress(db, statement_id, out_path, options, progress, cancel):  # type: ignore[no-untyped-def]
        def report(done: int, total: int) -> None:
            progress(done, total)
            reached_progress.set()
            cancel_clicked.wait(10)

        return real_pdf_export(db, statement_id, out_path, options, report, cancel)

    dialog = _dialog(
        qtbot,
        db,
        sample.statement_id,
        tmp_path,
        export_function=real_export_paused_at_first_progress,
    )
    handle = dialog.start_pdf_export()
    assert handle is not None
    assert reached_progress.wait(30)
    with qtbot.waitSignal(handle.cancelled, timeout=30000):
        dialog.cancel_button.click()
        cancel_clicked.set()
    assert list((tmp_path / "out").iterdir()) == []  # not even a partial file

    progress_seen: list[tuple[int, int]] = []
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path)
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        handle = dialog.start_pdf_export()
        assert handle is not None
        handle.progressed.connect(lambda done, total: progress_seen.append((done, total)))
    summary = blocker.args[0]
    assert summary.listed == 1102 and summary.pages > 5  # in three columns, chosen from the widths
    # The bar moves during the export, not only at the end (reports closer than 30 ms
    # apart are merged, the first and the last always arrive).
    assert progress_seen[0][0] < progress_seen[0][1]
    assert progress_seen[-1][0] == progress_seen[-1][1] == 2 * 1102
    assert [done for done, _ in progress_seen] == sorted(done for done, _ in progress_seen)
    text = PdfReader(summary.out_path).pages[-1].extract_text()
    assert "Watershed Group 1099" in text


def test_a_long_title_gives_a_file_name_cut_at_a_word() -> None:
    from signapp.ui.statements.export_dialog import _file_stem

    title = "Keep the rivers open: joint statement on river communities and large dams"
    assert _file_stem(title, 1) == ("Keep-the-rivers-open-joint-statement-on-river-communities-v1")
    assert _file_stem("Short", 2) == "Short-v2"
    assert _file_stem("ដោះលែងអ្នកការពារ", 1) == "ដោះលែងអ្នកការពារ-v1"


def test_the_default_folder_is_the_platforms_documents_folder_made_when_missing(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "fresh account" / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    sample = build_sample(db)
    fake = FakeExport()
    dialog = ExportDialog(db, sample.statement_id, export_function=fake)
    qtbot.addWidget(dialog)
    assert Path(dialog.output_path.text()).parent == documents
    assert not documents.exists()
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_pdf_export()
    assert documents.is_dir()


def test_native_numerals_and_automatic_columns_are_options(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=FakeExport())
    assert dialog.options().columns is None  # chosen from the names' widths
    assert dialog.options().native_numerals is False
    dialog.native_numerals.setChecked(True)
    dialog.columns.setValue(3)
    assert (dialog.options().columns, dialog.options().native_numerals) == (3, True)


def test_personal_capacity_is_an_option_remembered_for_the_next_export(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    preferences = Preferences()
    fake = FakeExport(steps=2)
    dialog = _dialog(
        qtbot, db, sample.statement_id, tmp_path, export_function=fake, preferences=preferences
    )
    assert not dialog.personal_capacity.isChecked()
    qtbot.mouseClick(dialog.personal_capacity, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_pdf_export()
    assert fake.calls[0][2].personal_capacity is True
    assert preferences.export_personal_capacity is True
    again = _dialog(qtbot, db, sample.statement_id, tmp_path, preferences=preferences)
    assert again.personal_capacity.isChecked()
    assert again.options().personal_capacity is True


def test_the_counts_include_people_in_a_sentence_of_their_own(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    for name, public in (("Sok Dara", True), ("Maria Keller", True), ("Unnamed Signer", False)):
        person_id = people.add_person(db, name, affiliation="Royal University of Phnom Penh")
        signons.record_person_signon(db, sample.statement_id, person_id, is_public=public)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=FakeExport())
    assert "<b>2</b> people will be listed by name, <b>1</b> counted" in dialog.counts.text()
    assert "organisations will be listed" in dialog.counts.text()
    assert (dialog.listed_count, dialog.anonymous_count) == (2 + 2, 1 + 1)
