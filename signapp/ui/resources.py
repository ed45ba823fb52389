"""Icons, the style sheet and bundled data files, found in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

REPO_ROOT = Path(__file__).resolve().parents[2]
RESOURCES = REPO_ROOT / "resources"
DATA = REPO_ROOT / "data"
SAMPLE_CAMPAIGN = DATA / "sample_campaign.json"


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``; raises if it is missing (a packaging bug)."""
    path = RESOURCES.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"signapp resource missing: {path}")
    return path


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def style_sheet() -> str:
    return resource_path("style.qss").read_text(encoding="utf-8")
