"""The preferences dialog: who publishes, and what an export contains by default."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from signapp.i18n import N_, _, available_languages, language_name, system_language
from signapp.ui.roles import show_as_error
from signapp.ui.settings import EXPORT_COLUMNS, EXPORT_GROUPINGS, Settings

_GROUPING_LABELS = {
    "country": N_("By country"),
    "kind": N_("By kind of organisation"),
    "none": N_("No grouping"),
}
_COLUMN_LABELS = {
    "name": N_("Name"),
    "local_name": N_("Own-script name"),
    "acronym": N_("Acronym"),
    "country": N_("Country"),
    "kind": N_("Kind"),
    "affiliation": N_("Affiliation"),
}


class PreferencesDialog(QDialog):
    """Edits :class:`Settings`; nothing is written until OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self._settings = settings
        self.language_field = QComboBox()
        self.language_field.addItem(
            _("The system's ({language})").format(language=language_name(system_language())), ""
        )
        for code in available_languages():
            self.language_field.addItem(language_name(code), code)
        self.language_field.setCurrentIndex(
            max(self.language_field.findData(settings.interface_language), 0)
        )
        self.language_note = QLabel(_("Takes effect the next time signapp starts."))
        self.language_note.setWordWrap(True)
        self.author_field = QLineEdit(settings.author_name)
        self.author_field.setPlaceholderText(_("Printed on exported PDFs, e.g. your coalition"))
        self.languages_field = QLineEdit(", ".join(settings.export_languages))
        self.languages_field.setPlaceholderText(_("Language codes, e.g. en, km"))
        self.group_by_field = QComboBox()
        for grouping in EXPORT_GROUPINGS:
            self.group_by_field.addItem(_(_GROUPING_LABELS[grouping]), grouping)
        self.group_by_field.setCurrentIndex(self.group_by_field.findData(settings.export_group_by))
        self.column_boxes: dict[str, QCheckBox] = {}
        columns_row = QHBoxLayout()
        for column in EXPORT_COLUMNS:
            box = QCheckBox(_(_COLUMN_LABELS[column]))
            box.setChecked(column in settings.export_columns)
            self.column_boxes[column] = box
            columns_row.addWidget(box)
        self.columns_error = QLabel()
        show_as_error(self.columns_error)
        self.columns_error.hide()

        form = QFormLayout()
        form.addRow(_("&Interface language:"), self.language_field)
        form.addRow("", self.language_note)
        form.addRow(_("&Author or coalition:"), self.author_field)
        form.addRow(_("Export &languages:"), self.languages_field)
        form.addRow(_("&Group signatories:"), self.group_by_field)
        form.addRow(_("Columns:"), columns_row)
        form.addRow("", self.columns_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        columns = tuple(column for column, box in self.column_boxes.items() if box.isChecked())
        if not columns:
            self.columns_error.setText(_("Choose at least one column."))
            self.columns_error.show()
            return
        languages = tuple(
            part.strip().lower() for part in self.languages_field.text().split(",") if part.strip()
        )
        self._settings.interface_language = self.language_field.currentData()
        self._settings.author_name = self.author_field.text().strip()
        self._settings.export_languages = languages or ("en",)
        self._settings.export_group_by = self.group_by_field.currentData()
        self._settings.export_columns = columns
        self._settings.sync()
        super().accept()
