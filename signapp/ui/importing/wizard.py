"""The import wizard: file, column mapping, duplicate review, summary.

Reading the directory, planning and writing run on a worker thread with their own
database connection; the pages only show plain results of :mod:`signapp.importing`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlite_utils import Database

from signapp.core.collector import cycle_collection_paused
from signapp.core.errors import Cancelled, SignappError
from signapp.i18n import N_, _, ngettext
from signapp.importing.apply import apply_plan, initial_mapping, plan_import
from signapp.importing.mapping import ColumnMapping, Field
from signapp.importing.plan import Decision, ImportPlan, apply_decisions
from signapp.importing.reading import Table, list_sheets, read_table
from signapp.importing.report import ImportResult, writable_report_paths
from signapp.importing.signatory_kind import SignatoryKind
from signapp.ui.roles import show_as_error
from signapp.ui.screen_fit import fit_on_screen
from signapp.ui.tasks import (
    DatabaseOpener,
    TaskHandle,
    database_opener,
    error_message,
    run_database_task,
)

log = logging.getLogger("signapp.ui.import")

ModelIndex = QModelIndex | QPersistentModelIndex
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1
_NOT_IMPORTED = N_("— not imported —")
_SAMPLE_ROWS = 3


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the texts the model gives under CHOICES_ROLE."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        editor = QComboBox(parent)
        editor.addItems(index.data(CHOICES_ROLE) or [])
        editor.activated.connect(lambda _: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class _ChoiceTableModel(QAbstractTableModel):
    """A read-only table whose last column is a choice among ``choices``.

    Subclasses give the headers, the number of rows, the text of each cell and what
    choosing a value in a row does.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def choices(self) -> list[str]:
        """The texts offered in the choice column, in the interface language."""
        raise NotImplementedError

    @property
    def choice_column(self) -> int:
        return len(self.HEADERS) - 1

    def row_total(self) -> int:
        raise NotImplementedError

    def cell(self, row: int, column: int) -> Any:
        raise NotImplementedError

    def choose(self, row: int, value: str) -> None:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.cell(index.row(), index.column())
        if role == CHOICES_ROLE and index.column() == self.choice_column:
            return self.choices()
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        editable = index.column() == self.choice_column
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.choice_column:
            return False
        self.choose(index.row(), str(value))
        return True


class MappingModel(_ChoiceTableModel):
    """One row per column of the file: its title, sample answers, the field it feeds."""

    HEADERS = (N_("Column in the file"), N_("Sample answers"), N_("Imported as"))

    def __init__(self, table: Table, mapping: ColumnMapping, parent: QObject | None = None):
        super().__init__(parent)
        self.table = table
        self.mapping = mapping
        self.samples = [
            " | ".join([v for v in (row.get(i) for row in table.rows) if v][:_SAMPLE_ROWS])
            for i in range(len(table.header))
        ]

    def row_total(self) -> int:
        return len(self.table.header)

    def choices(self) -> list[str]:
        return [_(_NOT_IMPORTED), *(field.label for field in Field)]

    def field_of(self, column: int) -> Field | None:
        return next((f for f, i in self.mapping.columns.items() if i == column), None)

    def cell(self, row: int, column: int) -> Any:
        if column == 0:
            return self.table.header[row]
        if column == 1:
            return self.samples[row]
        field = self.field_of(row)
        return field.label if field else _(_NOT_IMPORTED)

    def choose(self, row: int, value: str) -> None:
        chosen = next((field for field in Field if field.label == value), None)
        current = self.field_of(row)
        if current is not None:
            self.mapping = self.mapping.with_column(current, None)
        if chosen is not None:
            self.mapping = self.mapping.with_column(chosen, row)
        # Giving a field to this column may have taken it from another one.
        self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 2))


