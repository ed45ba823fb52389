"""Shared fixtures. GUI tests run offscreen; every test gets its own database file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the source (English) messages whatever the machine's language; tests of other
# languages choose theirs. Child processes (the command line, the app) inherit this.
os.environ["LANGUAGE"] = "en"

from signapp.core.db import open_database

REPO_ROOT = Path(__file__).resolve().parents[1]


def _realdata_folder() -> Path | None:
    for candidate in (
        REPO_ROOT.parent / "shared" / "realdata",
        REPO_ROOT.parent.parent / "shared" / "realdata",
    ):
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "signapp.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def realdata() -> Path:
    """The folder of real public signatory lists; skips the test when it is absent."""
    folder = _realdata_folder()
    if folder is None:
        pytest.skip("../shared/realdata is not present")
    return folder
