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


def test_a_built_regular_instance_is_used_instead_of_the_variable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAPP_FONT_CACHE", str(tmp_path))
    thai = font_file(FONT_SOURCES["thai"])
    assert thai is not None and thai in script_font_files()
    built = instance_path(thai, REGULAR_WEIGHT)
    built.write_bytes(b"")  # where the build puts it; only its presence is read here

    files = script_font_files()
    assert built in files and thai not in files


# Starts an app that builds the missing regular instances, waits for the one of
# FAMILY (up to two minutes), and prints the faces Qt has of it before and after.
BUILD_AND_SWAP = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtTest import QTest
    from signapp.ui.app import application
    family = sys.argv[1]
    app = application(["test"], build_font_instances=True)
    print("before", QFontDatabase.styles(family))
    for _ in range(1200):
        QTest.qWait(100)
        if "Regular" in QFontDatabase.styles(family):
            break
    print("after", QFontDatabase.styles(family))
    """
)


def _build_and_swap(family: str, cache: Path) -> str:
    environment = {
        **os.environ,
        "SIGNAPP_FONT_CACHE": str(cache),
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_SWAP, family],
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return result.stdout


def test_hebrew_is_drawn_at_regular_weight_once_its_instance_is_built(tmp_path: Path) -> None:
    """Noto Sans Hebrew's default instance is its thinnest weight, as the Chinese one's."""
    output = _build_and_swap("Noto Sans Hebrew", tmp_path)
    assert "before ['Thin']" in output
    assert "after ['Regular']" in output
    assert list(tmp_path.glob("NotoSansHebrew-W400-*.ttf"))


@pytest.mark.skipif(CHINESE_FONT is None, reason="the cjk extra is not installed")
def test_chinese_is_drawn_at_regular_weight_once_its_instance_is_built(tmp_path: Path) -> None:
    output = _build_and_swap("Noto Sans SC", tmp_path)
    assert "before ['Thin']" in output  # the variable font's default instance
    assert "after ['Regular']" in output  # replaced by its regular instance
    assert list(tmp_path.glob("NotoSansSC-W400-*.ttf"))
