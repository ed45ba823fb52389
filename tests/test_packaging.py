"""What the built wheel carries, checked from pyproject.toml without building it.

The build itself, installed in a clean environment and smoke-tested, runs in CI
(``packaging/check_wheel.py``); these checks catch the usual slip early: a new package
or a new kind of resource file that the wheel would leave out.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from signapp.export.font_files import FONT_SOURCES

REPO_ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]


def test_every_package_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for init in (REPO_ROOT / "signapp").rglob("__init__.py")
    }
    listed = set(SETUPTOOLS["packages"])
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_resources_and_data_are_mapped_into_the_package() -> None:
    assert SETUPTOOLS["package-dir"] == {"signapp.resources": "resources", "signapp.data": "data"}


def test_every_resource_and_data_file_is_carried_by_the_wheel() -> None:
    for package, folder in SETUPTOOLS["package-dir"].items():
        root = REPO_ROOT / folder
        carried = {
            path for pattern in SETUPTOOLS["package-data"][package] for path in root.glob(pattern)
        }
        files = {
            path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts
        }
        left_out = sorted(path.relative_to(REPO_ROOT).as_posix() for path in files - carried)
        assert left_out == [], f"add patterns for these to package-data for {package}"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_menu_entry_is_valid_and_names_the_app_icon() -> None:
    entry = REPO_ROOT / "packaging" / "signapp.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert "Icon=signapp" in lines
    assert (REPO_ROOT / "resources" / "icons" / "signapp.svg").is_file()
    assert "Exec=signapp" in lines  # the bundle's program; install-linux.sh makes it absolute


def _bundle_fonts():  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(REPO_ROOT / "packaging"))
    try:
        import bundle_fonts
    finally:
        sys.path.remove(str(REPO_ROOT / "packaging"))
    return bundle_fonts


def test_the_bundle_carries_every_script_font_with_its_licence() -> None:
    datas = _bundle_fonts().font_datas()
    names = {Path(file).name for file, _folder in datas}
    for source in FONT_SOURCES.values():
        if source.package is not None:  # the others are in resources/, carried whole
            assert Path(source.upright).name in names, source.script
    assert "NotoSans-Italic[wdth,wght].ttf" in names
    assert ("justmytype_intl_cjk/fonts/ofl/notosanssc") in {folder for _file, folder in datas}
    assert {"OFL.txt", "LICENSE"} & names


def test_a_missing_font_stops_the_bundle_build_naming_the_script() -> None:
    bundle_fonts = _bundle_fonts()
    sources = dict(FONT_SOURCES)
    sources["khmer"] = replace(sources["khmer"], package="signapp_no_such_font_package")
    with pytest.raises(bundle_fonts.MissingFonts, match=r"khmer \(signapp_no_such_font_package\)"):
        bundle_fonts.font_datas(sources)
