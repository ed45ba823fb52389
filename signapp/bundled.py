"""Where the bundled folders are: ``resources/`` and ``data/``, without Qt.

In a source checkout they sit beside the ``signapp`` package; a built wheel carries them
inside it as ``signapp/resources`` and ``signapp/data``. Everything that reads a bundled
file finds its folder here, so both layouts work the same way.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


@cache
def bundled_folder(name: str) -> Path:
    """The folder ``name`` (``"resources"`` or ``"data"``) as installed, or in the checkout."""
    installed = Path(str(files("signapp").joinpath(name)))
    if installed.is_dir():
        return installed
    return _CHECKOUT_ROOT / name


def resources_folder() -> Path:
    return bundled_folder("resources")


def data_folder() -> Path:
    return bundled_folder("data")


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``; raises if it is missing (a packaging bug)."""
    path = resources_folder().joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"signapp resource missing: {path}")
    return path
