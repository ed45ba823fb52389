"""The Replies tab: email replies read into the statement's queue, each a proposal to
accept, correct or reject from the keyboard.

The message is shown as plain text beside what signapp proposes for it; nothing reaches
the statement until a reply is accepted, and every decision can be undone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core import ops_replies
from signapp.core.import_store import directory_rows
from signapp.core.ops import Changes, Data, Done
from signapp.core.review_queue import ReviewAction, ReviewItem
from signapp.i18n import N_, _, ngettext
from signapp.ui.statements.commands import run_command
from signapp.ui.statements.replies_model import ACTION_LABELS, ITEM_ROLE, RepliesModel
from signapp.ui.tasks import DatabaseOpener, TaskHandle, run_database_task, show_error
from signapp.ui.undo import StoreCommand, UndoStack

if TYPE_CHECKING:
    from signapp.intake.run import IntakeResult

MAIL_FILE_FILTER = N_("Mail (*.mbox *.eml *.msg);;All files (*)")


class AcceptReplies(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, item_ids: list[int]) -> None:
        text = ngettext("Accept {n} reply", "Accept {n} replies", len(item_ids))
        super().__init__(stack, db, text.format(n=len(item_ids)))
        self._item_ids = item_ids

    def operate(self) -> Done:
        return ops_replies.accept_replies(self._db, self._item_ids)


class RejectReplies(StoreCommand):
    def __init__(
        self, stack: UndoStack, db: Database, statement_id: int, item_ids: list[int]
    ) -> None:
        text = ngettext("Reject {n} reply", "Reject {n} replies", len(item_ids))
        super().__init__(stack, db, text.format(n=len(item_ids)))
        self._statement_id = statement_id
        self._item_ids = item_ids

    def operate(self) -> Done:
        return ops_replies.reject_replies(self._db, self._statement_id, self._item_ids)


class CorrectReply(StoreCommand):
    def __init__(
        self,
        stack: UndoStack,
        db: Database,
        item_id: int,
        *,
        action: ReviewAction | None = None,
        organisation_id: int | None = None,
        new_organisation: str | None = None,
        is_public: bool | None = None,
    ) -> None:
        super().__init__(stack, db, _("Correct a reply's proposal"))
        self._item_id = item_id
        self._action = action
        self._organisation_id = organisation_id
        self._new_organisation = new_organisation
        self._is_public = is_public

    def operate(self) -> Done:
        return ops_replies.correct_reply(
            self._db,
            self._item_id,
            action=self._action,
            organisation_id=self._organisation_id,
            new_organisation=self._new_organisation,
            is_public=self._is_public,
        )


class RepliesView(QWidget):
    """Emits ``message(text)`` for the status bar and ``pending_changed(count)``."""

    message = Signal(str)
    pending_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        undo_stack: UndoStack,
        open_worker_database: DatabaseOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        self._open_worker_database = open_worker_database
        self._statement_id: int | None = None
        self._task: TaskHandle | None = None
        self._organisation_ids: dict[str, int] = {}

        self.read_button = QPushButton(_("Read replies…"))
        self.read_button.setToolTip(
            _("Read email replies (.mbox, .eml, .msg) into this queue; nothing is recorded yet")
        )
        self.read_button.clicked.connect(self.ask_read_replies)
        self.accept_button = QPushButton(_("Accept"))
        self.accept_button.setToolTip(_("Record what the selected replies propose (Ctrl+Enter)"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton(_("Reject"))
        self.reject_button.setToolTip(
            _("Set the selected replies aside; nothing is recorded (Del)")
        )
        self.reject_button.clicked.connect(self.reject_selected)
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        for widget in (self.read_button, self.accept_button, self.reject_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.count_label)

        self.model = RepliesModel(db, self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Replies to decide"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.message_text = QPlainTextEdit()
        self.message_text.setReadOnly(True)
        self.message_text.setAccessibleName(_("The reply's message"))
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.action_box = QComboBox()
        self.action_box.setAccessibleName(_("What the reply says"))
        for action in ReviewAction:
            self.action_box.addItem(_(ACTION_LABELS[action]), action.value)
        self.action_box.activated.connect(self._action_chosen)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setAccessibleName(_("Organisation the reply is from"))
        self.organisation_edit.setToolTip(
            _("Type a name from the directory, or a new organisation's name, then Enter")
        )
        self.organisation_edit.returnPressed.connect(self._organisation_typed)
        self.anonymous_box = QCheckBox(_("Sign without being named"))
        self.anonymous_box.clicked.connect(self._anonymous_toggled)
        proposal = QFormLayout()
        proposal.addRow(_("Says:"), self.action_box)
        proposal.addRow(_("From:"), self.organisation_edit)
        proposal.addRow("", self.anonymous_box)
        proposal.addRow(_("Why:"), self.reason_label)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(proposal)
        detail_layout.addWidget(self.message_text, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        for keys, slot in (
            ("Ctrl+Return", self.accept_selected),
            ("Ctrl+Enter", self.accept_selected),
            ("Delete", self.reject_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        undo_stack.changed.connect(self._on_data_changed)
        self._show_current()

    # The statement and its queue ------------------------------------------------------

    def set_statement(self, statement_id: int | None) -> None:
        self._statement_id = statement_id
        self.model.set_statement(statement_id)
        self.read_button.setEnabled(statement_id is not None)
        self.refresh()

    def refresh(self, keep_item: int | None = None) -> None:
        current = keep_item if keep_item is not None else self._current_item_id()
        self.model.refresh()
        self._organisation_ids = {
            str(row["name"]): int(row["id"]) for row in directory_rows(self._db)
        }
        completer = QCompleter(sorted(self._organisation_ids), self.organisation_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation_edit.setCompleter(completer)
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{n} reply to decide", "{n} replies to decide", count).format(n=count)
        )
        self.pending_changed.emit(count)
        row = self.model.row_of(current) if current is not None else None
        if row is None and count:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_current()

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        if changes.touches_statement(self._statement_id, Data.REPLIES) or changes.touches(
            Data.ORGANISATIONS
        ):
            self.refresh()

    def _current_item_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def _current_item(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row).id for row in rows]

    def _show_current(self) -> None:
        item = self._current_item()
        has_item = item is not None
        for widget in (
            self.accept_button,
            self.reject_button,
            self.action_box,
            self.organisation_edit,
            self.anonymous_box,
        ):
            widget.setEnabled(has_item)
        if item is None:
            self.message_text.setPlainText("")
            self.reason_label.setText("")
            self.organisation_edit.setText("")
            return
        self.action_box.setCurrentIndex(self.action_box.findData(item.action.value))
        self.organisation_edit.setText(
            self.model.organisation_label(item)
            if item.organisation_id
            else item.new_organisation or ""
        )
        self.organisation_edit.setPlaceholderText(_("not known: type a name"))
        self.anonymous_box.setChecked(not item.is_public)
        self.reason_label.setText(item.reason or "")
        attachments = "\n".join(f"  {name}" for name in item.attachments)
        listed = "\n\n" + _("Attachments (not opened):") + "\n" + attachments if attachments else ""
        self.message_text.setPlainText(item.message + listed)

    # Decisions -----------------------------------------------------------------------

    def _run(self, command: StoreCommand) -> bool:
        return run_command(self._undo_stack, command)

    def accept_selected(self) -> None:
        ids = self._selected_ids()
        if ids and self._run(AcceptReplies(self._undo_stack, self._db, ids)):
            self.message.emit(
                ngettext("{n} reply accepted.", "{n} replies accepted.", len(ids)).format(
                    n=len(ids)
                )
            )

    def reject_selected(self) -> None:
        ids = self._selected_ids()
        if ids and self._statement_id is not None:
            command = RejectReplies(self._undo_stack, self._db, self._statement_id, ids)
            if self._run(command):
                self.message.emit(
                    ngettext("{n} reply set aside.", "{n} replies set aside.", len(ids)).format(
                        n=len(ids)
                    )
                )

    def _correct(self, **proposal: object) -> None:
        item = self._current_item()
        if item is None:
            return
        self._run(CorrectReply(self._undo_stack, self._db, item.id, **proposal))  # type: ignore[arg-type]

    def _action_chosen(self, index: int) -> None:
        action = ReviewAction(self.action_box.itemData(index))
        item = self._current_item()
        if item is not None and action != item.action:
            self._correct(action=action)

    def _anonymous_toggled(self, anonymous: bool) -> None:
        self._correct(is_public=not anonymous)

    def _organisation_typed(self) -> None:
        name = self.organisation_edit.text().strip()
        if not name:
            return
        known = self._organisation_ids.get(name)
        if known is not None:
            self._correct(organisation_id=known)
        else:
            self._correct(new_organisation=name)

    # Reading a mailbox ---------------------------------------------------------------

    def ask_read_replies(self) -> None:
        if self._statement_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Read replies"), "", _(MAIL_FILE_FILTER)
        )
        if path:
            self.read_replies(Path(path))

    def read_replies(self, path: Path) -> TaskHandle | None:
        """Read ``path`` into the queue in the background, with progress and Cancel."""
        statement_id = self._statement_id
        if statement_id is None or self._open_worker_database is None:
            return None
        progress = QProgressDialog(_("Reading replies…"), _("Cancel"), 0, 0, self)
        progress.setWindowTitle(_("Read replies"))
        progress.setMinimumDuration(300)

        # Loaded when mail is first read: reading mail is a tenth of the app's start-up.
        from signapp.intake.run import intake_mail

        def work(db: Database, report: object, cancel: object) -> IntakeResult:
            return intake_mail(
                db,
                path,
                statement_id,
                progress=lambda done: report(done, 0),  # type: ignore[operator]
                cancelled=cancel,  # type: ignore[arg-type]
            )

        task = run_database_task(self._open_worker_database, work, parent=self)
        self._task = task
        task.progressed.connect(
            lambda done, _total: progress.setLabelText(
                ngettext("{n} message read…", "{n} messages read…", done).format(n=done)
            )
        )
        progress.canceled.connect(task.cancel)
        task.succeeded.connect(lambda result: self._read(result, statement_id))
        task.failed.connect(lambda error: show_error(self, error, _("Read replies")))
        task.finished.connect(progress.close)
        return task

    def _read(self, result: IntakeResult, statement_id: int) -> None:
        self._undo_stack.announce(ops_replies.queue_changed(statement_id))
        problems = len(result.problems)
        text = ngettext(
            "{n} new reply to decide", "{n} new replies to decide", result.queued
        ).format(n=result.queued)
        if result.already_queued:
            text += _("; {n} read before").format(n=result.already_queued)
        if problems:
            text += _("; {n} not readable (first: {reason})").format(
                n=problems, reason=f"{Path(result.problems[0][0]).name}: {result.problems[0][1]}"
            )
        self.message.emit(text + ".")
