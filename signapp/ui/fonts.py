"""Fonts for every script signatory names are written in, from pip font packages.

Registered with Qt at start so that no name shows as empty boxes on a machine that
lacks a Khmer, Thai, Burmese, Arabic, Hebrew, Ethiopic, Indic or Chinese font (each
file takes well under a millisecond to register). Qt draws a variable font at its
default instance, which for the Chinese font is the thinnest weight: its regular
instance is built once, in another process, and used from then on.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from signapp.export.font_files import FONT_SOURCES, font_file
from signapp.export.font_instances import REGULAR_WEIGHT, cached_instance

log = logging.getLogger("signapp.ui.fonts")

# Scripts in fallback order; Chinese comes with the optional "cjk" extra.
_FALLBACK_SCRIPTS = (
    "latin",
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

    The same files the PDF export uses, or their regular instance where one has been
    built; a package that is not installed is skipped (without the ``cjk`` extra,
    Chinese names fall back to whatever the system has).
    """
    found = (font_file(FONT_SOURCES[script]) for script in _FALLBACK_SCRIPTS)
    return [cached_instance(path, REGULAR_WEIGHT) or path for path in found if path is not None]


@dataclass(frozen=True)
class RegisteredFont:
    """A font file registered with Qt, and the family Qt filed it under."""

    path: Path
    font_id: int
    family: str

    def lacks_regular_weight(self) -> bool:
        weights = (QFontDatabase.weight(self.family, s) for s in QFontDatabase.styles(self.family))
        return QFont.Weight.Normal.value not in set(weights)


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


class RegularInstanceBuilder(QObject):
    """Builds the regular instance of each registered variable font that lacks one,
    each in a separate process, and puts it in place of the variable font when ready.

    A build takes seconds (11 for the Chinese font), once per machine; a build cut
    short by quitting is begun again at the next start.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._running: list[QProcess] = []
        app.aboutToQuit.connect(self._stop)

    def build_missing(self, fonts: list[RegisteredFont]) -> int:
        """Start the builds needed; returns how many were started."""
        needed = [font for font in fonts if font.lacks_regular_weight()]
        for font in needed:
            self._start(font)
        return len(needed)

    def _start(self, font: RegisteredFont) -> None:
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(
            ["-m", "signapp.export.font_instances", str(font.path), str(REGULAR_WEIGHT)]
        )
        process.finished.connect(lambda code, _status: self._finished(process, font, code))
        self._running.append(process)
        process.start()

    def _finished(self, process: QProcess, font: RegisteredFont, exit_code: int) -> None:
        self._running.remove(process)
        process.deleteLater()
        instance = cached_instance(font.path, REGULAR_WEIGHT)
        if exit_code != 0 or instance is None:
            error = bytes(process.readAllStandardError().data()).decode(errors="replace")
            log.warning("no regular instance of %s: %s", font.path.name, error.strip())
            return
        QFontDatabase.removeApplicationFont(font.font_id)
        if QFontDatabase.addApplicationFont(str(instance)) < 0:
            log.warning("Qt could not load the font file %s", instance)
            QFontDatabase.addApplicationFont(str(font.path))
        _use_as_fallbacks(self._app, list(self._app.font().families()))

    def _stop(self) -> None:
        for process in self._running:
            process.kill()
            process.waitForFinished(1000)
