"""Warnings, tooltips and counts of the statement views.

Titles, names and notes come from users: Qt reads any text that looks like HTML as HTML,
so a title such as ``<font size=7>`` would be drawn big. Labels here are plain text,
and tooltips (always read as HTML when they look like it) are escaped. Questions are
asked through :mod:`signapp.ui.questions`.
"""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from signapp.ui.roles import show_as_warning


class WarningBox(QFrame):
    """A warning in plain text on a tinted box, hidden while it has no text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        show_as_warning(self)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly as typed."""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
