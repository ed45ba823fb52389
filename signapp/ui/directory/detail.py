"""The pane beside the directory: one organisation's fields, contacts and history."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core import contacts, organisations
from signapp.core.errors import NotFound
from signapp.core.fields import OrganisationFields
from signapp.core.model import Contact, Organisation
from signapp.i18n import _
from signapp.ui.directory import commands
from signapp.ui.directory.dialogs import (
    FormDialog,
    add_organisation_fields,
    contact_dialog,
    contact_form_values,
    organisation_changes,
    organisation_errors,
    organisation_form_values,
)
from signapp.ui.forms import ValidatedForm, changed_fields
from signapp.ui.resources import icon
from signapp.ui.roles import show_as_detail_title
from signapp.ui.statements.messages import plain_tooltip
from signapp.ui.undo import UndoStack

CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_LINE_FIELDS = ("name", "local_name", "acronym", "country", "website")


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setMinimumHeight(tree.fontMetrics().height() * 5)
    tree.setMaximumHeight(tree.fontMetrics().height() * 10)
    return tree


class OrganisationDetail(QWidget):
    """Shows and edits the selected organisation; every change goes on the undo stack.

    Signals:
        statement_activated(int): the user opened a statement from the history.
        saved(str): the typed changes were saved; carries the organisation's name.
        message(str): what was just done, for the status bar.
    """

    statement_activated = Signal(int)
    saved = Signal(str)
    message = Signal(str)

    def __init__(self, db: Database, undo_stack: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._stack = undo_stack
        self._organisation: Organisation | None = None
        self._contacts: list[Contact] = []
        self._shown: OrganisationFields = {}  # the values put in the form, to spot edits

        self.title = QLabel()
        show_as_detail_title(self.title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)

        self.form = ValidatedForm()
        add_organisation_fields(self.form)
        self.form.edited.connect(self._update_buttons)
        for editor in self._line_editors():
            editor.returnPressed.connect(self.save)
        self.save_button = QPushButton(_("&Save changes"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("&Revert"))
        self.revert_button.clicked.connect(self._show_current)
        details = QGroupBox(_("Details"))
        details_layout = QVBoxLayout(details)
        # The buttons above the fields: a message shown under a field pushes what is
        # below it down, and Save moved away from under the mouse.
        details_layout.addLayout(_button_row(self.revert_button, self.save_button))
        details_layout.addWidget(self.form)

        self.contacts_tree = _tree([_("Name"), _("Role"), _("Email"), _("Phone")])
        self.contacts_tree.setAccessibleName(_("Contacts"))
        # Every column in view in the narrow pane: name and email share what the role and
        # the phone leave (the phone was hidden behind a scroll bar).
        contact_header = self.contacts_tree.header()
        contact_header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            contact_header.setSectionResizeMode(column, mode)
        self.contacts_tree.itemSelectionChanged.connect(self._update_buttons)
        self.contacts_tree.itemDoubleClicked.connect(lambda _item, _col: self.edit_contact())
        self.add_contact_button = QPushButton(icon("add"), _("&Add…"))
        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button = QPushButton(_("&Edit…"))
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.remove_contact_button = QPushButton(icon("delete"), _("Re&move"))
        self.remove_contact_button.clicked.connect(self.remove_contact)
        self.primary_button = QPushButton(icon("primary"), _("Mark &primary"))
        self.primary_button.clicked.connect(self.mark_primary)
        contacts_box = QGroupBox(_("Contacts"))
        contacts_layout = QVBoxLayout(contacts_box)
        contacts_layout.addWidget(self.contacts_tree)
        # Two rows, so the pane can stay narrow beside the directory table.
        contacts_layout.addLayout(_button_row(self.add_contact_button, self.edit_contact_button))
        contacts_layout.addLayout(_button_row(self.primary_button, self.remove_contact_button))

        self.history_tree = _tree([_("Statement"), _("Status"), _("Version"), _("Received")])
        self.history_tree.itemActivated.connect(
            lambda item, _col: self.statement_activated.emit(item.data(0, STATEMENT_ID_ROLE))
        )
        history_box = QGroupBox(_("Statements asked to sign"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_tree)

        self.empty_label = QLabel(
            _(
                "Select an organisation to see its details, contacts and the statements "
                "it was asked to sign.\n\nSelect two to merge them; press F1 for the guide."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setContentsMargins(16, 0, 16, 0)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.subtitle)
        body_layout.addWidget(details)
        body_layout.addWidget(contacts_box)
        body_layout.addWidget(history_box)
        self._body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(
            body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll)
        self._scroll = scroll
        self.set_organisation(None)

    # Which organisation ----------------------------------------------------------------

    @property
    def organisation_id(self) -> int | None:
        return self._organisation.id if self._organisation else None

    @property
    def organisation_name(self) -> str:
        return self._organisation.name if self._organisation else ""

    def set_organisation(self, organisation_id: int | None) -> None:
        """Show ``organisation_id`` (None: nothing selected).

        Unsaved edits are dropped: callers settle them first with
        :meth:`save_before_leaving`.
        """
        self._organisation = None
        if organisation_id is not None:
            try:
                self._organisation = organisations.get_organisation(self._db, organisation_id)
            except NotFound:
                self._organisation = None
        self._show_current()

    def reload(self) -> None:
        """Read the organisation again after a change; fields being typed are kept."""
        typed = self._typed() if self.is_modified() else None
        self.set_organisation(self.organisation_id)
        if typed is not None and self._organisation is not None:
            self.form.set_values(typed)
            self._update_buttons()

    def is_modified(self) -> bool:
        if self._organisation is None:
            return False
        typed = self.form.values()
        return any((typed[field] or "") != (shown or "") for field, shown in self._shown.items())

    def _typed(self) -> OrganisationFields:
        return cast(OrganisationFields, self.form.values())  # the organisation's fields

    def save_before_leaving(self) -> bool:
        """Save what was typed before the pane shows something else.

        Returns:
            True if nothing typed is left unsaved: there was nothing, it was saved, or
            the organisation is gone (deleted or merged away, so there is nothing to
            save it to). False if it could not be saved; each problem is then shown
            next to its field.
        """
        if not self.is_modified():
            return True
        assert self._organisation is not None  # is_modified() says so
        try:
            organisations.get_organisation(self._db, self._organisation.id)
        except NotFound:
            return True
        return self.save()

    def has_invalid_fields(self) -> bool:
        return bool(organisation_errors(self._typed()))

    def show_problems(self) -> None:
        """Show why the typed values cannot be saved; the first such field gets focus."""
        self.form.show_errors(organisation_errors(self._typed()))

    def discard_edits(self) -> None:
        """Put the stored values back in the fields, as the Revert button does."""
        self._show_current()

    def _line_editors(self) -> list[QLineEdit]:
        editors = (self.form.editor(field) for field in _LINE_FIELDS)
        return [editor for editor in editors if isinstance(editor, QLineEdit)]

    def _show_current(self) -> None:
        organisation = self._organisation
        self.empty_label.setVisible(organisation is None)
        self._scroll.setVisible(organisation is not None)
        if organisation is None:
            self._contacts = []
            return
        self.title.setText(organisation.name)
        self.subtitle.setText(
            " · ".join(p for p in (organisation.local_name, organisation.acronym) if p)
        )
        self.subtitle.setVisible(bool(organisation.local_name or organisation.acronym))
        self._shown = organisation_form_values(organisation)
        self.form.set_values(self._shown)
        for editor in self._line_editors():  # long names show their start, not their end
            editor.setCursorPosition(0)
        self._show_contacts()
        self._show_history()
        self._update_buttons()

    def _show_contacts(self) -> None:
        assert self._organisation is not None
        selected = self.selected_contact()
        self._contacts = contacts.list_contacts(self._db, self._organisation.id)
        self.contacts_tree.clear()
        for contact in self._contacts:
            item = QTreeWidgetItem(
                [contact.name, contact.role or "", contact.email or "", contact.phone or ""]
            )
            item.setData(0, CONTACT_ID_ROLE, contact.id)
            for column in (0, 2):  # shortened to fit: the whole text on hover
                item.setToolTip(column, plain_tooltip(item.text(column)))
            if contact.is_primary:
                item.setIcon(0, icon("primary"))
                item.setToolTip(0, _("Primary contact"))
            self.contacts_tree.addTopLevelItem(item)
            if selected is not None and contact.id == selected.id:
                item.setSelected(True)

    def _show_history(self) -> None:
        assert self._organisation is not None
        self.history_tree.clear()
        for entry in organisations.organisation_history(self._db, self._organisation.id):
            status = entry.status.label
            if entry.needs_reconfirmation:
                status += _(" (needs reconfirmation)")
            version = str(entry.version_number) if entry.version_number else ""
            received = (entry.received_at or "")[:10]
            item = QTreeWidgetItem([entry.statement_title, status, version, received])
            item.setData(0, STATEMENT_ID_ROLE, entry.statement_id)
            self.history_tree.addTopLevelItem(item)
        self.history_tree.resizeColumnToContents(0)

    def _update_buttons(self) -> None:
        modified = self.is_modified()
        self.save_button.setEnabled(modified)
        self.revert_button.setEnabled(modified)
        contact = self.selected_contact()
        self.edit_contact_button.setEnabled(contact is not None)
        self.remove_contact_button.setEnabled(contact is not None)
        self.primary_button.setEnabled(contact is not None and not contact.is_primary)

    # Organisation fields ------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form if it is valid; otherwise show why next to each field."""
        if self._organisation is None:
            return False
        values = self._typed()
        errors = organisation_errors(values)
        if errors:
            self.form.show_errors(errors)
            return False
        before, after = organisation_changes(self._organisation, values)
        if not after:
            self._show_current()
            return True
        shown = self._organisation
        # Show the stored values while the stack refreshes the views, then the result.
        self.form.set_values(self._shown)
        self._stack.push(
            commands.EditOrganisation(
                self._stack,
                self._db,
                shown.id,
                before,
                after,
                current_name=shown.name,
                row_version=shown.row_version,
            )
        )
        self.reload()
        if self._organisation is None:
            return False
        if organisation_changes(self._organisation, values)[1]:
            # Refused (changed elsewhere, say): keep what was typed.
            self.form.set_values(values)
            self._update_buttons()
            return False
        self.saved.emit(self._organisation.name)
        return True

    # Contacts -----------------------------------------------------------------------------

    def selected_contact(self) -> Contact | None:
        items = self.contacts_tree.selectedItems()
        if not items:
            return None
        contact_id = items[0].data(0, CONTACT_ID_ROLE)
        return next((c for c in self._contacts if c.id == contact_id), None)

    def select_contact(self, contact_id: int) -> None:
        for index in range(self.contacts_tree.topLevelItemCount()):
            item = self.contacts_tree.topLevelItem(index)
            assert item is not None  # index is within the count
            item.setSelected(item.data(0, CONTACT_ID_ROLE) == contact_id)

    def add_contact(self) -> FormDialog | None:
        """Open the dialog for a new contact; returns it (it is not modal)."""
        if self._organisation is None:
            return None
        organisation = self._organisation
        dialog = contact_dialog(self, organisation.country)

        def add() -> None:
            values = dialog.values()
            command = commands.AddContact(self._stack, self._db, organisation.id, values)
            if commands.pushed(self._stack, command):
                self.message.emit(
                    _("Added contact “{name}” to “{organisation}”").format(
                        name=values.get("name", ""), organisation=organisation.name
                    )
                )

        dialog.accepted.connect(add)
        return self._open(dialog)

    def edit_contact(self) -> FormDialog | None:
        contact = self.selected_contact()
        if contact is None or self._organisation is None:
            return None
        dialog = contact_dialog(self, self._organisation.country, contact)

        def push_changes() -> None:
            before, after = changed_fields(contact_form_values(contact), dialog.values())
            if after:
                self._stack.push(
                    commands.EditContact(
                        self._stack,
                        self._db,
                        contact.id,
                        before,
                        after,
                        row_version=contact.row_version,
                    )
                )

        dialog.accepted.connect(push_changes)
        return self._open(dialog)

    def remove_contact(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self._stack.push(
                commands.RemoveContact(self._stack, self._db, contact.id, contact.name)
            )

    def mark_primary(self) -> None:
        contact = self.selected_contact()
        if contact is not None and not contact.is_primary:
            self._stack.push(
                commands.SetPrimaryContact(
                    self._stack, self._db, contact.organisation_id, contact.id, contact.name
                )
            )

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
