"""Fixtures of the statement views: fonts for own scripts, and dialogs that answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fontpkg
import pytest
from PySide6.QtGui import QFontDatabase, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.ui.statements.view import StatementsView

SHOTS = Path("/work/notes/statements-shots")
# The offscreen platform says this whenever a window is shown; it is not about signapp.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="session", autouse=True)
def own_script_fonts(qapp: QApplication) -> None:
    """Register the Noto fonts the application ships, so Khmer shows as Khmer."""
    for family in ("noto-sans", "noto-sans-khmer", "noto-sans-thai"):
        assert QFontDatabase.addApplicationFont(str(fontpkg.path(family))) >= 0, family


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the views would show in a warning box, instead of blocking on one."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirmation questions are answered Yes; their texts are kept for the test."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def statements_view(qtbot: QtBot, db: Database, undo_stack: QUndoStack) -> StatementsView:
    """The statements view, shown at a laptop-screen size."""
    view = StatementsView(db, undo_stack, None)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    view.show()
    return view


def save_shot(widget: object, name: str) -> Path | None:
    """Save a screenshot for looking at, when the notes folder exists (not in git)."""
    if not SHOTS.parent.is_dir():
        return None
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let pending layout requests settle first
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    return path
