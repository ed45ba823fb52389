"""``--screenshot FILE [--view NAME]`` writes a PNG of the loaded window; no display is
reported in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from sqlite_utils import Database

from signapp.ui.app import main, missing_display
from signapp.ui.screenshot import VIEW_NAMES
from signapp.ui.settings import Settings


@pytest.mark.parametrize("view", ["organisations", "progress"])
def test_screenshot_writes_a_png_of_the_loaded_window_and_quits(
    qtbot, sample_db: Database, db_path: Path, tmp_path: Path, settings: Settings, view: str
) -> None:
    sample_db.close()
    picture = tmp_path / f"{view}.png"
    status = main(
        ["signapp", "--db", str(db_path), "--screenshot", str(picture), "--view", view],
        settings=settings,
    )
    assert status == 0
    image = QImage(str(picture))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500
    # Not a blank picture: the window's text and tables drew something.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, 400, 13)}
    assert len(colours) > 5


def test_every_view_name_brings_its_view_to_the_front(
    qtbot, sample_db: Database, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    from signapp.ui.app import build_main_window
    from signapp.ui.screenshot import PAGE_VIEWS, STATEMENT_TABS, show_named_view
    from signapp.ui.undo import UndoStack

    window = build_main_window(sample_db, UndoStack(), settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    for name in VIEW_NAMES:
        show_named_view(window, name)
        if name in PAGE_VIEWS:
            assert window.current_view() == name
        else:
            tab = getattr(window.statements, STATEMENT_TABS[name])
            page = window.statements.tabs.currentWidget()
            assert page is tab or page.isAncestorOf(tab)


def test_no_display_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    problem = missing_display(["signapp"])
    assert problem is not None and "no display found" in problem and "\n" not in problem
    assert missing_display(["signapp", "-platform", "offscreen"]) is None
    monkeypatch.setenv("DISPLAY", ":97")
    assert "no display found" in (missing_display(["signapp"]) or "")


def test_no_display_stops_before_qt_with_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert main(["signapp"], settings=settings) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "no display found" in lines[0]


def test_missing_x11_libraries_are_named_instead_of_qts_xcb_cursor_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes

    real_cdll = ctypes.CDLL

    def without_icccm(name: str, *args: object, **kwargs: object) -> object:
        if "icccm" in name:
            raise OSError(f"{name}: cannot open shared object file")
        return real_cdll(name, *args, **kwargs)

    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(ctypes, "CDLL", without_icccm)
    problem = missing_display(["signapp"]) or ""
    assert "libxcb-icccm.so.4" in problem and "apt install libxcb-icccm4" in problem
    assert "\n" not in problem
