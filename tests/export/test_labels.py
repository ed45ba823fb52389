"""The exporter's own words in the language of the text: counts, plurals, countries,
dates, numerals; and the list in the order a reader of that language expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.export.labels import Labels, native_digits
from signapp.export.pdf import PdfOptions, export_statement_pdf
from tests.export.sample_data import SampleStatement, pdf_text

KHMER = Labels("km")
ENGLISH = Labels("en")


def test_the_count_is_one_sentence_with_the_right_plurals() -> None:
    assert ENGLISH.count_sentence(73, 5) == (
        "78 organisations have signed: 73 named below and 5 that asked not to be named."
    )
    assert ENGLISH.count_sentence(1, 0) == "1 organisation has signed."
    assert ENGLISH.count_sentence(1200, 0) == "1,200 organisations have signed."
    assert ENGLISH.count_sentence(0, 1) == ("1 organisation has signed and asked not to be named.")
    assert ENGLISH.count_sentence(0, 0) == "No organisation has signed yet."
    assert KHMER.count_sentence(73, 5) == (
        "អង្គការចំនួន 78 បានចុះហត្ថលេខា៖ 73 មានឈ្មោះខាងក្រោម និង 5 បានស្នើសុំមិនឱ្យបង្ហាញឈ្មោះ។"
    )


def test_labels_follow_the_language_not_the_interface() -> None:
    assert KHMER.heading() == "អ្នកចុះហត្ថលេខា"
    assert KHMER.page(3, 12) == "ទំព័រ 3 នៃ 12"
    assert KHMER.continued("កម្ពុជា") == "កម្ពុជា (បន្ត)"
    assert ENGLISH.continued("Cambodia") == "Cambodia (continued)"
    assert KHMER.kind("trade_union") == "សហជីព"
    assert "ធ្នូ" in KHMER.date("2026-12-05T10:00:00+00:00")
    assert ENGLISH.date("2018-07-19") == "19 July 2018"
    assert ENGLISH.version(2, "2018-07-19") == "version 2 of 19 July 2018"
    # a language without a catalogue speaks the source strings, with its own CLDR data
    assert Labels("fr").heading() == "Signatories"
    assert Labels("fr").country("DE") == "Allemagne"


def test_khmer_numerals_are_an_option() -> None:
    assert native_digits("km") == "០១២៣៤៥៦៧៨៩"
    native = Labels("km", native_numerals=True)
    assert native.page(3, 12) == "ទំព័រ ៣ នៃ ១២"
    assert native.number(4776) == "៤,៧៧៦"
    assert "២០២៦" in native.date("2026-12-05")


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("CD", "Democratic Republic of the Congo"),
        ("PS", "Palestine"),
        ("KR", "South Korea"),
        ("VN", "Vietnam"),
        ("TT", "Trinidad and Tobago"),
        ("MM", "Myanmar"),
    ],
)
def test_country_names_print_as_people_write_them(code: str, name: str) -> None:
    assert ENGLISH.country(code) == name


def test_country_names_are_localised() -> None:
    assert KHMER.country("KH") == "កម្ពុជា"
    assert KHMER.country("TH") == "ថៃ"
    assert KHMER.country(None) == "មិនបានបញ្ជាក់ប្រទេស"


def test_a_khmer_export_speaks_khmer(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "km.pdf"
    options = PdfOptions(languages=("km",), group_by="country", native_numerals=True)
    summary = export_statement_pdf(sample.db, sample.statement_id, out, options)
    text = pdf_text(out)
    for english in ("Signatories", "organisations", "page ", "December", "continued", "Cambodia ("):
        assert english not in text
    assert "ទំព័រ" in text and "កម្ពុជា" in text
    assert "១." in text and "\n1. " not in text  # the list is numbered in Khmer digits
    subject = PdfReader(out).metadata.subject  # type: ignore[union-attr]
    assert subject.startswith("សេចក្តីថ្លែងការណ៍រួម កំណែទី ១")
    assert f"អង្គការចំនួន {Labels('km', True).number(summary.listed + 2)}" in subject


def _names_in_order(db: Database, statement_id: int, out: Path, language: str) -> str:
    export_statement_pdf(db, statement_id, out, PdfOptions(languages=(language,)))
    return " ".join(pdf_text(out).split())


def test_one_language_sorts_by_the_names_as_printed_in_it(db: Database, tmp_path: Path) -> None:
    statement_id = statements.create_issued_statement(db, "Land", "# Land\n\nText.")
    statements.add_translation(db, statement_id, "km", "# ដីធ្លី\n\nអត្ថបទ។")
    names = [
        ("Anlong Veng Farmers", "កសិករអន្លង់"),
        ("Zebra Network", None),
        ("Youth Forum", "សហគមន៍យុវជន"),
        ("Bridge Union", None),
    ]
    for name, local in names:
        org_id = organisations.add_organisation(db, name, local_name=local, country="KH")
        signons.record_signon(db, statement_id, org_id)
    khmer = _names_in_order(db, statement_id, tmp_path / "km.pdf", "km")
    # own-script names first and in Khmer order (ក before ស), then the others
    assert khmer.index("កសិករអន្លង់ – Anlong Veng") < khmer.index("សហគមន៍យុវជន – Youth")
    assert khmer.index("សហគមន៍យុវជន") < khmer.index("Bridge Union") < khmer.index("Zebra")
    english = _names_in_order(db, statement_id, tmp_path / "en.pdf", "en")
    assert english.index("Anlong Veng Farmers – កសិករ") < english.index("Bridge Union")
    assert english.index("Bridge Union") < english.index("Youth Forum") < english.index("Zebra")


def test_names_printed_alike_get_their_country(db: Database, tmp_path: Path) -> None:
    statement_id = statements.create_issued_statement(db, "Hotlines", "Text.")
    for country in ("KH", "TH", "PS"):
        org_id = organisations.add_organisation(db, "Hotline", country=country)
        signons.record_signon(db, statement_id, org_id)
    org_id = organisations.add_organisation(db, "Only One", country="KH")
    signons.record_signon(db, statement_id, org_id)
    text = _names_in_order(db, statement_id, tmp_path / "h.pdf", "en")
    for country in ("Cambodia", "Thailand", "Palestine"):
        assert f"Hotline ({country})" in text
    assert "Only One (" not in text
    grouped = tmp_path / "g.pdf"
    options = PdfOptions(group_by="country")
    export_statement_pdf(db, statement_id, grouped, options)
    assert "Hotline (" not in pdf_text(grouped)  # the heading already says where
