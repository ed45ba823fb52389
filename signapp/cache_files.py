"""Files signapp works out once and keeps in the user's cache folder.

What is kept there can always be made again (compiled catalogues, the table of country
names): a file that cannot be written or read only costs making it again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from platformdirs import user_cache_dir

log = logging.getLogger("signapp.cache")


def cache_folder() -> Path:
    """signapp's folder in the user's cache folder."""
    return Path(user_cache_dir("signapp"))


def keep(path: Path, data: bytes, *, replacing: str) -> None:
    """Write ``data`` to ``path`` whole (another process never reads half of it) and
    remove the older files beside it that match the glob ``replacing``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        for older in path.parent.glob(replacing):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as error:
        log.info("%s not kept in %s: %s", path.name, path.parent, error)
