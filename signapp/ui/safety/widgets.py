"""Small pieces the safety dialogs share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from signapp.ui.questions import ask
from signapp.ui.roles import show_as_error


def error_label(parent: QWidget) -> QLabel:
    """A hidden, wrapping label for a problem to show inside a dialog."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages name files and organisations
    show_as_error(label)
    label.hide()
    return label


def wrapped_label(text: str, parent: QWidget, *, rich: bool = False) -> QLabel:
    """A wrapping label; plain text unless ``rich`` (then the caller escapes user text)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def ask_yes_or_cancel(parent: QWidget | None, title: str, question: str) -> bool:
    """A Yes/Cancel question with Cancel as the default answer, shown as written."""
    return ask(parent, title, question, QMessageBox.StandardButton.Cancel)
