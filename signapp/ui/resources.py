"""Icons and bundled data files, found in one place."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from signapp.bundled import data_folder, resource_path

SAMPLE_CAMPAIGN = data_folder() / "sample_campaign.json"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))