class ReviewModel(_ChoiceTableModel):
    """The possible duplicates of a plan and the coordinator's answer for each."""

    HEADERS = (
        N_("Score"),
        N_("In the file"),
        N_("Possibly the same as"),
        N_("Why"),
        N_("Decision"),
    )
    UNDECIDED = N_("Not decided (keep separate)")
    LABELS: ClassVar[dict[Decision, str]] = {
        Decision.SAME: N_("Same organisation"),
        Decision.DIFFERENT: N_("Different"),
    }
    # Pairs of people follow the pairs of organisations, with their own answers.
    PERSON_UNDECIDED = N_("Not decided (keep apart)")
    PERSON_LABELS: ClassVar[dict[Decision, str]] = {
        Decision.SAME: N_("Same person"),
        Decision.DIFFERENT: N_("Different people"),
    }
    decisions_changed = Signal()

    def __init__(self, plan: ImportPlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.decisions: dict[int, Decision] = dict(plan.decisions)
        self.person_decisions: dict[int, Decision] = dict(plan.person_decisions)

    def row_total(self) -> int:
        return len(self.plan.pairs) + len(self.plan.people_pairs)

    def person_pair(self, row: int) -> int | None:
        """The index among the pairs of people that table row ``row`` shows, if any."""
        index = row - len(self.plan.pairs)
        return index if index >= 0 else None

    def choices(self) -> list[str]:
        return [_(self.UNDECIDED), *(_(label) for label in self.LABELS.values())]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == CHOICES_ROLE and index.isValid() and self.person_pair(index.row()) is not None:
            return [_(self.PERSON_UNDECIDED), *(_(label) for label in self.PERSON_LABELS.values())]
        return super().data(index, role)

    def _person_cell(self, index: int, column: int) -> Any:
        pair = self.plan.people_pairs[index]
        if column == 0:
            return pair.score
        if column in (1, 2):
            left, right = self.plan.person_pair_names(pair)
            left_rows, right_rows = self.plan.person_pair_rows(pair)
            if column == 1:
                return _("{person} (person, {rows})").format(
                    person=left, rows=_rows_text(left_rows)
                )
            where = _("stored") if pair.organisation_id is not None else _rows_text(right_rows)
            return _("{person} (person, {rows})").format(person=right, rows=where)
        if column == 3:
            return pair.reason
        decision = self.person_decisions.get(index)
        return _(self.PERSON_LABELS[decision]) if decision else _(self.PERSON_UNDECIDED)

    def cell(self, row: int, column: int) -> Any:
        person = self.person_pair(row)
        if person is not None:
            return self._person_cell(person, column)
        pair = self.plan.pairs[row]
        if column == 0:
            return pair.score
        if column in (1, 2):
            left, right = self.plan.pair_names(pair)
            left_rows, right_rows = self.plan.pair_rows(pair)
            if column == 1:
                return f"{left} ({_rows_text(left_rows)})"
            where = _("in the directory") if pair.organisation_id is not None else None
            return f"{right} ({where or _rows_text(right_rows)})"
        if column == 3:
            return pair.reason
        decision = self.decisions.get(row)
        return _(self.LABELS[decision]) if decision else _(self.UNDECIDED)

    def choose(self, row: int, value: str) -> None:
        person = self.person_pair(row)
        labels = self.LABELS if person is None else self.PERSON_LABELS
        answers = self.decisions if person is None else self.person_decisions
        key = row if person is None else person
        decision = next((d for d, label in labels.items() if _(label) == value), None)
        if decision is None:
            answers.pop(key, None)
        else:
            answers[key] = decision
        self.dataChanged.emit(self.index(row, 4), self.index(row, 4))
        self.decisions_changed.emit()


def _rows_text(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5]) + (" ..." if len(numbers) > 5 else "")
    return ngettext("row {numbers}", "rows {numbers}", len(numbers)).format(numbers=shown)


def _choice_table() -> QTableView:
    """A table whose choice cells are edited with a combo box on click."""
    view = QTableView()
    view.setItemDelegate(ChoiceDelegate(view))
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.AllEditTriggers
        & ~QAbstractItemView.EditTrigger.CurrentChanged
    )
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the first rows (the best-scored pairs), not all of them: measuring
    # thousands of pairs froze the window for a quarter of a second at every answer.
    view.horizontalHeader().setResizeContentsPrecision(200)
    view.horizontalHeader().setStretchLastSection(False)
    view.verticalHeader().setVisible(False)
    return view


