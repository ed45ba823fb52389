"""The message catalogue: languages chosen from the system, fallbacks, plural rules, formats."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from signapp import i18n


@pytest.fixture
def interface_language() -> Iterator[None]:
    """Tests that change the interface language leave it as they found it."""
    before = i18n.interface_language()
    yield
    i18n.set_language(before)


def test_khmer_catalogue_translates_a_menu_title() -> None:
    khmer = i18n.translations("km")
    assert khmer.gettext("&File") == "ឯកសារ (&F)"


@pytest.mark.parametrize("code", ["km_KH", "km_KH.UTF-8", "km-KH", "km_KH.UTF-8@latin"])
def test_regional_and_encoded_codes_read_the_khmer_catalogue(code: str) -> None:
    assert i18n.catalogue_language(code) == "km"
    assert i18n.translations(code).gettext("&File") == "ឯកសារ (&F)"


@pytest.mark.parametrize("code", ["fr", "xx", "", "en_GB"])
def test_languages_without_catalogue_speak_the_source_strings(code: str) -> None:
    assert i18n.translations(code).gettext("&File") == "&File"
    assert i18n.translations(code).ngettext("one {n}", "many {n}", 2) == "many {n}"
    assert i18n.translations(code).pgettext("menu", "&File") == "&File"


def test_khmer_has_one_plural_form() -> None:
    with i18n.catalogue_path("km").open("rb") as source:
        catalog = read_po(source, locale="km")
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"


def test_set_language_switches_the_module_functions(interface_language: None) -> None:
    assert i18n.set_language("km") == "km"
    assert i18n.interface_language() == "km"
    assert i18n._("&File") == "ឯកសារ (&F)"
    assert i18n.set_language("en") == "en"
    assert i18n._("&File") == "&File"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANGUAGE": "km"}, "km"),
        ({"LANGUAGE": "fr:km_KH", "LANG": "en_US.UTF-8"}, "km"),
        ({"LC_ALL": "km_KH.UTF-8"}, "km"),
        ({"LC_MESSAGES": "km_KH.UTF-8"}, "km"),
        ({"LANG": "km_KH.UTF-8"}, "km"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "km_KH.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_system_language_reads_the_variables_gettext_reads(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected


def test_dates_and_numbers_follow_the_language() -> None:
    day = date(2026, 3, 8)
    assert i18n.format_date(day, style="long", language="en") == "March 8, 2026"
    assert "មីនា" in i18n.format_date(day, style="long", language="km")
    assert i18n.format_number(47000, language="en") == "47,000"


def test_available_languages_include_the_source_and_khmer() -> None:
    languages = i18n.available_languages()
    assert languages[0] == "en"
    assert "km" in languages
    assert i18n.language_name("km") == "ខ្មែរ"


def test_a_catalogue_compiled_at_first_use_is_kept_for_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "catalogue_cache_folder", lambda: tmp_path / "cache")
    compiled = i18n._compiled(i18n.catalogue_path("km"))
    kept = list((tmp_path / "cache").glob("km-*.mo"))
    assert len(kept) == 1 and kept[0].read_bytes() == compiled
    kept[0].write_bytes(b"kept")  # the next start reads it instead of compiling again
    assert i18n._compiled(i18n.catalogue_path("km")) == b"kept"


def test_an_unwritable_cache_only_costs_the_compilation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setattr(i18n, "catalogue_cache_folder", lambda: blocked / "locale")
    messages = gettext.GNUTranslations(io.BytesIO(i18n._compiled(i18n.catalogue_path("km"))))
    assert messages.gettext("&File") == "ឯកសារ (&F)"
