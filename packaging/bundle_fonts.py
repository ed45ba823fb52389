"""The font files the bundle carries: each script's font and its licence, or a stop.

Used by ``packaging/signapp.spec``. A script whose font package is not installed stops
the build with a message naming it: a bundle without the font would print boxes (or
nothing) where the names in that script should be.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from signapp.export.font_files import FONT_SOURCES, FontSource, font_file, licence_file


class MissingFonts(SystemExit):
    """Raised, stopping the build, when a script's font or licence is not installed."""


def font_datas(sources: dict[str, FontSource] = FONT_SOURCES) -> list[tuple[str, str]]:
    """(file, folder in the bundle) for every script's font files and licence."""
    datas: set[tuple[str, str]] = set()
    missing = []
    for source in sources.values():
        wanted = [font_file(source), licence_file(source)]
        if source.italic:
            wanted.append(font_file(source, italic=True))
        if source.bold:
            wanted.append(font_file(source, bold=True))
        found = [path for path in wanted if path is not None]
        if len(found) < len(wanted):
            missing.append(f"{source.script} ({source.package or 'resources/fonts'})")
            continue
        if source.package is None:
            continue  # in resources/fonts, which the bundle carries whole
        package_root = Path(str(files(source.package)))
        for path in found:
            folder = Path(source.package) / path.relative_to(package_root).parent
            datas.add((str(path), folder.as_posix()))
    if missing:
        raise MissingFonts(
            "signapp.spec: fonts not installed, the bundle would print boxes for "
            + ", ".join(missing)
            + ": install the project (its dependencies bring them) and build again"
        )
    return sorted(datas)


def font_packages(sources: dict[str, FontSource] = FONT_SOURCES) -> list[str]:
    """The font packages, which the app finds by name at run time (not by an import)."""
    return sorted({source.package for source in sources.values() if source.package})
