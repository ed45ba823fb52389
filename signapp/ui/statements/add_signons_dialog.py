"""Choose organisations from the directory (search as you type) or create new ones, to put
them on a statement."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.errors import SignappError
from signapp.core.model import OrganisationRow, SignOnStatus
from signapp.core.ops_statements import NewOrganisation
from signapp.core.organisations import list_organisations
from signapp.core.validation import country_name, normalise_country, require_text
from signapp.i18n import _, ngettext
from signapp.ui.tasks import show_error

SEARCH_DELAY_MS = 150
RESULTS_SHOWN = 100
ORGANISATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _describe(organisation: OrganisationRow) -> str:
    country = country_name(organisation.country) if organisation.country else None
    extras = [part for part in (organisation.acronym, country) if part]
    local = f" / {organisation.local_name}" if organisation.local_name else ""
    return f"{organisation.name}{local}" + (f" ({', '.join(extras)})" if extras else "")


class AddSignOnsDialog(QDialog):
    def __init__(self, db: Database, already_on: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add organisations to the statement"))
        self._db = db
        self._already_on = already_on
        self.chosen_ids: dict[int, str] = {}
        self.new_organisations: list[NewOrganisation] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name, acronym, country, contact…"))
        self.search.setAccessibleName(_("Search the directory"))
        self.results = QListWidget()
        self.results.setAccessibleName(_("Organisations found"))
        self.results.setToolTip(_("Tick the organisations to add"))
        self.results.itemChanged.connect(self._on_item_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.new_name = QLineEdit()
        self.new_country = QLineEdit()
        self.new_country.setPlaceholderText(_("Country name or code (optional)"))
        create = QPushButton(_("Add new organisation"))
        create.clicked.connect(self.add_new_organisation)
        new_box = QGroupBox(_("Not in the directory? Create it here"))
        new_form = QFormLayout(new_box)
        new_form.addRow(_("Name:"), self.new_name)
        new_form.addRow(_("Country:"), self.new_country)
        new_form.addRow(create)

        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QComboBox()
        for status in (SignOnStatus.INVITED, SignOnStatus.PENDING, SignOnStatus.CONFIRMED):
            self.status.addItem(status.label, status)
        self.listed = QCheckBox(_("Listed by name (untick for anonymous)"))
        self.listed.setChecked(True)
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Status:")))
        options.addWidget(self.status)
        options.addWidget(self.listed)
        options.addStretch()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(new_box)
        layout.addWidget(self.chosen)
        layout.addLayout(options)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self.run_search()

    def chosen_status(self) -> SignOnStatus:
        return SignOnStatus(self.status.currentData())

    def run_search(self) -> None:
        self._search_timer.stop()
        found = list_organisations(
            self._db, search=self.search.text().strip() or None, limit=RESULTS_SHOWN
        )
        self.results.blockSignals(True)
        self.results.clear()
        for organisation in found:
            item = QListWidgetItem(_describe(organisation))
            item.setData(ORGANISATION_ID_ROLE, organisation.id)
            if organisation.id in self._already_on:
                item.setText(_("{name} – already on the statement").format(name=item.text()))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = organisation.id in self.chosen_ids
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)
        self._update_chosen()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        organisation_id = int(item.data(ORGANISATION_ID_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen_ids[organisation_id] = item.text()
        else:
            self.chosen_ids.pop(organisation_id, None)
        self._update_chosen()

    def add_new_organisation(self) -> None:
        try:
            name = require_text("name", self.new_name.text())
            country = normalise_country(self.new_country.text())
        except SignappError as error:
            show_error(self, error)
            return
        self.new_organisations.append(NewOrganisation(name=name, country=country))
        self.new_name.clear()
        self.new_country.clear()
        self._update_chosen()

    def _update_chosen(self) -> None:
        count = len(self.chosen_ids) + len(self.new_organisations)
        names = [_("{name} (new)").format(name=new.name) for new in self.new_organisations]
        chosen = ngettext(
            "{count:,} organisation chosen", "{count:,} organisations chosen", count
        ).format(count=count)
        self.chosen.setText(
            _("{chosen}: {names}").format(chosen=chosen, names=", ".join(names))
            if names
            else _("{chosen}.").format(chosen=chosen)
        )
        self.ok_button.setEnabled(count > 0)
