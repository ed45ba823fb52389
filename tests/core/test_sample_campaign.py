"""The sample campaign in data/ loads whole, or not at all with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core.errors import SignappError
from signapp.core.organisations import count_organisations
from signapp.core.sample import load_sample_campaign
from signapp.core.signons import public_signatories
from signapp.core.statements import get_version

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_campaign.json"


def test_sample_loads_statement_organisations_and_signons(db: Database) -> None:
    summary = load_sample_campaign(db, SAMPLE)
    assert summary.organisations == count_organisations(db) >= 40
    version = get_version(db, summary.statement_id)
    assert set(version.texts) == {"en", "km"}
    public = public_signatories(db, summary.statement_id)
    assert public.anonymous_count >= 5
    scripts = {"\u1780": "Khmer", "\u0e00": "Thai", "\u1000": "Myanmar", "\u0600": "Arabic"}
    local_names = "".join(s.local_name or "" for s in public.listed)
    for start, script in scripts.items():
        assert any(start <= ch <= chr(ord(start) + 0x7F) for ch in local_names), script


def test_a_bad_entry_names_the_file_and_organisation_and_keeps_nothing(
    db: Database, tmp_path: Path
) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["organisations"][3]["country"] = "Ruritania"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SignappError) as raised:
        load_sample_campaign(db, broken)
    assert "broken.json" in raised.value.message
    assert "organisation 4" in raised.value.message and "Ruritania" in raised.value.message
    assert count_organisations(db) == 0
