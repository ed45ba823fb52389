"""Message boxes show their text as typed: names, values and paths in it are data."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from signapp.core.errors import ValidationError
from signapp.ui.safety.widgets import ask_yes_or_cancel
from signapp.ui.tasks import show_error


def test_an_error_quoting_markup_is_shown_as_plain_text(qtbot: QtBot) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.textFormat()))
        box.accept()

    QTimer.singleShot(0, read_and_close)
    show_error(None, ValidationError("deadline", "'<b>soon</b>' is not a date"))

    assert seen == [("deadline: '<b>soon</b>' is not a date", Qt.TextFormat.PlainText)]


def test_a_question_quoting_a_path_is_plain_text_with_cancel_as_the_default(
    qtbot: QtBot,
) -> None:
    seen: list[tuple[str, Qt.TextFormat, bool]] = []

    def read_and_answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        cancel = box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        seen.append((box.text(), box.textFormat(), cancel))
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, read_and_answer)
    answer = ask_yes_or_cancel(None, "Restore from backup", "Restore /media/<b>stick</b>.sqlite?")

    assert answer is True
    assert seen == [("Restore /media/<b>stick</b>.sqlite?", Qt.TextFormat.PlainText, True)]
