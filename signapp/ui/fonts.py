"""Fonts for every script signatory names are written in, from pip font packages.

Registered with Qt at start so that no name shows as empty boxes on a machine that
lacks a Khmer, Thai, Burmese, Arabic or Chinese font.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from signapp.export.font_files import FONT_SOURCES, font_file

log = logging.getLogger("signapp.ui.fonts")

# Scripts in fallback order; Chinese comes with the optional "cjk" extra.
_FALLBACK_SCRIPTS = ("latin", "khmer", "thai", "arabic", "myanmar", "han")

# Qt looks for a script's glyphs along the fallback list and logs a warning for each
# family ahead of the script's own font that lacks its OpenType tables (Noto Sans has
# none for Khmer). The names still render; the message is noise.
HARMLESS_FONT_WARNING = "OpenType support missing for"


def script_font_files() -> list[Path]:
    """The font files of the installed font packages, in fallback order.

    The same files the PDF export uses; a package that is not installed is skipped
    (without the ``cjk`` extra, Chinese names fall back to whatever the system has).
    """
    found = (font_file(FONT_SOURCES[script]) for script in _FALLBACK_SCRIPTS)
    return [path for path in found if path is not None]


def register_script_fonts(app: QApplication) -> list[str]:
    """Register the script fonts with Qt and make them the fallbacks of the UI font.

    Returns the families registered, in fallback order.
    """
    families: list[str] = []
    for path in script_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font file %s", path)
            continue
        # A variable font also lists named instances ("Thin"); the first is the family.
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
        if family not in families:
            families.append(family)
    if families:
        font = QFont(app.font())
        # The resolved family: a generic alias ("Sans Serif") does not work in a list.
        system_family = QFontInfo(font).family()
        font.setFamilies([system_family, *[f for f in families if f != system_family]])
        app.setFont(font)
    return families
