"""The application's preferences, declared once, typed, with their defaults.

Widgets read and write ``settings.author_name`` and so on; no key string appears
anywhere else. Tests pass a :class:`QSettings` over a temporary ini file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from signapp.i18n import available_languages

T = TypeVar("T")

EXPORT_GROUPINGS = ("country", "kind", "none")
EXPORT_COLUMNS = ("name", "local_name", "acronym", "country", "kind", "affiliation")
VIEW_NAMES = ("statements", "organisations")
RECENT_LIMIT = 8


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def _as_flag(value: Any) -> bool:
    """A yes/no choice; ini files keep it as the text ``true`` or ``false``."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _as_codes(value: Any) -> tuple[str, ...]:
    """A list stored as comma-separated text (ini files keep one-item lists as text)."""
    if isinstance(value, list | tuple):
        value = ",".join(str(item) for item in value)
    return tuple(part.strip() for part in str(value or "").split(",") if part.strip())


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = _as_text(value)
        if text not in choices:
            raise ValueError(text)
        return text

    return convert


def _codes_in(choices: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        codes = tuple(code for code in _as_codes(value) if code in choices)
        if not codes:
            raise ValueError(value)
        return codes

    return convert


def _as_paths(value: Any) -> list[str]:
    """A list of file paths (stored as a list: paths may hold commas)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ValueError(value)
    return [str(item) for item in value if str(item)]


def _as_language(value: Any) -> str:
    """A language with a catalogue, or "" for the system's language."""
    text = _as_text(value)
    if text and text not in available_languages():
        raise ValueError(text)
    return text


def _as_bytes(value: Any) -> QByteArray:
    return value if isinstance(value, QByteArray) else QByteArray()


class Entry(Generic[T]):
    """One preference: its key in the store, its default and how to read it back.

    A stored value that cannot be read (edited by hand, older format) gives the default.
    """

    def __init__(self, key: str, default: T, convert: Callable[[Any], T]) -> None:
        self.key = key
        self.default = default
        self.convert = convert

    def __get__(self, settings: Settings, owner: type | None = None) -> T:
        stored = settings.store.value(self.key)
        if stored is None:
            return self.default
        try:
            return self.convert(stored)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, settings: Settings, value: T) -> None:
        if isinstance(value, tuple):
            settings.store.setValue(self.key, ",".join(value))
        else:
            settings.store.setValue(self.key, value)


class Settings:
    """Typed access to signapp's preferences in a :class:`QSettings` store."""

    interface_language = Entry("interface/language", "", _as_language)
    author_name = Entry("export/author_name", "", _as_text)
    export_languages: Entry[tuple[str, ...]] = Entry("export/languages", ("en",), _as_codes)
    export_group_by = Entry("export/group_by", "country", _one_of(EXPORT_GROUPINGS))
    export_personal_capacity = Entry("export/personal_capacity", False, _as_flag)
    export_columns: Entry[tuple[str, ...]] = Entry(
        "export/columns", ("name", "local_name", "country"), _codes_in(EXPORT_COLUMNS)
    )
    window_geometry = Entry("window/geometry", QByteArray(), _as_bytes)
    window_state = Entry("window/state", QByteArray(), _as_bytes)
    last_view = Entry("window/last_view", "organisations", _one_of(VIEW_NAMES))
    recent_databases: Entry[list[str]] = Entry("files/recent", [], _as_paths)

    def layout_state(self, name: str) -> QByteArray:
        """A splitter's or table header's saved state (empty when never saved)."""
        return _as_bytes(self.store.value(f"layout/{name}"))

    def set_layout_state(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"layout/{name}", state)

    def remember_database(self, path: Path) -> None:
        """Put ``path`` first in the recent files, keeping the list short."""
        resolved = str(path.resolve())
        others = [p for p in self.recent_databases if p != resolved]
        self.recent_databases = [resolved, *others][:RECENT_LIMIT]

    def __init__(self, store: QSettings) -> None:
        self.store = store

    @classmethod
    def user_settings(cls) -> Settings:
        """The signed-in user's preferences, where the platform keeps them."""
        return cls(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "signapp"))

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Preferences kept in one ini file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.store.sync()
