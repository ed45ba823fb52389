"""Searching a database, its sidecar files and its backups for text that must be gone."""

from __future__ import annotations

from pathlib import Path

from signapp.core.backups import backups_folder


def files_holding(db_path: Path, values: tuple[str, ...]) -> dict[str, list[str]]:
    """File name -> the values whose UTF-8 bytes it still holds."""
    files = [db_path, *db_path.parent.glob(db_path.name + "-*")]
    files += sorted(backups_folder(db_path).glob("*"))
    found: dict[str, list[str]] = {}
    for path in files:
        if path.is_file():
            data = path.read_bytes()
            hits = [value for value in values if value.encode("utf-8") in data]
            if hits:
                found[path.name] = hits
    return found
