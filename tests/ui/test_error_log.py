"""Uncaught errors and Qt's warnings reach the log file; the person can open it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from signapp.core.errors import ValidationError
from signapp.core.logfile import start_logging, stop_logging
from signapp.ui.app import _log_qt_message
from signapp.ui.error_log import uncaught_errors_reported
from signapp.ui.tasks import show_error


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = start_logging(tmp_path / "signapp.log")
    yield path
    stop_logging()


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    return opened


def _log_text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _open_log_button(box: QMessageBox) -> object:
    return next(button for button in box.buttons() if button.text() == "Open the log")


def test_an_uncaught_error_is_logged_and_shown_with_a_way_to_the_log(
    qtbot: QtBot, log_file: Path, shown_boxes: list[QMessageBox], opened_urls: list[QUrl]
) -> None:
    previous_hook = sys.excepthook
    with uncaught_errors_reported():
        try:
            raise RuntimeError("lost “Mekong Fishers Network”")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert sys.excepthook is previous_hook
    text = _log_text(log_file)
    assert "CRITICAL" in text and "RuntimeError" in text and "Traceback" in text
    assert "Mekong" not in text
    [box] = shown_boxes
    assert "did not expect" in box.text() and "Traceback" not in box.text()
    _open_log_button(box).click()  # type: ignore[attr-defined]
    assert [url.toLocalFile() for url in opened_urls] == [str(log_file)]


def test_the_error_dialog_of_a_view_offers_the_log_for_bugs_only(
    qtbot: QtBot, log_file: Path, shown_boxes: list[QMessageBox]
) -> None:
    show_error(None, KeyError("x"))
    show_error(None, ValidationError("name", "a name is needed"))
    bug, refusal = shown_boxes
    assert _open_log_button(bug)
    assert all(button.text() != "Open the log" for button in refusal.buttons())
    assert "KeyError" in _log_text(log_file)


def test_qt_warnings_are_written_to_the_log(log_file: Path) -> None:
    _log_qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "QPainter::begin: not active")
    assert "QPainter::begin: not active" in _log_text(log_file)
