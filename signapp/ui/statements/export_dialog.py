"""Export the signed statement: choose the options, see who will be listed, write the
PDF (or the CSV list) in the background, then look at the result.

The export runs on a worker thread with a connection of its own; the dialog shows
progress and can cancel it. A cancelled or failed export leaves no new file.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import platformdirs
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.errors import NotFound
from signapp.core.signons import public_people, public_signatories
from signapp.core.stale_translations import StaleTranslations, version_stale_translations
from signapp.core.statements import get_statement, list_versions
from signapp.export.csv import COLUMNS as CSV_COLUMNS
from signapp.export.csv import export_statement_csv
from signapp.export.pdf import PdfOptions, export_statement_pdf
from signapp.export.public import GROUP_CHOICES, ExportSummary
from signapp.i18n import N_, _, ngettext
from signapp.ui.statements.editor import language_label
from signapp.ui.statements.messages import WarningBox
from signapp.ui.tasks import (
    CancelCheck,
    DatabaseOpener,
    ProgressCallback,
    TaskHandle,
    error_message,
    run_database_task,
    worker_database_opener,
)

PdfExport = Callable[
    [Database, int, Path, PdfOptions, ProgressCallback | None, CancelCheck | None], ExportSummary
]
CsvExport = Callable[
    [Database, int, Path, int | None, CancelCheck | None, Sequence[str]], ExportSummary
]


class ExportPreferences(Protocol):
    """The export choices kept in the settings (``signapp.ui.settings.Settings``)."""

    author_name: str
    export_languages: tuple[str, ...]
    export_group_by: str
    export_personal_capacity: bool  # "(in a personal capacity)" under the people's heading
    export_columns: tuple[str, ...]  # of the CSV list, among signapp.export.csv.COLUMNS


FILE_STEM_LENGTH = 60


def documents_folder() -> Path:
    """The platform's documents folder (it may not exist yet: see :func:`ensure_folder`)."""
    return Path(platformdirs.user_documents_dir())


def ensure_folder(folder: Path) -> None:
    """Create the default export folder when it is missing (a fresh account may have
    no Documents folder); a folder that cannot be made is reported by the export."""
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)


_GROUP_LABELS = {
    "none": N_("No grouping"),
    "country": N_("By country"),
    "kind": N_("By kind of organisation"),
}


