"""Fixtures for driving signapp's widgets: fonts, own settings, a shared undo stack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from signapp.core.sample import load_sample_campaign
from signapp.ui.app import build_main_window
from signapp.ui.directory.view import DirectoryView
from signapp.ui.fonts import RegisteredFont, register_script_fonts
from signapp.ui.main_window import MainWindow
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.settings import Settings
from signapp.ui.undo import UndoStack


@pytest.fixture(scope="session", autouse=True)
def script_fonts(qapp: QApplication) -> list[RegisteredFont]:
    return register_script_fonts(qapp)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_file(tmp_path / "settings.ini")


@pytest.fixture
def stack(db: Database) -> Iterator[UndoStack]:
    """The shared stack; emptied while the database is still open."""
    undo_stack = UndoStack()
    yield undo_stack
    undo_stack.clear()
    undo_stack.blockSignals(True)


@pytest.fixture
def sample_db(db: Database) -> Database:
    load_sample_campaign(db, SAMPLE_CAMPAIGN)
    return db


@pytest.fixture
def directory(qtbot, sample_db: Database, stack: UndoStack) -> DirectoryView:  # type: ignore[no-untyped-def]
    view = DirectoryView(sample_db, stack)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.load()
    return view


@pytest.fixture
def make_window(qtbot, stack: UndoStack, settings: Settings):  # type: ignore[no-untyped-def]
    def make(db: Database, window_settings: Settings | None = None) -> MainWindow:
        window = build_main_window(db, stack, window_settings or settings)
        qtbot.addWidget(window)
        window.show()
        window.start()
        return window

    return make