def _show_model(
    view: QTableView, model: QAbstractTableModel, stretched_columns: Sequence[int]
) -> None:
    """Show ``model``; the ``stretched_columns`` share the width the others leave."""
    view.setModel(model)
    for column in stretched_columns:
        view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class FilePage(QWizardPage):
    """Choose the export (and the sheet of a workbook); it is read when going on."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle(_("Choose the form export"))
        self.setSubTitle(_("A CSV or Excel (.xlsx) file, or a list of names (.txt, .md)."))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importFilePath")
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        self.path_edit.setAccessibleName(_("File to import"))
        self.sheet_box = QComboBox()
        self.sheet_box.setAccessibleName(_("Sheet"))
        self.sheet_box.setEnabled(False)
        self.error_label = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Sheet (Excel files):")))
        layout.addWidget(self.sheet_box)
        layout.addWidget(self.error_label)
        layout.addStretch()
        self.path_edit.textChanged.connect(self._path_changed)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Form export"), "", _("Tables (*.csv *.xlsx *.txt *.md);;All files (*)")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _path_changed(self, text: str) -> None:
        self.error_label.clear()
        self.sheet_box.clear()
        path = Path(text)
        try:
            sheets = list_sheets(path) if text and path.is_file() else []
        except SignappError as error:  # said now, and again when Next is pressed
            self.error_label.setText(error.message)
            sheets = []
        self.sheet_box.addItems(sheets)
        self.sheet_box.setEnabled(len(sheets) > 1)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            table = read_table(
                self.path_edit.text().strip(), sheet=self.sheet_box.currentText() or None
            )
            self.import_wizard.use_table(table)
        except SignappError as error:
            self.error_label.setText(error.message)
            return False
        return True


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages name files and rows: data
    show_as_error(label)
    return label


class _TablePage(QWizardPage):
    """A page showing a choice table, whose "next" runs a step in the background."""

    def __init__(
        self,
        wizard: ImportWizard,
        title: str,
        stretched_columns: Sequence[int],
        above: QWidget | None,
    ) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle(title)
        self.stretched_columns = stretched_columns
        self.view = _choice_table()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(self.view)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)


class MappingPage(_TablePage):
    """Confirm which column holds what; going on works out the plan in the background."""

    SIGNING_AS: ClassVar[tuple[tuple[SignatoryKind | None, str], ...]] = (
        (None, N_("Decided by the file (its columns, a “signing as” answer, a list's lines)")),
        (SignatoryKind.ORGANISATION, N_("Organisations, every row")),
        (SignatoryKind.PERSON, N_("People signing in their own name, every row")),
    )

    def __init__(self, wizard: ImportWizard) -> None:
        # Who signs: what ``signapp import --as`` chooses on the command line.
        self.signing_as = QComboBox()
        for _kind, label in self.SIGNING_AS:
            self.signing_as.addItem(_(label))
        self.signing_as.setAccessibleName(_("Who signs"))
        above = QWidget()
        row = QFormLayout(above)
        row.setContentsMargins(0, 0, 0, 0)
        row.addRow(_("Who signs:"), self.signing_as)
        super().__init__(wizard, _("Check the columns"), stretched_columns=(1,), above=above)
        self.setSubTitle(
            _(
                "The columns were recognised from their titles. Change what is wrong; the "
                "choice is remembered for this statement."
            )
        )
        self.model: MappingModel | None = None

    def initializePage(self) -> None:
        table, mapping = self.import_wizard.table, self.import_wizard.mapping
        assert table is not None and mapping is not None
        self.model = MappingModel(table, mapping, self)
        _show_model(self.view, self.model, self.stretched_columns)
        self.error_label.clear()

    def validatePage(self) -> bool:
        if self.import_wizard.plan is not None:
            return True
        assert self.model is not None
        self.error_label.clear()
        self.import_wizard.start_planning(
            self.model.mapping,
            self.progress,
            self.error_label,
            signing_as=self.SIGNING_AS[self.signing_as.currentIndex()][0],
        )
        return False


def review_subtitle(plan: ImportPlan) -> str:
    """What the review page asks; it never says "no duplicates" over rows it joined."""
    joined = plan.duplicates_within_file + plan.matched_existing
    if plan.pairs:
        text = _(
            "Choose \u201csame organisation\u201d or \u201cdifferent\u201d for each pair. "
            "Pairs left undecided are imported as separate organisations."
        )
    elif not plan.people_pairs:
        text = _("No pair needs your decision.")
    else:
        text = ""
    if plan.people_pairs:
        text += " " + _(
            "People with the same or a similar name are listed after the organisations: "
            "they are never joined unless you choose \u201csame person\u201d."
        )
    if joined:
        text += " " + _(
            "Rows that are surely one organisation (the same name or contact, nothing "
            "contradicting it) were joined on their own; the report lists each of them."
        )
    return text.strip()


class ReviewPage(_TablePage):
    """Say for each possible duplicate whether it is the same organisation."""

    def __init__(self, wizard: ImportWizard) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # The two names and the reason share the width; score and answer stay whole.
        super().__init__(
            wizard, _("Possible duplicates"), stretched_columns=(1, 2, 3), above=self.summary
        )
        self.setButtonText(QWizard.WizardButton.NextButton, _("Import"))
        self.model: ReviewModel | None = None

    def initializePage(self) -> None:
        plan = self.import_wizard.plan
        assert plan is not None
        self.model = ReviewModel(plan, self)
        self.model.decisions_changed.connect(self._update_summary)
        _show_model(self.view, self.model, self.stretched_columns)
        self.setSubTitle(review_subtitle(plan))
        self._update_summary()

    def cleanupPage(self) -> None:
        """Going back to the columns: the plan is worked out again from them."""
        self.import_wizard.plan = None
        super().cleanupPage()

    def _update_summary(self) -> None:
        plan = self.import_wizard.plan
        assert plan is not None and self.model is not None
        # Tens of thousands of rows are alive in the plan: a collector pass here would
        # scan them all, on the thread that draws the window.
        with cycle_collection_paused():
            preview = ImportResult.preview(plan, self.model.decisions, self.model.person_decisions)
        self.summary.setText(preview.preview_line())

    def validatePage(self) -> bool:
        if self.import_wizard.import_result is not None:
            return True
        assert self.model is not None
        self.error_label.clear()
        self.import_wizard.start_import(
            self.model.decisions,
            self.progress,
            self.error_label,
            person_decisions=self.model.person_decisions,
        )
        return False


class SummaryPage(QWizardPage):
    """What was imported, and where the report and the rejected rows are."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle(_("Imported"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("importSummary")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names from the file are data
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch()

    def initializePage(self) -> None:
        result = self.import_wizard.import_result
        assert result is not None
        lines = [result.summary_line()]
        if result.report_path:
            lines.append(_("Report: {path}").format(path=result.report_path))
        if result.rejected_path:
            lines.append(
                _("Rows that could not be imported: {path}").format(path=result.rejected_path)
            )
        lines += list(result.notes)
        self.text.setText("\n\n".join(lines))


