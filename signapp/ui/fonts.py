"""Fonts for every script signatory names are written in, from pip font packages.

Registered with Qt at start so that no name shows as empty boxes on a machine that
lacks a Khmer, Thai, Burmese, Arabic or Chinese font.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

log = logging.getLogger("signapp.ui.fonts")

# (package, file inside it), in fallback order; Chinese comes with the optional "cjk"
# extra.
_FONT_FILES = (
    ("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
    ("fontpkg_noto_sans_khmer", "files/NotoSansKhmer[wdth,wght].ttf"),
    ("fontpkg_noto_sans_thai", "files/NotoSansThai[wdth,wght].ttf"),
    ("fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
    ("justmytype_intl_sea", "fonts/ofl/notosansmyanmar/NotoSansMyanmar[wdth,wght].ttf"),
    ("justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"),
)

# Qt looks for a script's glyphs along the fallback list and logs a warning for each
# family ahead of the script's own font that lacks its OpenType tables (Noto Sans has
# none for Khmer). The names still render; the message is noise.
HARMLESS_FONT_WARNING = "OpenType support missing for"


def script_font_files() -> list[Path]:
    """The font files found among the installed font packages, in fallback order.

    The one place that knows where the packages keep their files; a package that is
    not installed is skipped (without the ``cjk`` extra, Chinese names fall back to
    whatever the system has).
    """
    found = []
    for package, relative in _FONT_FILES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        path = Path(next(iter(spec.submodule_search_locations))) / relative
        if path.is_file():
            found.append(path)
    return found


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
