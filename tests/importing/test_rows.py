"""Reading rows quickly gives exactly what the plain definitions give."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from signapp.core.errors import ValidationError
from signapp.core.text import fold_for_match
from signapp.core.validation import normalise_phone
from signapp.importing.mapping import guess_mapping
from signapp.importing.matching import name_key
from signapp.importing.reading import Table, TableRow
from signapp.importing.rows import (
    ImportRow,
    RejectedRow,
    RowNote,
    RowReader,
    fingerprint_order,
    row_fingerprint,
    tidy_values,
)
from signapp.importing.values import normalise_plain_phone


def _defined_fingerprint(header: list[str], values: tuple[str, ...]) -> str:
    """The fingerprint as documented: sorted ``title\\x1eanswer`` parts of non-blank answers."""
    parts = sorted(
        f"{fold_for_match(title)}\x1e{' '.join(value.split())}"
        for title, value in zip(header, values, strict=False)
        if value and not value.isspace()
    )
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


@pytest.mark.parametrize(
    "header",
    [
        ["Timestamp", "Email", "Email address", "Name", "Name (local)", "a\x01b", "a"],
        ["Email", "email", "E-mail", "Name", "NAME "],  # titles that fold alike
        ["Ｎａｍｅ", "Name", "Ärzte", "Arzte", "ชื่อ", "ឈ្មោះ"],
    ],
)
def test_row_fingerprints_are_the_sorted_digest_of_the_answers(header: list[str]) -> None:
    rng = random.Random(3)
    answers = ["", " ", "x", "Yes", "yes ", "b  c", "\tz", "ក្រុម", "ｚ", "a\x01"]
    folded = [fold_for_match(title) for title in header]
    order = fingerprint_order(folded)
    for _ in range(400):
        width = rng.choice([len(header), len(header) - 2, len(header) + 1])
        values = tuple(rng.choice(answers) for _ in range(width))
        tidied = tidy_values(values)
        assert row_fingerprint(folded, tidied, order) == _defined_fingerprint(header, values)
        assert row_fingerprint(folded, tidied) == _defined_fingerprint(header, values)


def test_the_raw_row_keeps_every_title_even_when_the_row_is_short() -> None:
    table = Table(Path("x.csv"), ("A", "B", "C"), ())
    assert table.as_dict(TableRow(2, ("1", "2", "3"))) == {"A": "1", "B": "2", "C": "3"}
    assert table.as_dict(TableRow(3, ("1",))) == {"A": "1", "B": "", "C": ""}


def _outcome(normalise: object, text: str, region: str | None) -> str | None:
    try:
        return normalise(text, region)  # type: ignore[operator]
    except ValidationError as error:
        return f"refused: {error.field}: {error.message}"


def _phone_texts() -> list[str]:
    import phonenumbers

    rng = random.Random(11)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    texts = [
        "+855 12 345 678",
        "+855 012 345 678",
        "+39 06 1234 5678",
        "+44 20 7946 0958",
        "+44 020 7946 0958",
        "+1 800-555-0100",
        "+7 495 123-45-67",
        "+800 1234 5678",
        "+0 12 345",
        "+999 123 456",
        "+1",
        "+12",
        "+855",
        "+855 1",
        "+855 12 345 678 901 234 567 890",
        "+855 12 345 678 ext 9",
        "012 345 678",
        "＋855 12 345 678",
        "+855 ១២ ៣៤៥ ៦៧៨",
    ]
    for _ in range(3000):
        code = str(rng.choice(codes)) if rng.random() < 0.9 else str(rng.randint(0, 999))
        digits = ("0" if rng.random() < 0.3 else "") + "".join(
            rng.choice("0123456789") for _ in range(rng.randint(0, 15))
        )
        text = list("+" + code + digits)
        for _ in range(rng.randint(0, 4)):
            text.insert(rng.randint(2, max(2, len(text) - 1)), rng.choice([" ", "-"]))
        texts.append("".join(text))
    return texts


@pytest.mark.parametrize("region", [None, "KH", "IT", "GB", "US"])
def test_the_fast_phone_reading_gives_what_normalise_phone_gives(region: str | None) -> None:
    for text in _phone_texts():
        assert _outcome(normalise_plain_phone, text, region) == _outcome(
            normalise_phone, text, region
        ), text


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("Youth Network ១២", "Youth Network 12"),  # Khmer digits
        ("Réseau des jeunes ١٢", "Reseau des jeunes 12"),  # Arabic-Indic digits
        ("เครือข่าย ๑๒", "เครือข่าย 12"),  # Thai digits
        ("Café Workers 12", "Cafe Workers 12"),
    ],
)
def test_numbers_written_in_other_scripts_are_the_same_numbers(written: str, same_as: str) -> None:
    assert name_key(written) == name_key(same_as)
    assert name_key(written) != name_key(same_as.replace("12", "45"))


@pytest.mark.parametrize(
    ("email", "kept"),
    [
        ("لا يوجد", None),  # "none"
        ("2011", None),
        ("x@@yahoo.fr", None),
        ("name@ hotmail.com", "name@hotmail.com"),  # a stray space is not part of it
    ],
)
def test_a_malformed_email_is_a_note_and_the_signon_is_kept(email: str, kept: str | None) -> None:
    table = _table(["Organisation", "Email", "Phone"], [["جمعية أمل", email, "لا يوجد"]])
    notes: list[RowNote] = []

    row = RowReader(table, guess_mapping(table.header)).read(table.rows[0], notes)

    assert isinstance(row, ImportRow)
    assert (row.name, row.email, row.phone) == ("جمعية أمل", kept, None)
    assert row.raw["Email"] == email  # the value as given stays in the evidence
    messages = [note.message for note in notes]
    assert (
        "phone 'لا يوجد' is not a phone number; left empty (kept in the row's evidence)" in messages
    )
    if kept is None:
        assert (
            f"email {email!r} is not an email address; left empty (kept in the row's "
            "evidence)" in messages
        )


def test_invisible_characters_at_the_ends_of_a_name_are_taken_off() -> None:
    table = _table(
        ["Organisation", "Local name"],
        [["\ufeffCoastal Fishers\u200b", "\u200fជំនួយ\u200b"], ["\u200b\ufeff\u2060", ""]],
    )
    reader = RowReader(table, guess_mapping(table.header))
    notes: list[RowNote] = []

    kept = reader.read(table.rows[0], notes)
    refused = reader.read(table.rows[1], notes)

    assert isinstance(kept, ImportRow)
    assert (kept.name, kept.local_name) == ("Coastal Fishers", "ជំនួយ")
    assert isinstance(refused, RejectedRow)
    assert "only of invisible characters" in refused.reason


def test_a_name_with_marks_stacked_on_a_letter_is_refused_with_its_row() -> None:
    table = _table(["Organisation"], [["Z" + "\u0301\u0300" * 10 + "algo Union"], ["Fine Union"]])
    reader = RowReader(table, guess_mapping(table.header))
    notes: list[RowNote] = []
    refused = reader.read(table.rows[0], notes)
    assert isinstance(refused, RejectedRow) and refused.number == 2
    assert "accents or marks on one letter" in refused.reason
    assert isinstance(reader.read(table.rows[1], notes), ImportRow)


def _table(header: list[str], rows: list[list[str]]) -> Table:
    return Table(
        source=Path("form.csv"),
        header=tuple(header),
        rows=tuple(TableRow(number, tuple(row)) for number, row in enumerate(rows, start=2)),
    )