WIZARD_SIZE = (980, 700)


class ImportWizard(QWizard):
    """Import a form export into one statement.

    Args:
        database: the database file, or a function opening a new connection to it
            (called once per background step, on the worker thread).
        statement_id: the statement whose sign-ons the rows become.
        parent: the owning window.
    """

    planned = Signal()
    imported = Signal(object)

    def __init__(
        self,
        database: str | Path | DatabaseOpener,
        statement_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import sign-ons"))
        self.open_database = database_opener(database)
        self.statement_id = statement_id
        self.table: Table | None = None
        self.mapping: ColumnMapping | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.running: TaskHandle | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.review_page = ReviewPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.mapping_page, self.review_page, self.summary_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        # Room for the labels and about a dozen mapping rows (at its own size the wizard
        # clipped its labels and showed five rows); never larger than the screen.
        fit_on_screen(self, WIZARD_SIZE)

    def use_table(self, table: Table) -> None:
        """Take a freshly read file; the mapping remembered for the statement applies."""
        db = self.open_database()
        try:
            self.mapping = initial_mapping(db, self.statement_id, table)
        finally:
            db.close()
        self.table = table
        self.plan = None

    def _run(
        self,
        work: Callable[[Database, Callable[[int, int], None], Callable[[], bool]], Any],
        progress_bar: QProgressBar,
        error_label: QLabel,
        done: Callable[[Any], None],
    ) -> None:
        if self.running is not None:
            return  # one step at a time: a second "next" must not plan or import again
        progress_bar.setRange(0, 0)
        progress_bar.setVisible(True)
        self._set_busy(True)
        handle = run_database_task(self.open_database, work, parent=self, pool=self.pool)

        def on_progress(value: int, total: int) -> None:
            progress_bar.setRange(0, max(total, 1))
            progress_bar.setValue(value)

        def on_finished() -> None:
            progress_bar.setVisible(False)
            self._set_busy(False)
            self.running = None

        handle.progressed.connect(on_progress)
        handle.finished.connect(on_finished)
        handle.succeeded.connect(done)
        handle.failed.connect(lambda error: error_label.setText(error_message(error)))
        handle.cancelled.connect(lambda: error_label.setText(Cancelled().message))
        self.running = handle

    def _set_busy(self, busy: bool) -> None:
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not busy)

    def start_planning(
        self,
        mapping: ColumnMapping,
        progress_bar: QProgressBar,
        error_label: QLabel,
        *,
        signing_as: SignatoryKind | None = None,
    ) -> None:
        """Work out the plan in the background, then move on to the review page;
        ``signing_as`` makes every row an organisation's or a person's."""
        table = self.table
        assert table is not None
        self.mapping = mapping
        statement_id = self.statement_id

        def work(db: Database, progress: Any, cancel: Any) -> ImportPlan:
            return plan_import(
                db,
                table,
                mapping,
                statement_id,
                progress=progress,
                cancel=cancel,
                signing_as=signing_as,
            )

        def done(plan: ImportPlan) -> None:
            self.plan = plan
            self.planned.emit()
            self.next()

        self._run(work, progress_bar, error_label, done)

    def start_import(
        self,
        decisions: Mapping[int, Decision],
        progress_bar: QProgressBar,
        error_label: QLabel,
        *,
        person_decisions: Mapping[int, Decision] | None = None,
    ) -> None:
        """Write the plan with the coordinator's answers (about organisations, and about
        people) in the background, then show the summary."""
        planned = self.plan
        assert planned is not None
        report_path, rejected_path = writable_report_paths(planned.source)
        answers = dict(decisions)
        person_answers = dict(person_decisions or {})

        def work(db: Database, progress: Any, cancel: Any) -> ImportResult:
            with cycle_collection_paused():
                plan = (
                    apply_decisions(planned, answers, person_answers)
                    if answers or person_answers
                    else planned
                )
            return apply_plan(
                db,
                plan,
                report_path=report_path,
                rejected_path=rejected_path,
                progress=progress,
                cancel=cancel,
            )

        def done(result: ImportResult) -> None:
            self.import_result = result
            self.imported.emit(result)
            self.next()

        self._run(work, progress_bar, error_label, done)

    def _stop_running_step(self) -> None:
        if self.running is not None:
            self.running.cancel()
        self.pool.waitForDone()

    def reject(self) -> None:
        """Cancel: a running step stops at its next check and writes nothing."""
        self._stop_running_step()
        super().reject()

    def done(self, result: int) -> None:
        self._stop_running_step()
        super().done(result)
