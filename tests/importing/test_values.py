"""Countries, yes/no answers, dates and garbled text as forms deliver them."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest

from signapp.core.model import OrgKind
from signapp.importing import countries
from signapp.importing.countries import resolve_country
from signapp.importing.report import row_list, writable_report_paths
from signapp.importing.values import (
    day_comes_first,
    is_garbled,
    read_kind,
    read_timestamp,
    read_yes_no,
)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Cambodia", "KH"),
        ("Cambodge", "KH"),
        ("Camboya", "KH"),
        ("កម្ពុជា", "KH"),
        ("ប្រទេសកម្ពុជា", "KH"),
        ("kh", "KH"),
        ("KHM", "KH"),
        ("Côte d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Deutschland", "DE"),
        ("Россия", "RU"),
        ("ไทย", "TH"),
        ("ประเทศไทย", "TH"),
        ("일본", "JP"),
        ("Burma", "MM"),
        ("the Netherlands", "NL"),
        ("Países Bajos", "NL"),
        ("UK", "GB"),
        ("Viet Nam", "VN"),
        ("Nepal (NP)", "NP"),
    ],
)
def test_country_names_in_several_languages_and_codes_map_to_iso(value: str, code: str) -> None:
    assert resolve_country(value) == code


@pytest.mark.parametrize("value", ["Korea", "Narnia", "Kosovo", "Cambodja land", "", "  "])
def test_countries_that_cannot_be_mapped_are_not_guessed(value: str) -> None:
    assert resolve_country(value) is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Yes", True),
        ("yes, please list us", True),
        ("Oui", True),
        ("Sí", True),
        ("ចាស", True),
        ("No", False),
        ("No - keep us anonymous", False),
        ("Non", False),
        ("ទេ", False),
        ("Do not list us", False),
        ("maybe later", None),
        ("", None),
    ],
)
def test_yes_and_no_are_read_in_several_languages(answer: str, expected: bool | None) -> None:
    assert read_yes_no(answer) is expected


@pytest.mark.parametrize(
    ("answer", "day_first", "expected"),
    [
        ("2024/03/05 1:02:03 PM GMT+7", False, "2024-03-05T13:02:03+07:00"),
        ("3/5/2024 10:22:33", False, "2024-03-05T10:22:33"),
        ("3/5/2024 10:22:33", True, "2024-05-03T10:22:33"),
        ("2024-03-05T10:22:33.120+07:00", False, "2024-03-05T10:22:33+07:00"),
        ("2024-03-05", False, "2024-03-05"),
        ("5.3.2024", True, "2024-03-05"),
        ("yesterday", False, None),
        ("31/31/2024", True, None),
        ("2024/02/30 9:00", False, None),
        ("2024/03/05 12:30 AM GMT-0330", False, "2024-03-05T00:30:00-03:30"),
        ("2024/03/05 12:30 PM GMT-0", False, "2024-03-05T12:30:00+00:00"),
        ("2024/03/05 9:00 PM GMT+25", False, None),  # no zone is a day away
        ("2024/03/05 24:00", False, None),
    ],
)
def test_timestamps_of_form_services_become_iso(
    answer: str, day_first: bool, expected: str | None
) -> None:
    assert read_timestamp(answer, day_first=day_first) == expected


def test_a_column_with_a_day_above_twelve_puts_the_day_first() -> None:
    assert day_comes_first(["3/5/2024 10:00", "25/4/2024 09:00"])
    assert not day_comes_first(["3/5/2024 10:00", "4/12/2024 09:00"])


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("International NGO", OrgKind.INTERNATIONAL_NGO),
        ("Syndicat", OrgKind.TRADE_UNION),
        ("Coalition / network", OrgKind.NETWORK),
        ("CBO", OrgKind.COMMUNITY_GROUP),
        ("Local NGO", OrgKind.LOCAL_NGO),
        ("Private company", None),
    ],
)
def test_organisation_types_are_read(answer: str, kind: OrgKind | None) -> None:
    assert read_kind(answer) == kind


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("???", True),
        ("Ph?m Vi?t Nam", True),
        ("Oxfam Solidarit√©-Solidariteit", True),
        ("SolidaritÃ© Paysanne", True),
        ("Caf\ufffd Culture", True),
        ("Médecins du Monde", False),
        ("Who? Us?", False),
        ("Doctors [What if it is imperfect? Could it be, maybe, not?]", False),
        ("(Who?) Us", False),
        ("សមាគមយុវជន", False),
    ],
)
def test_garbled_values_are_recognised(text: str, garbled: bool) -> None:
    assert is_garbled(text) is garbled


def _misread_utf8(text: str) -> bool:
    for encoding in ("cp1252", "mac_roman", "latin-1"):
        try:
            if text.encode(encoding).decode("utf-8") != text:
                return True
        except UnicodeError:
            continue
    return False


def test_utf8_read_in_a_code_page_is_recognised_whatever_else_the_text_holds() -> None:
    rng = random.Random(11)
    pieces = ["Café", "é", "Solidarité", "ក្រុម", "ประเทศ", "Союз", "√", "™", "a", " ", "ß"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) + "x"
        written = [text]
        for encoding in ("cp1252", "mac_roman"):
            try:
                written.append(text.encode().decode(encoding))
            except UnicodeDecodeError:  # a byte cp1252 leaves undefined
                continue
        for value in written:
            assert is_garbled(value) is _misread_utf8(value), value


def test_row_numbers_in_the_report_are_written_as_runs() -> None:
    assert row_list([7]) == "row 7"
    assert row_list([2, 3, 4, 9, 11, 12]) == "rows 2-4, 9, 11-12 (6 rows)"


def _export_in_a_shared_folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    source = shared / "export.csv"
    source.write_text("Organisation\nRiver Guardians\n", encoding="utf-8")
    return source


def _report_paths_when_read_only(source: Path) -> tuple[Path, Path]:
    """Where the reports of ``source`` go while its folder cannot be written to."""
    source.parent.chmod(0o555)
    try:
        return writable_report_paths(source)
    finally:
        source.parent.chmod(0o755)


def test_reports_of_a_file_in_a_read_only_folder_go_to_the_documents_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _export_in_a_shared_folder(tmp_path)
    documents = tmp_path / "documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert writable_report_paths(source)[0].parent == source.parent

    report, rejected = _report_paths_when_read_only(source)

    assert (report.parent, rejected.parent) == (documents, documents)


def test_without_a_documents_folder_reports_go_to_signapps_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _export_in_a_shared_folder(tmp_path)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "none"))
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *_a, **_k: str(tmp_path / "own"))

    report, rejected = _report_paths_when_read_only(source)

    assert report.parent == rejected.parent == tmp_path / "own" / "import-reports"
    assert report.parent.is_dir()  # made, so that the import can write there
    assert not (tmp_path / "none").exists()  # the user's folders are not invented


def _iso_the_long_way(year: int, month: int, day: int, clock: tuple[int, int, int, int]) -> str:
    hour, minute, second, offset_minutes = clock
    zone = timezone(timedelta(minutes=offset_minutes))
    return datetime(year, month, day, hour, minute, second, tzinfo=zone).isoformat()


def test_date_times_are_written_as_datetime_writes_them() -> None:
    rng = random.Random(2)
    for _ in range(400):
        year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        hour, minute, second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        offset = rng.choice([-1, 1]) * rng.randint(0, 14 * 60 + 45)
        sign = "-" if offset < 0 else "+"
        written = (
            f"{year}/{month}/{day} {hour}:{minute:02d}:{second:02d} "
            f"GMT{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
        )
        expected = _iso_the_long_way(year, month, day, (hour, minute, second, offset))
        assert read_timestamp(written) == expected, written


@pytest.fixture
def fresh_country_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An account whose cache folder has no country table yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    countries._lookup.cache_clear()
    resolve_country.cache_clear()
    yield tmp_path / "signapp"
    countries._lookup.cache_clear()
    resolve_country.cache_clear()


def test_the_country_table_is_built_once_then_read_back(
    fresh_country_table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = countries._build_lookup()
    assert resolve_country("Cambodge") == "KH"
    kept = list(fresh_country_table.glob("countries-*.json"))
    assert len(kept) == 1

    def not_again() -> dict[str, str]:
        raise AssertionError("the table was built again")

    monkeypatch.setattr(countries, "_build_lookup", not_again)
    countries._lookup.cache_clear()
    resolve_country.cache_clear()
    assert countries._lookup() == built
    assert resolve_country("ประเทศไทย") == "TH"


def test_a_damaged_country_table_is_built_again(fresh_country_table: Path) -> None:
    countries._lookup()
    (kept,) = fresh_country_table.glob("countries-*.json")
    kept.write_text('{"cambodge": "not a code"', encoding="utf-8")
    countries._lookup.cache_clear()

    assert countries._lookup()["cambodge"] == "KH"
    assert json.loads(kept.read_text(encoding="utf-8"))["cambodge"] == "KH"
