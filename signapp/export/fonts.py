"""Font files from the installed font packages, registered with ReportLab once.

ReportLab embeds a variable font's default instance; any other weight (bold, or
regular where the default is not) comes from :mod:`signapp.export.font_instances`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts

from signapp.export import shaping
from signapp.export.font_files import (
    FONT_SOURCES,
    SCRIPT_LABELS,
    FontSource,
    font_file,
    licence_file,
)
from signapp.export.font_instances import (
    BOLD_WEIGHT,
    REGULAR_WEIGHT,
    default_weight,
    static_instance,
)

log = logging.getLogger("signapp.export")


@dataclass(frozen=True)
class FontLicence:
    """One installed font family and the licence it ships with, for an About box."""

    family: str
    script: str
    package: str
    licence: Path


def font_licences() -> list[FontLicence]:
    """The installed font families signapp prints with, each with its licence file."""
    found: dict[Path, FontLicence] = {}
    for source in FONT_SOURCES.values():
        path = font_file(source)
        licence = licence_file(source)
        if path is None or licence is None:
            continue
        family = path.stem.split("[")[0]
        found.setdefault(
            path,
            FontLicence(family, SCRIPT_LABELS[source.script], source.package or "signapp", licence),
        )
    return list(found.values())


class FontSet:
    """The ReportLab fonts for every script, registered on first use.

    Thread-safe; one process-wide instance is returned by :func:`font_set`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._registered: dict[tuple[str, bool, bool], str | None] = {}

    def available(self, script: str) -> bool:
        """Whether a font for ``script`` is installed."""
        source = FONT_SOURCES.get(script)
        return source is not None and font_file(source) is not None

    def font_name(self, script: str, *, bold: bool = False, italic: bool = False) -> str | None:
        """The registered ReportLab font name for a run, or None if none is installed.

        Scripts without an italic face print upright in italic runs.
        """
        source = FONT_SOURCES.get(script)
        if source is None:
            return None
        italic = italic and source.italic is not None
        key = (script, bold, italic)
        with self._lock:
            if key not in self._registered:
                self._registered[key] = self._register(source, bold=bold, italic=italic)
            return self._registered[key]

    def installed_characters(self, script: str) -> frozenset[str]:
        """What the installed font file of ``script`` can draw, read without registering.

        Empty when the script has no installed font. Used to find a fallback font for
        a character without building instances of every font.
        """
        source = FONT_SOURCES.get(script)
        path = font_file(source) if source is not None else None
        return _file_characters(path) if path is not None else frozenset()

    def covers(self, font_name: str, char: str) -> bool:
        """Whether the registered font has a glyph for ``char``."""
        return char in self.characters(font_name)

    def characters(self, font_name: str) -> frozenset[str]:
        """Every character the registered font has a glyph for."""
        return _characters(font_name)

    def _register(self, source: FontSource, *, bold: bool, italic: bool) -> str | None:
        path = font_file(source, italic=italic, bold=bold)
        if path is None:
            return None
        weight = BOLD_WEIGHT if bold else REGULAR_WEIGHT
        if default_weight(path) not in (None, weight):
            path = static_instance(path, weight)
        style = ("Bold" if bold else "") + ("Italic" if italic else "")
        name = f"Signapp-{source.script}" + (f"-{style}" if style else "")
        pdfmetrics.registerFont(ttfonts.TTFont(name, str(path)))
        if source.script == "latin":
            shaping.SIMPLE_FONTS.add(name)
        shaping.install_fixes()
        return name


@cache
def font_set() -> FontSet:
    """The process-wide font set."""
    return FontSet()


@cache
def _file_characters(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont as ToolsFont

    with ToolsFont(str(path), lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(map(chr, cmap))


@cache
def _characters(font_name: str) -> frozenset[str]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(map(chr, font.face.charToGlyph))
