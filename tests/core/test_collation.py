"""Batch sort keys are exactly the single-name ones, in every script."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from signapp.core.collation import sort_keys
from signapp.core.text import sort_key

NAMES = [
    "Ärzte ohne Grenzen",
    "zebra crossing collective",
    "Médecins du Monde",
    "Medecins du Monde",
    "เครือข่ายสตรีเพื่อสันติภาพ",
    "សមាគម យុវជន ខ្មែរ",
    "យុទ្ធសាស្រ្ត សហគមន៍",  # coeng-RO in the legacy order
    "Союз  защиты прав",  # two spaces
    "منظمة حقوق الإنسان",
    "정의기억연대 여성 인권",
    "  Trailing and leading  ",
    "Cafe\u0301 Workers",
    "ﬁve ﬂowers",
    "",
    None,
]


def test_batch_keys_equal_single_keys_for_names_in_many_scripts() -> None:
    assert sort_keys(NAMES) == [sort_key(name) for name in NAMES]


@pytest.mark.realdata
def test_batch_keys_equal_single_keys_on_a_real_multi_script_list(realdata: Path) -> None:
    with (realdata / "rms-support-letter-signatures" / "signatures.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        names = [row["name"] for row in csv.DictReader(handle)]

    assert sort_keys(names) == [sort_key(name) for name in names]
