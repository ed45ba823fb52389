"""Error boxes show the message as typed: names and values in it are data, not markup."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from signapp.core.errors import ValidationError
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
