"""Yes-or-not questions whose text is shown exactly as written.

A question quotes titles, names and file paths as the user typed them; Qt would read a
text that looks like HTML as HTML, so the box is set to plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    refuse: QMessageBox.StandardButton = QMessageBox.StandardButton.No,
) -> bool:
    """Ask with Yes and ``refuse`` (No or Cancel, the default answer); True for Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | refuse, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(refuse)
    return box.exec() == QMessageBox.StandardButton.Yes
