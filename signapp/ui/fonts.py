"""Fonts for every script signatory names are written in, from pip font packages.

Registered with Qt at start so that no name shows as empty boxes on a machine that
lacks a Khmer, Thai, Burmese, Arabic, Hebrew, Ethiopic, Indic or Chinese font (each
file takes well under a millisecond to register). Qt draws a variable font at its
default instance, which for the Hebrew and Chinese fonts is the thinnest weight: their
regular instance is made at the first start (about 0.3 s, in this process; see
:mod:`signapp.export.font_instances`) and used from then on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from signapp.export.font_files import FONT_SOURCES, font_file
from signapp.export.font_instances import REGULAR_WEIGHT, default_weight, static_instance

log = logging.getLogger("signapp.ui.fonts")

# Scripts in fallback order.
_FALLBACK_SCRIPTS = (
    "latin",
    "georgian",
    "armenian",
    "sinhala",
    "gujarati",
    "gurmukhi",
    "kannada",
    "malayalam",
    "oriya",
    "khmer",
    "thai",
    "arabic",
    "hebrew",
    "myanmar",
    "ethiopic",
    "devanagari",
    "bengali",
    "tamil",
    "telugu",
    "han",
)

# Qt looks for a script's glyphs along the fallback list and logs a warning for each
# family ahead of the script's own font that lacks its OpenType tables (Noto Sans has
# none for Khmer). The names still render; the message is noise.
HARMLESS_FONT_WARNING = "OpenType support missing for"


def script_font_files() -> list[Path]:
    """The font files of the installed font packages, in fallback order.

    The same files the PDF export uses, or their regular instance where the file's
    default weight is not regular (made now if it is not cached yet); a package that
    is not installed is skipped (Chinese names then fall back to whatever the system
    has).
    """
    found = (font_file(FONT_SOURCES[script]) for script in _FALLBACK_SCRIPTS)
    return [_regular(path) for path in found if path is not None]


def _regular(path: Path) -> Path:
    if default_weight(path) in (None, REGULAR_WEIGHT):
        return path
    try:
        return static_instance(path, REGULAR_WEIGHT)
    except (OSError, ValueError) as error:  # a full disk, a font HarfBuzz cannot read
        log.warning("no regular instance of %s (drawn thin): %s", path.name, error)
        return path


@dataclass(frozen=True)
class RegisteredFont:
    """A font file registered with Qt, and the family Qt filed it under."""

    path: Path
    font_id: int
    family: str


def register_script_fonts(app: QApplication) -> list[RegisteredFont]:
    """Register the script fonts with Qt and make them the fallbacks of the UI font.

    Returns the fonts registered, in fallback order.
    """
    registered: list[RegisteredFont] = []
    for path in script_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font file %s", path)
            continue
        # A variable font also lists named instances ("Thin"); the first is the family.
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
        registered.append(RegisteredFont(path, font_id, family))
    _use_as_fallbacks(app, [font.family for font in registered])
    return registered


def _use_as_fallbacks(app: QApplication, families: list[str]) -> None:
    if not families:
        return
    font = QFont(app.font())
    # The resolved family: a generic alias ("Sans Serif") does not work in a list.
    system_family = QFontInfo(font).family()
    unique = [family for family in dict.fromkeys(families) if family != system_family]
    font.setFamilies([system_family, *unique])
    app.setFont(font)
