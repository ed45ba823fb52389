"""What the built wheel carries, checked from pyproject.toml without building it.

The build itself, installed in a clean environment and smoke-tested, runs in CI
(``packaging/check_wheel.py``); these checks catch the usual slip early: a new package
or a new kind of resource file that the wheel would leave out.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

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
