"""Fixtures of the statement views: dialogs that answer, the view itself, screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.ui.statements.view import StatementsView
from signapp.ui.undo import UndoStack

SHOTS = Path("/work/notes/statements-shots")


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the views would show in a warning box, instead of blocking on one."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    other_exec = QMessageBox.exec

    def exec_box(box: QMessageBox) -> int:
        if box.icon() is not QMessageBox.Icon.Warning:
            return other_exec(box)
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirmation questions are answered Yes; their texts are kept for the test."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return asked


@pytest.fixture
def statements_view(qtbot: QtBot, db: Database, stack: UndoStack) -> StatementsView:
    """The statements view, shown at a laptop-screen size."""
    view = StatementsView(db, stack, None)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    view.show()
    return view


class UrlCatcher(QObject):
    """Receives the URLs the views ask the desktop to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls() -> Iterator[list[QUrl]]:
    """Files, folders and mailto: links opened, instead of starting other programs."""
    catcher = UrlCatcher()
    for scheme in ("file", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "catch")
    yield catcher.urls
    for scheme in ("file", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


def save_shot(widget: object, name: str) -> Path | None:
    """Save a screenshot for looking at, when the notes folder exists (not in git)."""
    if not SHOTS.parent.is_dir():
        return None
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let pending layout requests settle first
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    return path
