"""Form fields shared by the dialogs of the statement views."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from signapp.i18n import _


def _full_year(date_format: str) -> str:
    """A short date format with the year written in full ("d/M/yy" -> "d/M/yyyy")."""
    return date_format if "yyyy" in date_format else date_format.replace("yy", "yyyy")


class OptionalDateField(QWidget):
    """A date picked from a calendar, or no date: a box to tick and a date edit.

    The date is shown in the interface language's short format (the application's
    default ``QLocale``); picking one ticks the box, unticking it clears the date.
    """

    def __init__(self, iso_date: str | None, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_set = QCheckBox(self)
        self.is_set.setAccessibleName(_("Set {name}").format(name=name))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(
            _full_year(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        )
        self.date_edit.setAccessibleName(name)
        self.date_edit.setDate(QDate.currentDate())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.is_set)
        layout.addWidget(self.date_edit, 1)
        self.set_iso_date(iso_date)
        self.is_set.toggled.connect(self.date_edit.setEnabled)
        self.date_edit.dateChanged.connect(lambda _day: self.is_set.setChecked(True))

    def set_iso_date(self, iso_date: str | None) -> None:
        day = None
        if iso_date:
            try:
                day = date.fromisoformat(iso_date[:10])
            except ValueError:
                day = None
        if day is not None:
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.is_set.setChecked(day is not None)
        self.date_edit.setEnabled(day is not None)

    def iso_date(self) -> str | None:
        """The date chosen as ``YYYY-MM-DD``, or None when the box is not ticked."""
        if not self.is_set.isChecked():
            return None
        chosen = self.date_edit.date()
        return f"{chosen.year():04}-{chosen.month():02}-{chosen.day():02}"
