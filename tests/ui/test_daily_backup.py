"""The day's backup is made on a worker once the window shows, not before it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from signapp.core.backups import BackupKind, backup_files, backups_folder, read_counts
from signapp.core.db import open_database
from signapp.core.organisations import add_organisation
from signapp.ui.main_window import MainWindow
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.safety.passphrase_dialogs import open_with_passphrase_prompt
from signapp.ui.settings import Settings
from signapp.ui.undo import UndoStack


def _daily_backups(db_path: Path) -> list[Path]:
    return [
        path for path, kind in backup_files(backups_folder(db_path)) if kind is BackupKind.DAILY
    ]


def test_the_days_backup_is_made_in_the_background_once_the_window_shows(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    db_path = tmp_path / "coalition.sqlite"
    first = open_database(db_path)
    add_organisation(first, "Mekong Watch")
    first.close()

    db = open_with_passphrase_prompt(db_path, daily_backup=False)
    assert db is not None
    assert _daily_backups(db_path) == []  # opening made none: the window is not kept waiting
    window = MainWindow(db, UndoStack(), settings, sample_path=SAMPLE_CAMPAIGN)
    qtbot.addWidget(window)
    window.show()

    handle = window.back_up_for_the_day()
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    backups = _daily_backups(db_path)
    assert len(backups) == 1
    assert read_counts(backups[0]).organisations == 1
    assert "Today's backup" in window.statusBar().currentMessage()

    again = window.back_up_for_the_day()  # later the same day: nothing more to do
    assert again is not None
    with qtbot.waitSignal(again.finished, timeout=20_000):
        pass
    assert _daily_backups(db_path) == backups
    db.close()
