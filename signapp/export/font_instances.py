"""Static instances of the variable font files, made once and kept in the user cache.

The Noto fonts ship as variable fonts, whose default instance is the regular weight
for most families but the thinnest for the Hebrew and CJK ones. ReportLab and Qt both
draw a variable font at its default instance, so any other weight (bold, or regular
where the default is not) is made as a static instance and kept in the user cache
folder.

HarfBuzz's instancer (``hb_subset`` with every axis pinned, keeping every glyph) makes
one in well under a second, even for the 17 MB Chinese font (fontTools' instancer took
5 s for Noto Sans and 11 s for the Chinese font), so an instance is made in the
process that needs it, when it first needs it: no separate process, no thread.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import uharfbuzz as hb
from platformdirs import user_cache_dir

if TYPE_CHECKING:
    from fontTools.ttLib.tables._n_a_m_e import table__n_a_m_e

log = logging.getLogger("signapp.export")

REGULAR_WEIGHT = 400
BOLD_WEIGHT = 700
# Part of every cached instance's name: a change to how instances are made bumps it,
# so that instances made the earlier way are not used again.
_RECIPE = "hb1"

_WEIGHT_NAMES = {
    100: "Thin",
    200: "ExtraLight",
    300: "Light",
    400: "Regular",
    500: "Medium",
    600: "SemiBold",
    700: "Bold",
    800: "ExtraBold",
    900: "Black",
}
# The name table entries that name the family and the style (OpenType "name" IDs).
_FAMILY, _STYLE, _FULL_NAME, _POSTSCRIPT_NAME = 1, 2, 4, 6
_TYPOGRAPHIC_FAMILY, _TYPOGRAPHIC_STYLE = 16, 17
_VARIATIONS_POSTSCRIPT_PREFIX = 25
_WINDOWS_ENGLISH = (3, 1, 0x409)
_ITALIC_BIT = 1  # OS/2 fsSelection


def font_cache_dir() -> Path:
    """The folder that keeps static instances made from the variable fonts."""
    override = os.environ.get("SIGNAPP_FONT_CACHE")
    return Path(override) if override else Path(user_cache_dir("signapp")) / "fonts"


def instance_path(variable_font: Path, weight: int) -> Path:
    """Where the static instance of ``variable_font`` at ``weight`` is cached.

    The name carries a digest of the source's path, size and modification time, so a
    font package upgrade makes a fresh instance.
    """
    stat = variable_font.stat()
    digest = hashlib.sha1(
        f"{variable_font}|{stat.st_size}|{stat.st_mtime_ns}|{_RECIPE}".encode()
    ).hexdigest()[:12]
    return font_cache_dir() / f"{_stem(variable_font)}-W{weight}-{digest}.ttf"


def cached_instance(variable_font: Path, weight: int) -> Path | None:
    """The static instance at ``weight`` if it has been made already."""
    path = instance_path(variable_font, weight)
    return path if path.is_file() else None


def static_instance(variable_font: Path, weight: int) -> Path:
    """A static font at ``weight`` made from ``variable_font``, once, and cached.

    The instance keeps the family name and is named for its weight ("Noto Sans SC",
    "Regular"), so that Qt files it under the family as the weight it is; its
    PostScript name is its own, as ReportLab keys embedded faces by it.
    """
    cached = instance_path(variable_font, weight)
    if cached.is_file():
        return cached
    log.info("making %s weight %d (once; cached in %s)", variable_font.name, weight, cached.parent)
    data = instance_data(variable_font, weight)
    cached.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=cached.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, cached)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    _remove_outdated(cached)
    return cached


def _remove_outdated(current: Path) -> None:
    """Drop instances of the same font and weight made from an earlier file or recipe
    (the Chinese one takes 10 MB)."""
    stem, weight, _digest = current.stem.rsplit("-", 2)
    for outdated in current.parent.glob(f"{glob.escape(stem)}-{weight}-*.ttf"):
        if outdated != current:
            outdated.unlink(missing_ok=True)


def instance_data(variable_font: Path, weight: int) -> bytes:
    """The bytes of a static font at ``weight``: every glyph, every other axis at its default."""
    source = hb.Face(hb.Blob.from_file_path(str(variable_font)))
    # HarfBuzz keeps pointers into the bytes each table callback returns: they are
    # held here until the instance has been written out.
    tables = {"name": _instance_names(source, _stem(variable_font), weight)}

    def table(_face: hb.Face, tag: str, _data: object) -> bytes:
        if tag not in tables:
            tables[tag] = source.reference_table(tag).data
        return tables[tag]

    renamed = hb.Face.create_for_tables(table, None)
    renamed.set_get_table_tags_func(lambda _face, _data: source.table_tags, None)
    request = hb.SubsetInput()
    request.keep_everything()
    request.pin_all_axes_to_default(source)
    request.pin_axis_location(source, "wght", weight)
    instance = hb.subset(renamed, request)
    if instance is None:
        raise ValueError(f"HarfBuzz could not make a static instance of {variable_font.name}")
    return bytes(instance.blob.data)


def _instance_names(source: hb.Face, stem: str, weight: int) -> bytes:
    """The source's name table, naming the family and the instance's style."""
    # fontTools is loaded here, when an instance is built, not at every start.
    from fontTools.ttLib.tables._n_a_m_e import table__n_a_m_e

    names = table__n_a_m_e()
    names.decompile(source.reference_table("name").data, None)
    family = _name(names, _TYPOGRAPHIC_FAMILY) or _name(names, _FAMILY) or stem
    italic = bool(_os2_selection(source) & _ITALIC_BIT)
    weight_name = _WEIGHT_NAMES.get(weight, f"W{weight}")
    style = {(True, "Regular"): "Italic"}.get(
        (italic, weight_name), f"{weight_name} Italic" if italic else weight_name
    )
    for name_id in (_TYPOGRAPHIC_FAMILY, _TYPOGRAPHIC_STYLE, _VARIATIONS_POSTSCRIPT_PREFIX):
        names.removeNames(nameID=name_id)
    postscript_name = f"{stem}-W{weight}"
    for name_id, value in (
        (_FAMILY, family),
        (_STYLE, style),
        (_FULL_NAME, f"{family} {style}"),
        (_POSTSCRIPT_NAME, postscript_name),
    ):
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, *_WINDOWS_ENGLISH)
        names.setName(value, name_id, 1, 0, 0)
    return bytes(names.compile(None))


def _name(names: table__n_a_m_e, name_id: int) -> str | None:
    record = names.getName(name_id, *_WINDOWS_ENGLISH)
    return record.toUnicode() if record is not None else None


def _os2_selection(source: hb.Face) -> int:
    from fontTools.ttLib import newTable

    os2 = newTable("OS/2")
    os2.decompile(source.reference_table("OS/2").data, None)
    return int(os2.fsSelection)


def _stem(font_file: Path) -> str:
    return font_file.stem.split("[")[0]


def default_weight(variable_font: Path) -> int | None:
    """The weight a variable font draws at by default; None for a static font."""
    for axis in hb.Face(hb.Blob.from_file_path(str(variable_font))).axis_infos:
        if axis.tag == "wght":
            return int(axis.default_value)
    return None
