"""The sign-ons of one statement: filter, search, change status, add, chase answers."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.contacts import list_contacts
from signapp.core.fields import SignOnDetails, SignOnFields
from signapp.core.model import Channel, SignOnRow, SignOnStatus
from signapp.core.ops import Changes, Data
from signapp.core.ops_statements import NewOrganisation
from signapp.core.reminders import ReminderGroup
from signapp.core.validation import clean_text
from signapp.i18n import N_, _, country_name, ngettext
from signapp.ui.statements import reminders
from signapp.ui.statements.add_signons_dialog import AddSignOnsDialog
from signapp.ui.statements.checked_dialog import accept_when_valid
from signapp.ui.statements.commands import (
    AddSignOns,
    EditSignOn,
    RemoveSignOns,
    SetSignOnStatus,
    run_command,
)
from signapp.ui.statements.fields import OptionalDateField
from signapp.ui.statements.signons_model import (
    NEEDS_RECONFIRMATION_FILTER,
    ORGANISATIONS_FILTER,
    PEOPLE_FILTER,
    SIGNON_ID_ROLE,
    STATUS,
    SignOnFilterModel,
    SignOnTableModel,
)
from signapp.ui.statements.tally_words import tally_header
from signapp.ui.undo import StoreCommand, UndoStack

COLUMN_WIDTH_SAMPLE_ROWS = 200

_REMINDER_CHOICES = (
    (N_("pending"), (ReminderGroup.PENDING,)),
    (N_("needing reconfirmation"), (ReminderGroup.NEEDS_RECONFIRMATION,)),
    (N_("pending and needing reconfirmation"), tuple(ReminderGroup)),
)


class SignOnDetailsDialog(QDialog):
    """Edit who authorised a sign-on, through which channel, when, and notes."""

    def __init__(self, db: Database, row: SignOnRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            _("Sign-on of {organisation_name}").format(organisation_name=row.organisation_name)
        )
        self._row = row
        signon = row.signon
        self.printed_name = QLineEdit(signon.printed_name or "")
        self.printed_name.setPlaceholderText(row.organisation_name)
        self.listed = QCheckBox(_("Listed by name (untick for anonymous)"))
        self.listed.setChecked(signon.is_public)
        self.authorised_by = QComboBox()
        self.authorised_by.addItem(_("(nobody recorded)"), None)
        contacts = list_contacts(db, signon.organisation_id) if signon.organisation_id else []
        self.authorised_by.setEnabled(signon.organisation_id is not None)
        for contact in contacts:
            role = f", {contact.role}" if contact.role else ""
            self.authorised_by.addItem(f"{contact.name}{role}", contact.id)
        self.authorised_by.setCurrentIndex(
            max(self.authorised_by.findData(signon.authorised_by), 0)
        )
        self.channel = QComboBox()
        self.channel.addItem("", None)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.channel.setCurrentIndex(
            max(self.channel.findData(signon.channel.value if signon.channel else None), 0)
        )
        # No parent yet: it joins the Tab order where the form puts it, not first.
        self.received_at = OptionalDateField(signon.received_at, _("Received on"))
        self.notes = QPlainTextEdit(signon.notes or "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        accept_when_valid(self, buttons, self.changes)
        form = QFormLayout(self)
        form.addRow(_("Printed name:"), self.printed_name)
        form.addRow("", self.listed)
        form.addRow(_("Authorised by:"), self.authorised_by)
        form.addRow(_("Channel:"), self.channel)
        form.addRow(_("Received on:"), self.received_at)
        form.addRow(_("Notes:"), self.notes)
        form.addRow(buttons)

    def changes(self) -> SignOnFields:
        """The fields that differ from the sign-on as it was."""
        signon = self._row.signon
        received = self.received_at.iso_date()
        values: SignOnDetails = {
            "printed_name": clean_text(self.printed_name.text()),
            "is_public": self.listed.isChecked(),
            "authorised_by": self.authorised_by.currentData(),
            "channel": self.channel.currentData(),
            "received_at": received,
            "notes": clean_text(self.notes.toPlainText()),
        }
        current: SignOnDetails = {
            "printed_name": signon.printed_name,
            "is_public": signon.is_public,
            "authorised_by": signon.authorised_by,
            "channel": signon.channel.value if signon.channel else None,
            "received_at": (signon.received_at or "")[:10] or None,
            "notes": signon.notes,
        }
        changed = {key: value for key, value in values.items() if value != current.get(key)}
        return cast(SignOnFields, changed)  # some of the fields of ``values``


# The main window sets it on a header whose widths it restored (RESTORED_PROPERTY).
COLUMNS_SET_PROPERTY = "restoredFromSettings"


class SignOnsView(QWidget):
    """Emits ``message(text)`` for the status bar after reminders are gathered."""

    message = Signal(str)

    def __init__(self, db: Database, undo_stack: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        self._statement_id: int | None = None
        # Read when the tab is looked at: tens of thousands of sign-ons take seconds to
        # read and sort, and a hidden tab need not follow every change (see showEvent).
        self._stale = False
        self.model = SignOnTableModel(db, self)
        self.proxy = SignOnFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search signatories…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search sign-ons"))
        self.search.textChanged.connect(self.proxy.set_search)
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("All statuses"), None)
        for status in SignOnStatus:
            self.status_filter.addItem(status.value, status.value)
        self.status_filter.addItem(_("⚠ needs reconfirmation"), NEEDS_RECONFIRMATION_FILTER)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status_filter(self.status_filter.currentData())
        )
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(_("Show organisations, people or both"))
        self.kind_filter.addItem(_("Organisations and people"), None)
        self.kind_filter.addItem(_("Organisations"), ORGANISATIONS_FILTER)
        self.kind_filter.addItem(_("People"), PEOPLE_FILTER)
        self.kind_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_kind_filter(self.kind_filter.currentData())
        )
        self.country_filter = QComboBox()
        self.country_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.country_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_country_filter(self.country_filter.currentData())
        )

        self.table = QTableView()
        self.table.setObjectName("signonsTable")  # its column widths are remembered
        self.table.setAccessibleName(_("Sign-ons"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(COLUMN_WIDTH_SAMPLE_ROWS)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())

        add_button = QPushButton(_("Add organisations…"))
        add_button.setToolTip(
            _("Ask organisations from the directory, or new ones, to sign this statement")
        )
        add_button.clicked.connect(self.ask_add_organisations)
        self.status_button = QPushButton(_("Set status"))
        self.status_button.setToolTip(_("Set the status of the selected sign-ons"))
        status_menu = QMenu(self.status_button)
        for status in SignOnStatus:
            action = QAction(status.label, status_menu)
            action.triggered.connect(lambda _=False, s=status: self.set_status_for_selection(s))
            status_menu.addAction(action)
        self.status_button.setMenu(status_menu)
        edit_button = QPushButton(_("Details…"))
        edit_button.setToolTip(
            _("Who authorised the sign-on, how it came, and whether the organisation may be named")
        )
        edit_button.clicked.connect(self.edit_selected)
        remove_button = QPushButton(_("Remove"))
        remove_button.setToolTip(
            _("Take the selected organisations off this statement (Edit › Undo brings them back)")
        )
        remove_button.clicked.connect(self.ask_remove_selected)
        self.reminder_button = QPushButton(_("Chase answers"))
        self.reminder_button.setToolTip(
            _(
                "Copy the addresses of those who have not answered or must reconfirm, or open a reminder email"
            )
        )
        reminder_menu = QMenu(self.reminder_button)
        for label, groups in _REMINDER_CHOICES:
            copy = QAction(_("Copy Bcc list: {label}").format(label=_(label)), reminder_menu)
            copy.triggered.connect(lambda _=False, g=groups: self.copy_bcc(g))
            mail = QAction(_("Email reminder: {label}").format(label=_(label)), reminder_menu)
            mail.triggered.connect(lambda _=False, g=groups: self.email_reminder(g))
            reminder_menu.addAction(copy)
            reminder_menu.addAction(mail)
        self.reminder_button.setMenu(reminder_menu)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter)
        filters.addWidget(QLabel(_("Status:")))
        filters.addWidget(self.status_filter)
        filters.addWidget(QLabel(_("Country:")))
        filters.addWidget(self.country_filter)
        actions = QHBoxLayout()
        for widget in (
            add_button,
            self.status_button,
            edit_button,
            remove_button,
            self.reminder_button,
        ):
            actions.addWidget(widget)
        actions.addStretch()
        self.counts = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        self.proxy.layoutChanged.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.proxy.modelReset.connect(self._update_counts)
        undo_stack.changed.connect(self._on_data_changed)

    def set_statement(self, statement_id: int | None) -> None:
        self._statement_id = statement_id
        self.setEnabled(statement_id is not None)
        self._stale = True
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        self._stale = False
        self.model.set_statement(self._statement_id)
        # Fitted to the first statement shown, unless widths were kept from last time;
        # after that the widths the person set stay.
        header = self.table.horizontalHeader()
        if not header.property(COLUMNS_SET_PROPERTY):
            self.table.resizeColumnsToContents()
            header.setProperty(COLUMNS_SET_PROPERTY, True)
        self._fill_countries()
        self._update_counts()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        """Re-read the sign-ons only when this statement's changed; an organisation
        edited elsewhere re-reads only its own rows (its name shows here)."""
        if changes.touches_statement(self._statement_id, Data.SIGNONS):
            self.refresh()
        elif changes.touches_statement(self._statement_id, Data.ORGANISATIONS, Data.CONTACTS):
            if not self.isVisible():
                self._stale = True
            elif not self._stale and self.model.refresh_organisations(changes.organisation_ids):
                self._fill_countries()

    def refresh(self) -> None:
        """Re-read the sign-ons, keeping the selection (when the tab is next shown, if
        it is hidden)."""
        if not self.isVisible():
            self._stale = True
            return
        if self._stale:
            self._load()
            return
        selected = set(self.selected_signon_ids())
        if self.model.refresh():
            self._fill_countries()
            self._select(selected)
        self._fit_status_column()
        self._update_counts()

    def _fit_status_column(self) -> None:
        """Widen the status column when a longer status appears (“confirmed v1 – needs
        reconfirmation” after a substantive revision); a wider column is left as it is."""
        needed = self.table.sizeHintForColumn(STATUS)
        header = self.table.horizontalHeader()
        if header.sectionSize(STATUS) < needed:
            header.resizeSection(STATUS, needed)

    def _fill_countries(self) -> None:
        previous = self.country_filter.currentData()
        countries = sorted(
            {self.model.signon_row(r).country or "" for r in range(self.model.rowCount())}
        )
        self.country_filter.blockSignals(True)
        self.country_filter.clear()
        self.country_filter.addItem(_("All countries"), None)
        for code in countries:
            self.country_filter.addItem(
                f"{country_name(code)} ({code})" if code else _("(no country)"), code
            )
        self.country_filter.setCurrentIndex(max(self.country_filter.findData(previous), 0))
        self.country_filter.blockSignals(False)
        self.proxy.set_country_filter(self.country_filter.currentData())

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        marked = sum(1 for r in range(total) if self.model.signon_row(r).needs_reconfirmation)
        text = ngettext(
            "{shown:,} of {count:,} sign-on shown", "{shown:,} of {count:,} sign-ons shown", total
        ).format(shown=shown, count=total)
        if marked:
            text += " · ⚠ " + _("{count:,} {what}").format(
                count=marked, what=tally_header("to_reconfirm").lower()
            )
        self.counts.setText(text)

    def selected_signon_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [int(index.data(SIGNON_ID_ROLE)) for index in rows]

    def _select(self, signon_ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if int(index.data(SIGNON_ID_ROLE)) in signon_ids:
                selection.select(index, flags)

    def select_signons(self, signon_ids: set[int]) -> None:
        self._select(signon_ids)

    def _run(self, command: StoreCommand) -> bool:
        return run_command(self._undo_stack, command)

    def set_status_for_selection(self, status: SignOnStatus) -> None:
        ids = self.selected_signon_ids()
        if ids:
            self._run(SetSignOnStatus(self._undo_stack, self._db, ids, status))

    def add_organisations(
        self,
        organisation_ids: list[int],
        *,
        new_organisations: list[NewOrganisation] | None = None,
        status: SignOnStatus = SignOnStatus.INVITED,
        is_public: bool = True,
    ) -> bool:
        if self._statement_id is None:
            return False
        return self._run(
            AddSignOns(
                self._undo_stack,
                self._db,
                self._statement_id,
                organisation_ids,
                new_organisations=new_organisations or [],
                status=status,
                is_public=is_public,
            )
        )

    def ask_add_organisations(self) -> None:
        if self._statement_id is None:
            return
        already_on = {
            organisation_id
            for r in range(self.model.rowCount())
            if (organisation_id := self.model.signon_row(r).signon.organisation_id) is not None
        }
        dialog = AddSignOnsDialog(self._db, already_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_organisations(
                list(dialog.chosen_ids),
                new_organisations=dialog.new_organisations,
                status=dialog.chosen_status(),
                is_public=dialog.listed.isChecked(),
            )

    def edit_selected(self) -> None:
        ids = self.selected_signon_ids()
        if len(ids) != 1:
            return
        row = next(
            self.model.signon_row(r)
            for r in range(self.model.rowCount())
            if self.model.signon_row(r).signon.id == ids[0]
        )
        dialog = SignOnDetailsDialog(self._db, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changes = dialog.changes()
            if changes:
                self._run(EditSignOn(self._undo_stack, self._db, ids[0], changes))

    def ask_remove_selected(self) -> None:
        ids = self.selected_signon_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, _("Remove sign-ons"), self._removal_question(ids))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(RemoveSignOns(self._undo_stack, self._db, ids))

    def _removal_question(self, ids: list[int]) -> str:
        """ "Remove 3 organisations…", "Remove 2 people…", or sign-ons when both are chosen."""
        chosen = set(ids)
        people = sum(
            1
            for r in range(self.model.rowCount())
            if self.model.signon_row(r).signon.id in chosen and self.model.signon_row(r).is_person
        )
        count = len(ids)
        if people == 0:
            question = ngettext(
                "Remove {count:,} organisation from this statement? (Undo brings it back.)",
                "Remove {count:,} organisations from this statement? (Undo brings them back.)",
                count,
            )
        elif people == count:
            question = ngettext(
                "Remove {count:,} person from this statement? (Undo brings them back.)",
                "Remove {count:,} people from this statement? (Undo brings them back.)",
                count,
            )
        else:
            question = ngettext(
                "Remove {count:,} sign-on from this statement? (Undo brings it back.)",
                "Remove {count:,} sign-ons (organisations and people) from this statement? "
                "(Undo brings them back.)",
                count,
            )
        return question.format(count=count)

    def copy_bcc(self, groups: tuple[ReminderGroup, ...]) -> None:
        if self._statement_id is None:
            return
        recipients = reminders.copy_bcc_list(self._db, self._statement_id, groups)
        self.message.emit(_("Copied {what}.").format(what=reminders.describe(recipients)))

    def email_reminder(self, groups: tuple[ReminderGroup, ...]) -> None:
        if self._statement_id is None:
            return
        recipients, opened = reminders.open_reminder_email(self._db, self._statement_id, groups)
        if opened:
            self.message.emit(
                _("Reminder opened in the mail client: {what}.").format(
                    what=reminders.describe(recipients)
                )
            )
        else:
            self.message.emit(
                _("No reminder opened: {what}.").format(what=reminders.describe(recipients))
            )
