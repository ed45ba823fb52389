"""Static instances of the variable font files, built once and kept in the user cache.

The Noto fonts ship as variable fonts, whose default instance is the regular weight
for most families but the thinnest for the CJK ones. ReportLab and Qt both draw a
variable font at its default instance, so any other weight (bold, or regular where
the default is not) is built with ``fontTools.varLib.instancer`` and kept in the
user cache folder. Free of ReportLab and Qt: the desktop app builds an instance in
a separate process with ``python -m signapp.export.font_instances FONT WEIGHT``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

from platformdirs import user_cache_dir

log = logging.getLogger("signapp.export")

REGULAR_WEIGHT = 400
BOLD_WEIGHT = 700
# Part of every cached instance's name: a change to how instances are built bumps it,
# so that instances built the earlier way are not used again.
_RECIPE = "names2"


def font_cache_dir() -> Path:
    """The folder that keeps static instances built from the variable fonts."""
    override = os.environ.get("SIGNAPP_FONT_CACHE")
    return Path(override) if override else Path(user_cache_dir("signapp")) / "fonts"


def instance_path(variable_font: Path, weight: int) -> Path:
    """Where the static instance of ``variable_font`` at ``weight`` is cached.

    The name carries a digest of the source's path, size and modification time, so a
    font package upgrade builds a fresh instance.
    """
    stat = variable_font.stat()
    digest = hashlib.sha1(
        f"{variable_font}|{stat.st_size}|{stat.st_mtime_ns}|{_RECIPE}".encode()
    ).hexdigest()[:12]
    stem = variable_font.stem.split("[")[0]
    return font_cache_dir() / f"{stem}-W{weight}-{digest}.ttf"


def cached_instance(variable_font: Path, weight: int) -> Path | None:
    """The static instance at ``weight`` if it has been built already."""
    path = instance_path(variable_font, weight)
    return path if path.is_file() else None


def static_instance(variable_font: Path, weight: int) -> Path:
    """A static font at ``weight`` built from ``variable_font``, made once and cached.

    The instance keeps the family name and is named for its weight ("Noto Sans SC",
    "Regular"), so that Qt files it under the family as the weight it is.
    """
    cached = instance_path(variable_font, weight)
    if cached.is_file():
        return cached
    from fontTools.ttLib import TTFont as ToolsFont
    from fontTools.varLib import instancer

    stem = variable_font.stem.split("[")[0]
    log.info("building %s weight %d (once; cached in %s)", stem, weight, cached.parent)
    variable = ToolsFont(str(variable_font))
    location = {
        axis.axisTag: (weight if axis.axisTag == "wght" else axis.defaultValue)
        for axis in variable["fvar"].axes
    }
    instance = instancer.instantiateVariableFont(
        variable, location, updateFontNames="STAT" in variable
    )
    # ReportLab keys embedded faces by PostScript name: the instance needs its own.
    postscript_name = f"{stem}-W{weight}"
    names = instance["name"]
    names.removeNames(nameID=6)
    names.setName(postscript_name, 6, 3, 1, 0x409)
    names.setName(postscript_name, 6, 1, 0, 0)
    cached.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=cached.parent, suffix=".part")
    os.close(handle)
    try:
        instance.save(temp_name)
        os.replace(temp_name, cached)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return cached


def default_weight(variable_font: Path) -> int | None:
    """The weight a variable font draws at by default; None for a static font."""
    from fontTools.ttLib import TTFont as ToolsFont

    font = ToolsFont(str(variable_font), lazy=True)
    if "fvar" not in font:
        return None
    for axis in font["fvar"].axes:
        if axis.axisTag == "wght":
            return int(axis.defaultValue)
    return None


def main(argv: list[str]) -> int:
    """Build one instance: ``FONT WEIGHT``; prints the instance's path."""
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m signapp.export.font_instances FONT_FILE WEIGHT", file=sys.stderr)
        return 2
    try:
        print(static_instance(Path(argv[0]), int(argv[1])))
    except Exception as error:  # a font fontTools cannot read: one line, no traceback
        print(f"cannot build an instance of {argv[0]}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
