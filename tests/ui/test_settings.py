"""Typed settings over QSettings: defaults, round trips, unreadable values."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from signapp.ui.settings import Settings


def test_defaults_when_nothing_is_stored(tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "empty.ini")
    assert settings.author_name == ""
    assert settings.export_languages == ("en",)
    assert settings.export_group_by == "country"
    assert settings.export_personal_capacity is False
    assert settings.last_view == "organisations"
    assert settings.window_geometry.isEmpty()


def test_values_survive_a_new_store_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = Settings.from_file(path)
    settings.author_name = "Rivers Coalition"
    settings.export_languages = ("km",)
    settings.export_columns = ("name", "country")
    settings.window_geometry = QByteArray(b"\x01\x02geometry")
    settings.last_view = "statements"
    settings.export_personal_capacity = True
    settings.sync()
    again = Settings.from_file(path)
    assert again.author_name == "Rivers Coalition"
    assert again.export_languages == ("km",)
    assert again.export_columns == ("name", "country")
    assert bytes(again.window_geometry.data()) == b"\x01\x02geometry"
    assert again.last_view == "statements"
    assert again.export_personal_capacity is True


def test_a_value_edited_into_nonsense_gives_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[export]\ngroup_by=colour\ncolumns=shoe\n[window]\nlast_view=kitchen\n")
    settings = Settings.from_file(path)
    assert settings.export_group_by == "country"
    assert settings.export_columns == ("name", "local_name", "country")
    assert settings.last_view == "organisations"


def test_the_preferences_offer_the_columns_the_csv_list_has() -> None:
    from signapp.export.csv import COLUMNS
    from signapp.ui.settings import EXPORT_COLUMNS

    assert EXPORT_COLUMNS == COLUMNS