def with_suffix_of_format(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (".pdf"), added when the name ends otherwise.

    A name such as "Statement v1.2" keeps its dot and gets the suffix after it.
    """
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _file_stem(title: str, version_number: int) -> str:
    """A file name from the title, shortened at a word ("…-communities-an-v1" read as
    a typing mistake), with every letter of scripts such as Khmer kept whole."""
    # Vowel signs and subscripts (Khmer, Thai, Burmese) are marks, not "\w": kept.
    kept = "".join(
        char if char.isalnum() or char in "-_" or unicodedata.category(char)[0] == "M" else " "
        for char in title
    )
    stem = re.sub(r"\s+", "-", kept.strip())
    if len(stem) > FILE_STEM_LENGTH:
        stem = stem[: FILE_STEM_LENGTH + 1].rsplit("-", 1)[0] or stem[:FILE_STEM_LENGTH]
    return f"{stem or 'statement'}-v{version_number}"


def real_pdf_export(
    db: Database,
    statement_id: int,
    out_path: Path,
    options: PdfOptions,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> ExportSummary:
    return export_statement_pdf(db, statement_id, out_path, options, progress, cancel)


def real_csv_export(
    db: Database,
    statement_id: int,
    out_path: Path,
    version_number: int | None,
    cancel: CancelCheck | None,
    columns: Sequence[str],
) -> ExportSummary:
    return export_statement_csv(db, statement_id, out_path, version_number, cancel, columns)


class ExportDialog(QDialog):
    """Emits ``exported(summary)`` when a file has been written."""

    exported = Signal(object)

    def __init__(
        self,
        db: Database,
        statement_id: int,
        *,
        output_folder: Path | None = None,
        preferences: ExportPreferences | None = None,
        open_worker_database: DatabaseOpener | None = None,
        export_function: PdfExport = real_pdf_export,
        csv_function: CsvExport = real_csv_export,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._statement_id = statement_id
        self._preferences = preferences
        self._open_worker_database = open_worker_database or worker_database_opener(db)
        self._export_function = export_function
        self._csv_function = csv_function
        self._output_folder = output_folder or documents_folder()
        self.task: TaskHandle | None = None
        self.summary: ExportSummary | None = None
        statement = get_statement(db, statement_id)
        self._title = statement.title
        self.setWindowTitle(_("Export “{title}”").format(title=statement.title))
        self._versions = [v for v in list_versions(db, statement_id) if not v.is_draft]
        if not self._versions:
            raise NotFound(_("Issue a version of the statement before exporting it."))

        self.version = QComboBox()
        for version in reversed(self._versions):
            self.version.addItem(
                _("Version {number} ({kind})").format(
                    number=version.number, kind=version.kind.label
                ),
                version.number,
            )
        self.version.currentIndexChanged.connect(self._on_version_changed)
        self.languages_box = QVBoxLayout()
        self.language_checks: dict[str, QCheckBox] = {}
        self.group_by = QComboBox()
        for choice in GROUP_CHOICES:
            self.group_by.addItem(_(_GROUP_LABELS.get(choice, choice)), choice)
        if preferences is not None:
            self.group_by.setCurrentIndex(
                max(self.group_by.findData(preferences.export_group_by), 0)
            )
        self.columns = QSpinBox()
        self.columns.setRange(0, 3)
        # 0: the export chooses from the names' widths
        self.columns.setSpecialValueText(_("Columns chosen from the names' widths"))
        self.columns.valueChanged.connect(
            lambda count: self.columns.setSuffix(ngettext(" column", " columns", count))
        )
        self.columns.setSuffix(ngettext(" column", " columns", 1))
        self.native_numerals = QCheckBox(_("Numbers in the language's digits (០១២)"))
        self.personal_capacity = QCheckBox(
            _("Print “(in a personal capacity)” under the heading of the people's list")
        )
        self.personal_capacity.setChecked(
            preferences.export_personal_capacity if preferences is not None else False
        )
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.stale_warning = WarningBox()
        self._stale: StaleTranslations | None = None
        self.output_path = QLineEdit()
        self.output_path.setAccessibleName(_("Save as"))
        self.output_path.textChanged.connect(self.output_path.setToolTip)
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_path, 1)
        output_row.addWidget(browse)

        self.export_button = QPushButton(_("Export PDF"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_pdf_export)
        self.csv_button = QPushButton(_("Export CSV list…"))
        self.csv_button.clicked.connect(self._ask_csv_export)
        self.cancel_button = QPushButton(_("Cancel export"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        close_button = QPushButton(_("Close"))
        close_button.clicked.connect(self.reject)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setAccessibleName(_("Export progress"))
        self.progress_bar.hide()  # shown once an export starts, not as "0%" before
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.addRow(_("Version:"), self.version)
        form.addRow(_("Languages:"), self.languages_box)
        form.addRow(_("Grouping:"), self.group_by)
        form.addRow(_("Layout:"), self.columns)
        form.addRow("", self.native_numerals)
        form.addRow("", self.personal_capacity)
        form.addRow(_("Save as:"), output_row)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.csv_button, self.cancel_button, close_button):
            buttons.addWidget(button)
        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(form)
        options_layout.addWidget(self.counts)
        options_layout.addWidget(self.stale_warning)
        options_layout.addStretch()
        options_layout.addWidget(self.progress_bar)
        options_layout.addWidget(self.result_label)
        options_layout.addLayout(buttons)

        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.open_button = QPushButton(_("Open in system viewer"))
        self.open_button.clicked.connect(self.open_in_system_viewer)
        self.folder_button = QPushButton(_("Show in folder"))
        self.folder_button.clicked.connect(self.show_in_folder)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_buttons = QHBoxLayout()
        preview_buttons.addWidget(self.open_button)
        preview_buttons.addWidget(self.folder_button)
        preview_buttons.addStretch()
        # Until there is a PDF to show, a sentence rather than a large grey page.
        self.preview_note = QLabel(
            _("The PDF appears here once it is written: choose the options, then Export PDF.")
        )
        self.preview_note.setWordWrap(True)
        self.preview_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_pages = QStackedWidget()
        self.preview_pages.addWidget(self.preview_note)
        self.preview_pages.addWidget(self.pdf_view)
        self.pdf_view.setAccessibleName(_("Preview of the exported PDF"))
        preview_layout.addWidget(self.preview_pages, 1)
        preview_layout.addLayout(preview_buttons)

        splitter = QSplitter()
        splitter.addWidget(options)
        splitter.addWidget(preview)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1000, 680)
        self._on_version_changed()

    def version_number(self) -> int:
        return int(self.version.currentData())

    def chosen_languages(self) -> list[str]:
        return [code for code, check in self.language_checks.items() if check.isChecked()]

    def options(self) -> PdfOptions:
        return PdfOptions(
            version_number=self.version_number(),
            languages=tuple(self.chosen_languages()),
            group_by=str(self.group_by.currentData()),
            columns=self.columns.value() or None,
            author=self._preferences.author_name if self._preferences else "",
            native_numerals=self.native_numerals.isChecked(),
            personal_capacity=self.personal_capacity.isChecked(),
        )

    def _on_version_changed(self) -> None:
        number = self.version_number()
        version = next(v for v in self._versions if v.number == number)
        for check in self.language_checks.values():
            self.languages_box.removeWidget(check)
            check.deleteLater()
        self.language_checks = {}
        preferred = set(self._preferences.export_languages) if self._preferences else set()
        if not preferred & set(version.texts):
            preferred = set(version.texts)
        for language in version.texts:
            check = QCheckBox(language_label(language))
            check.setChecked(language in preferred)
            check.toggled.connect(self._update_export_button)
            check.toggled.connect(self._show_stale_warning)
            self.languages_box.addWidget(check)
            self.language_checks[language] = check
        # Boxes made now would come last in the Tab order, after Close: put them in
        # their place between the version and the grouping.
        previous: QWidget = self.version
        for check in self.language_checks.values():
            QWidget.setTabOrder(previous, check)
            previous = check
        QWidget.setTabOrder(previous, self.group_by)
        self.output_path.setText(
            str(self._output_folder / f"{_file_stem(self._title, number)}.pdf")
        )
        self._show_counts(number)
        self._stale = version_stale_translations(self._db, self._statement_id, number)
        self._show_stale_warning()
        self._update_export_button()

    def _show_stale_warning(self) -> None:
        """One line when a chosen text was left as in the version before."""
        chosen = set(self.chosen_languages())
        stale = self._stale
        shown = stale is not None and bool(chosen & set(stale.unchanged))
        self.stale_warning.set_text(f"⚠ {stale.message()}" if stale and shown else "")

    def _update_export_button(self) -> None:
        running = self.task is not None and self.task.is_running
        self.export_button.setEnabled(not running and bool(self.chosen_languages()))

    def _show_counts(self, number: int) -> None:
        public = public_signatories(self._db, self._statement_id, number)
        self.listed_count = len(public.listed)
        self.anonymous_count = public.anonymous_count
        self.left_out_count = public.left_out_for_reconfirmation
        self.counts.setText(
            ngettext(
                "<b>{listed:,}</b> organisation will be listed by name, <b>{anonymous:,}</b> "
                "counted as anonymous, and <b>{left_out:,}</b> left out because they have not "
                "reconfirmed after a substantive revision.",
                "<b>{listed:,}</b> organisations will be listed by name, <b>{anonymous:,}</b> "
                "counted as anonymous, and <b>{left_out:,}</b> left out because they have not "
                "reconfirmed after a substantive revision.",
                self.listed_count,
            ).format(
                listed=self.listed_count,
                anonymous=self.anonymous_count,
                left_out=self.left_out_count,
            )
            + self._people_counts(number)
        )

    def _people_counts(self, number: int) -> str:
        """The people's counts, in their own sentence as the PDF has its own section."""
        people = public_people(self._db, self._statement_id, number)
        listed = len(people.listed)
        if not (listed or people.anonymous_count or people.left_out_for_reconfirmation):
            return ""
        self.listed_count += listed
        self.anonymous_count += people.anonymous_count
        self.left_out_count += people.left_out_for_reconfirmation
        return "<br>" + ngettext(
            "<b>{listed:,}</b> person will be listed by name, <b>{anonymous:,}</b> counted "
            "as anonymous, and <b>{left_out:,}</b> left out because they have not "
            "reconfirmed after a substantive revision.",
            "<b>{listed:,}</b> people will be listed by name, <b>{anonymous:,}</b> counted "
            "as anonymous, and <b>{left_out:,}</b> left out because they have not "
            "reconfirmed after a substantive revision.",
            listed,
        ).format(
            listed=listed,
            anonymous=people.anonymous_count,
            left_out=people.left_out_for_reconfirmation,
        )

    def _choose_output(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the PDF as"), self.output_path.text(), _("PDF (*.pdf)")
        )
        if path:
            self.output_path.setText(str(with_suffix_of_format(Path(path), ".pdf")))

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running and bool(self.chosen_languages()))
        self.csv_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.version.setEnabled(not running)

    def start_pdf_export(self) -> TaskHandle | None:
        if not self.output_path.text().strip():
            self.result_label.setText(_("Choose where to save the PDF."))
            return None
        out_path = with_suffix_of_format(Path(self.output_path.text().strip()), ".pdf")
        self.output_path.setText(str(out_path))
        if out_path.parent == self._output_folder:
            ensure_folder(self._output_folder)
        options = self.options()
        statement_id = self._statement_id
        export = self._export_function

        def work(db: Database, progress: ProgressCallback, cancel: CancelCheck) -> ExportSummary:
            return export(db, statement_id, out_path, options, progress, cancel)

        return self._start(work, "PDF")

    def _ask_csv_export(self) -> None:
        suggested = Path(self.output_path.text() or "list.pdf").with_suffix(".csv")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the public list as"), str(suggested), _("CSV (*.csv)")
        )
        if path:
            self.start_csv_export(Path(path))

    def start_csv_export(self, out_path: Path) -> TaskHandle | None:
        out_path = with_suffix_of_format(out_path, ".csv")
        if out_path.parent == self._output_folder:
            ensure_folder(self._output_folder)
        statement_id = self._statement_id
        number = self.version_number()
        export = self._csv_function
        # The Preferences' "Columns"; every column when the dialog has no preferences.
        columns = self._preferences.export_columns if self._preferences else CSV_COLUMNS

        def work(db: Database, progress: ProgressCallback, cancel: CancelCheck) -> ExportSummary:
            return export(db, statement_id, out_path, number, cancel, columns)

        return self._start(work, "CSV")

    def _start(self, work: Callable[..., Any], what: str) -> TaskHandle:
        self.summary = None
        self._set_running(True)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.result_label.setText(_("Writing the {what}…").format(what=what))
        handle = run_database_task(self._open_worker_database, work, parent=self)
        handle.progressed.connect(self._on_progress)
        handle.succeeded.connect(lambda summary: self._on_done(summary, what))
        handle.failed.connect(self._on_failed)
        handle.cancelled.connect(self._on_cancelled)
        handle.finished.connect(lambda: self._set_running(False))
        self.task = handle
        return handle

    def cancel_export(self) -> None:
        if self.task is not None and self.task.is_running:
            self.result_label.setText(_("Cancelling…"))
            self.task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _on_done(self, summary: ExportSummary, what: str) -> None:
        self.summary = summary
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        warnings = "".join(f"\n⚠ {w}" for w in summary.warnings)
        counts = _("{listed:,} listed, {anonymous:,} anonymous, {left_out:,} left out.").format(
            listed=summary.listed,
            anonymous=summary.anonymous,
            left_out=summary.left_out_for_reconfirmation,
        )
        wrote = (
            ngettext(
                "Wrote {name}, {count:,} page:", "Wrote {name}, {count:,} pages:", summary.pages
            )
            if summary.pages
            else _("Wrote {name}:")
        ).format(name=summary.out_path.name, count=summary.pages)
        self.result_label.setText(f"{wrote} {counts}{warnings}")
        if what == "PDF":
            self._remember_choices()
            self.pdf_document.load(str(summary.out_path))
            self.preview_pages.setCurrentWidget(self.pdf_view)
            self.open_button.setEnabled(True)
            self.folder_button.setEnabled(True)
        self.exported.emit(summary)

    def _remember_choices(self) -> None:
        """The next export starts from the languages and grouping used for this one."""
        if self._preferences is not None:
            self._preferences.export_languages = tuple(self.chosen_languages())
            self._preferences.export_group_by = str(self.group_by.currentData())
            self._preferences.export_personal_capacity = self.personal_capacity.isChecked()

    def _on_failed(self, error: BaseException) -> None:
        self.progress_bar.hide()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.result_label.setText(
            _("Export failed: {error_message}").format(error_message=error_message(error))
        )

    def _on_cancelled(self) -> None:
        self.progress_bar.hide()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.result_label.setText(_("Export cancelled; no file was written."))

    def open_in_system_viewer(self) -> bool:
        if self.summary is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.out_path)))

    def show_in_folder(self) -> bool:
        if self.summary is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.out_path.parent)))

    def reject(self) -> None:
        """Closing while an export runs cancels it first."""
        self.cancel_export()
        super().reject()
