"""End to end on real data: the Grand Bargain signatories under the VOA Khmer/English text."""

from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.errors import ValidationError
from signapp.export.csv import export_statement_csv
from signapp.export.pdf import PdfOptions, export_statement_pdf
from tests.export.sample_data import embedded_fonts, pdf_text

pytestmark = pytest.mark.realdata

KINDS = {
    "International NGO": "international_ngo",
    "National NGO": "local_ngo",
    "Regional NGO": "network",
}


def _markdown_body(path: Path) -> str:
    """The post's text without its front matter and template tags."""
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    return re.sub(r"\{%.*?%\}", "", body, flags=re.DOTALL)


def _load(db: Database, folder: Path) -> tuple[int, list[str], list[str]]:
    voa = folder / "khmer-english-voa-sample"
    statement_id = statements.create_issued_statement(
        db, "Civil society in Cambodia", _markdown_body(next(voa.glob("*_en.md")))
    )
    statements.add_translation(db, statement_id, "km", _markdown_body(next(voa.glob("*_km.md"))))
    listing = folder / "grand-bargain-signatories" / "signatories.csv"
    rows = list(csv.DictReader(io.StringIO(listing.read_text(encoding="utf-8"), newline="")))
    chooser = random.Random(7)
    public: list[str] = []
    anonymous: list[str] = []
    for row in rows:
        reference = row["IATI organisation reference"]
        try:
            org_id = organisations.add_organisation(
                db,
                row["Publisher"],
                acronym=row["Registred Pub. ID"].upper() or None,
                kind=KINDS.get(row["Organisation type"], "other"),
                country=reference[:2] if reference[:2].isalpha() else None,
            )
        except ValidationError:  # XM, XI: no country
            org_id = organisations.add_organisation(db, row["Publisher"])
        is_public = chooser.random() > 0.1
        signons.record_signon(db, statement_id, org_id, is_public=is_public)
        name = organisations.get_organisation(db, org_id).name
        (public if is_public else anonymous).append(name)
    return statement_id, public, anonymous


def _flat(text: str) -> str:
    text = text.replace("-\n", "-")  # a name may wrap after a hyphen
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_grand_bargain_list_under_a_khmer_english_statement(
    db: Database, realdata: Path, tmp_path: Path
) -> None:
    statement_id, public, anonymous = _load(db, realdata)
    out = tmp_path / "grand-bargain.pdf"
    options = PdfOptions(languages=("km", "en"), group_by="country", columns=2)
    summary = export_statement_pdf(db, statement_id, out, options)
    assert summary.listed == len(public) and summary.anonymous == len(anonymous)
    assert summary.warnings == []  # every character had a font
    text = _flat(pdf_text(out))
    for name in public:
        assert text.count(_flat(name)) >= 1, name
    for name in anonymous:
        # another public name may contain an anonymous one ("Oxfam" in "Oxfam GB")
        assert text.count(_flat(name)) == sum(_flat(name) in _flat(p) for p in public), name
    total = len(public) + len(anonymous)
    assert (
        f"{total:,} organisations have signed: {len(public):,} named below and "
        f"{len(anonymous):,} that asked not to be named."
    ) in text
    assert "Center for Strategic and International Studies" in text
    fonts = embedded_fonts(out)
    assert any(name.startswith("NotoSansKhmer") for name in fonts)
    assert all(fonts.values())

    csv_out = tmp_path / "grand-bargain.csv"
    export_statement_csv(db, statement_id, csv_out)
    assert len(csv_out.read_text(encoding="utf-8-sig").splitlines()) == 1 + len(public)
