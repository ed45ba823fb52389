"""The main window: first start, menus and shortcuts, preferences, restored state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

import signapp
from signapp.core import organisations
from signapp.core.directory import ordered_organisation_ids
from signapp.ui import app as signapp_app
from signapp.ui.main_window import ORGANISATIONS, STATEMENTS, WELCOME
from signapp.ui.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def _stored_names(db: Database) -> list[str]:
    return [organisations.get_organisation(db, i).name for i in ordered_organisation_ids(db)]


def test_first_start_shows_the_welcome_page_and_opens_the_sample(qtbot, db, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    assert window.current_view() == WELCOME
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.current_view() == ORGANISATIONS
    assert window.directory.model.rowCount() == 41
    assert "41 organisations" in window.statusBar().currentMessage()


def test_menus_use_the_platform_standard_keys(db, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    keys = QKeySequence.StandardKey
    assert window.new_statement_action.shortcut() == QKeySequence(keys.New)
    assert window.undo_action.shortcut() == QKeySequence(keys.Undo)
    assert window.redo_action.shortcut() == QKeySequence(keys.Redo)
    assert window.find_action.shortcut() == QKeySequence(keys.Find)
    assert window.quit_action.shortcut() == QKeySequence(keys.Quit)
    assert window.preferences_action.shortcut() == QKeySequence(keys.Preferences)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]


def test_find_focuses_the_directory_search(qtbot, sample_db, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample_db)
    window.show_view(STATEMENTS)
    window.activateWindow()
    window.find_action.trigger()
    assert window.current_view() == ORGANISATIONS
    qtbot.waitUntil(lambda: window.directory.search_field.hasFocus())


def test_undo_and_redo_actions_follow_the_shared_stack(qtbot, sample_db, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample_db)
    assert not window.undo_action.isEnabled()
    dialog = window.directory.new_organisation()
    qtbot.keyClicks(dialog.form.editor("name"), "Tidal Flats Network")
    dialog.accept()
    assert window.undo_action.isEnabled()
    assert "Tidal Flats Network" in window.undo_action.text()
    window.undo_action.trigger()
    assert "Tidal Flats Network" not in _stored_names(sample_db)
    window.redo_action.trigger()
    assert "Tidal Flats Network" in _stored_names(sample_db)


def test_preferences_are_saved(qtbot, db, make_window, settings: Settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    dialog = window.show_preferences()
    dialog.author_field.clear()
    qtbot.keyClicks(dialog.author_field, "Rivers Coalition")
    dialog.languages_field.clear()
    qtbot.keyClicks(dialog.languages_field, "en, KM")
    dialog.column_boxes["acronym"].setChecked(True)
    dialog.accept()
    again = Settings.from_file(tmp_path / "settings.ini")
    assert again.author_name == "Rivers Coalition"
    assert again.export_languages == ("en", "km")
    assert "acronym" in again.export_columns


def test_geometry_and_last_view_are_restored(qtbot, sample_db, make_window, settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample_db)
    assert window.current_view() == ORGANISATIONS  # the default last view
    window.show_view(STATEMENTS)
    window.resize(window.minimumSizeHint().width(), 503)
    window.close()
    again = make_window(sample_db)
    assert again.current_view() == STATEMENTS
    # The offscreen screen is 800 px wide: widths are clamped, heights are not.
    assert again.height() == 503


def test_about_box_names_the_version_and_font_licence(db, make_window) -> None:  # type: ignore[no-untyped-def]
    box = make_window(db).show_about()
    assert signapp.__version__ in box.text()
    assert "Open Font License" in box.informativeText()


def test_command_failures_are_shown(qtbot, db, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    window.undo_stack.command_failed.emit("Edit organisation: organisation 9 does not exist")
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "does not exist" in box.text()


def test_quit_after_load_exits_cleanly(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO_ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "main.py"),
            "--db",
            str(tmp_path / "s.sqlite"),
            "--quit-after-load",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_the_collector_paused_for_start_up_runs_again_once_the_first_view_is_loaded(
    tmp_path: Path,
) -> None:
    probe = (
        "import gc, sys\n"
        "from signapp.launcher import open_app\n"
        "status = open_app(['signapp', '--db', sys.argv[1], '--quit-after-load'])\n"
        "print(status, gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "s.sqlite")],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(REPO_ROOT),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["0", "True", "True"], result.stderr


def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.sqlite"
    bad.write_text("shopping list\n")
    shown: list[str] = []

    def record_instead_of_waiting(box: QMessageBox) -> int:
        shown.append(f"{box.text()} {box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record_instead_of_waiting)
    status = signapp_app.main(
        ["signapp", "--db", str(bad)], settings=Settings.from_file(tmp_path / "s.ini")
    )
    assert status == 1
    assert len(shown) == 1
    assert "not a signapp database" in shown[0] and "Nothing in the file was changed" in shown[0]
    assert bad.read_text() == "shopping list\n"


def test_only_the_widgets_with_a_look_of_their_own_carry_a_style_sheet(
    db, qapp, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)

    # A sheet on the whole application would send every widget through Qt's style-sheet
    # style (the window took four times as long to build).
    assert qapp.styleSheet() == ""
    assert "QListWidget#sidebar::item:selected" in window.sidebar.styleSheet()
