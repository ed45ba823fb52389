"""Property tests: the CSV reader, and every text path into the PDF and the CSV export.

Each input gives a correct result or one clear error (a SignappError), never another
exception and never a file that is half written or that says something else.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from signapp.core import organisations, signons, statements
from signapp.core.db import open_database
from signapp.core.errors import SignappError
from signapp.export.csv import export_statement_csv, neutralise
from signapp.export.pdf import export_statement_pdf
from signapp.importing.reading import read_table

# Text people paste: Latin with markup and formula characters, Khmer, Arabic, controls,
# right-to-left overrides, zero-width joiners, quotes and line breaks.
HOSTILE_PIECES = [
    "<b>",
    "</b>",
    "<font size=40>",
    "&amp;",
    "&",
    "<script>alert(1)</script>",
    '"',
    "'",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x07",
    "\u202e",
    "\u200b",
    "\u200d",
    "=SUM(A1)",
    "ក្រុម",
    "جمعية",
    "Ärzte",
    "*",
    "_",
    "[x](javascript:alert(1))",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=8)), max_size=12
).map("".join)
VISIBLE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<>&\"'/=;:.()-"
visible_name = st.text(alphabet=VISIBLE_ALPHABET, min_size=1, max_size=60).filter(str.strip)

cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',;"\n\t'),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(
    header=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15)
        .map(str.strip)
        .filter(bool),
        min_size=2,
        max_size=6,
        unique=True,
    ),
    data=st.data(),
)
def test_csv_written_by_a_spreadsheet_reads_back_the_same(header: list[str], data) -> None:
    # At least one row: a file with a header alone imports nothing, and which character
    # separates its titles can be ambiguous ("|,0|" is two titles or three).
    rows = data.draw(
        st.lists(
            st.lists(cell_text, min_size=len(header), max_size=len(header)), min_size=1, max_size=8
        )
    )
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "responses.csv"
        source.write_bytes(buffer.getvalue().encode("utf-8"))
        try:
            table = read_table(source)
        except SignappError as error:
            assert "responses.csv" in error.message
            return
    expected_rows = [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]
    assert list(table.header) == header
    assert [list(row.values) for row in table.rows] == expected_rows


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
@example(b"PK\x03\x04")  # the start of a workbook, named .csv
def test_any_bytes_give_a_table_or_one_clear_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("upload.csv", "upload.xlsx"):
            source = Path(folder) / name
            source.write_bytes(data)
            try:
                read_table(source)
            except SignappError as error:
                assert name in error.message


def _statement_with(db, title: str, text: str, name: str, local: str, acronym: str, printed: str):
    statement_id = statements.create_issued_statement(db, title, text)
    org_id = organisations.add_organisation(db, name, local_name=local, acronym=acronym)
    signons.record_signon(db, statement_id, org_id, printed_name=printed)
    hidden = organisations.add_organisation(db, "Hidden Partner " + name)
    signons.record_signon(db, statement_id, hidden, is_public=False)
    return statement_id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=hostile_text,
    text=hostile_text,
    name=hostile_text,
    local=hostile_text,
    acronym=hostile_text,
    printed=hostile_text,
)
def test_any_text_in_every_pdf_path_gives_a_pdf_or_one_clear_error(
    title: str, text: str, name: str, local: str, acronym: str, printed: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "signapp.sqlite")
        out = Path(folder) / "signed.pdf"
        try:
            statement_id = _statement_with(db, title, text, name, local, acronym, printed)
        except SignappError:
            db.close()
            return  # refused on entry, with a message naming the field
        try:
            summary = export_statement_pdf(db, statement_id, out)
        except SignappError:
            assert not out.exists()
            return
        finally:
            db.close()
        assert summary.listed == 1 and summary.anonymous == 1
        reader = PdfReader(out)
        assert len(reader.pages) >= 1
        extracted = "".join(page.extract_text() for page in reader.pages)
        assert "Hidden Partner" not in extracted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=visible_name, title=visible_name)
def test_markup_in_names_and_titles_is_printed_as_written(name: str, title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "signapp.sqlite")
        statement_id = _statement_with(db, title, "We agree.", name, "", "", "")
        out = Path(folder) / "signed.pdf"
        export_statement_pdf(db, statement_id, out)
        csv_out = Path(folder) / "list.csv"
        export_statement_csv(db, statement_id, csv_out)
        db.close()
        extracted = "".join("".join(page.extract_text() for page in PdfReader(out).pages).split())
        assert "".join(name.split()) in extracted
        assert "".join(title.split()) in extracted
        with csv_out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[1][1] == neutralise(name.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text, local=hostile_text, acronym=hostile_text)
def test_csv_export_keeps_every_name_as_text_and_one_row_each(
    name: str, local: str, acronym: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "signapp.sqlite")
        try:
            statement_id = _statement_with(db, "List", "We agree.", name, local, acronym, "")
        except SignappError:
            db.close()
            return
        stored = organisations.list_organisations(db, order_by="name")
        listed = next(row for row in stored if not row.name.startswith("Hidden Partner"))
        out = Path(folder) / "list.csv"
        export_statement_csv(db, statement_id, out)
        db.close()
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    assert len(rows) == 2
    assert rows[1][1] == neutralise(listed.name)
    assert rows[1][2] == neutralise(listed.local_name or "")
