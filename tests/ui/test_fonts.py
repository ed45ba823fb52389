"""Fonts for every script are found in the pip packages and registered with Qt."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from signapp.ui.fonts import script_font_files

SAMPLES = {
    "Noto Sans Khmer": "សមាគមកសិករ",
    "Noto Sans Thai": "เครือข่าย",
    "Noto Sans Arabic": "جمعية",
    "Noto Sans Myanmar": "မြစ်ကမ်း",
}


def test_font_files_come_from_the_packages() -> None:
    names = {path.name for path in script_font_files()}
    for expected in ("NotoSansKhmer", "NotoSansThai", "NotoSansArabic", "NotoSansMyanmar"):
        assert any(name.startswith(expected) for name in names), expected


def test_registered_families_cover_each_script(script_fonts: list[str]) -> None:
    for family, text in SAMPLES.items():
        assert family in script_fonts
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(char)) for char in text), family
    assert "Khmer" in [
        QFontDatabase.writingSystemName(system)
        for system in QFontDatabase.writingSystems("Noto Sans Khmer")
    ]


def test_the_interface_font_falls_back_to_the_script_fonts(qapp, script_fonts) -> None:  # type: ignore[no-untyped-def]
    families = qapp.font().families()
    for family in SAMPLES:
        assert family in families
