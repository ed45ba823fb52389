"""Fonts for every script are found in the pip packages and registered with Qt."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from signapp.export.font_files import FONT_SOURCES, font_file
from signapp.export.font_instances import REGULAR_WEIGHT, instance_path
from signapp.ui.fonts import RegisteredFont, script_font_files

REPO_ROOT = Path(__file__).resolve().parents[2]
CHINESE_FONT = font_file(FONT_SOURCES["han"])

SAMPLES = {
    "Noto Sans Khmer": "សមាគមកសិករ",
    "Noto Sans Thai": "เครือข่าย",
    "Noto Sans Arabic": "جمعية",
    "Noto Sans Myanmar": "မြစ်ကမ်း",
    "Noto Sans Hebrew": "שלום עכשיו",
    "Noto Sans Ethiopic": "የኢትዮጵያ ሴቶች ማኅበር",
    "Noto Sans Devanagari": "नेपाल महिला संघ",
    "Noto Sans Bengali": "বাংলাদেশ নারী",
    "Noto Sans Tamil": "தமிழ் மகளிர்",
    "Noto Sans Telugu": "తెలుగు మహిళా",
}


def test_font_files_come_from_the_packages() -> None:
    names = {path.name for path in script_font_files()}
    for family in SAMPLES:
        expected = family.replace(" ", "")
        assert any(name.startswith(expected) for name in names), expected


def test_registered_families_cover_each_script(script_fonts: list[RegisteredFont]) -> None:
    for family, text in SAMPLES.items():
        assert family in [font.family for font in script_fonts]
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(char)) for char in text if char != " "), family
    assert "Khmer" in [
        QFontDatabase.writingSystemName(system)
        for system in QFontDatabase.writingSystems("Noto Sans Khmer")
    ]


def test_the_interface_font_falls_back_to_the_script_fonts(qapp, script_fonts) -> None:  # type: ignore[no-untyped-def]
    families = qapp.font().families()
    for family in SAMPLES:
        assert family in families


def test_a_font_drawn_thin_by_default_is_replaced_by_its_regular_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Noto Sans Hebrew's default instance is its thinnest weight, as the Chinese one's."""
    monkeypatch.setenv("SIGNAPP_FONT_CACHE", str(tmp_path))
    hebrew = font_file(FONT_SOURCES["hebrew"])
    thai = font_file(FONT_SOURCES["thai"])  # regular by default: used as it is
    assert hebrew is not None and thai is not None

    files = script_font_files()

    made = instance_path(hebrew, REGULAR_WEIGHT)
    assert made in files and hebrew not in files and made.is_file()
    assert thai in files
    made_now = sorted(path.name.split("-W")[0] for path in tmp_path.iterdir())
    assert made_now == ["NotoSansHebrew", "NotoSansSC"]  # only the fonts drawn thin


# Starts the app as a person would, on a fresh cache, and prints the faces Qt has of
# FAMILY and the processes the app started.
FIRST_START = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtGui import QFontDatabase
    from signapp.ui.app import application
    family = sys.argv[1]
    app = application(["test"])
    print("styles", QFontDatabase.styles(family))
    children = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    print("children", open(children).read().split() if os.path.exists(children) else [])
    """
)


def _first_start(family: str, cache: Path) -> str:
    environment = {
        **os.environ,
        "SIGNAPP_FONT_CACHE": str(cache),
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", FIRST_START, family],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    ("family", "made"),
    [("Noto Sans Hebrew", "NotoSansHebrew-W400-*.ttf"), ("Noto Sans SC", "NotoSansSC-W400-*.ttf")],
)
def test_the_first_start_draws_thin_by_default_fonts_at_regular_weight_in_process(
    tmp_path: Path, family: str, made: str
) -> None:
    if family == "Noto Sans SC" and CHINESE_FONT is None:
        pytest.fail("the Chinese font is part of the default install")
    output = _first_start(family, tmp_path)
    assert "styles ['Regular']" in output  # not the variable font's "Thin"
    assert "children []" in output  # made in the app's own process
    assert list(tmp_path.glob(made))
