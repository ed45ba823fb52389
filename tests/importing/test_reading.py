"""Reading form exports: encodings, delimiters, quoting, XLSX, and files that are no table."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from signapp.importing.reading import NotATable, list_sheets, read_table

HEADER = "Organisation,Country,Contact person"
ROWS = [
    ("Réseau des Femmes Élues", "Sénégal", "Aïssatou Diallo"),
    ("Asociación Campesina Ñuble", "Chile", "José Peña"),
]


def _csv_text(rows: list[tuple[str, ...]], header: str = HEADER, delimiter: str = ",") -> str:
    lines = [header.replace(",", delimiter)]
    lines += [delimiter.join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1"],
)
def test_latin_text_reads_back_in_every_common_encoding(tmp_path: Path, encoding: str) -> None:
    text = _csv_text(ROWS)
    path = tmp_path / "form.csv"
    if encoding == "utf-16-le-bom":
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    elif encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))

    table = read_table(path)

    assert table.header == ("Organisation", "Country", "Contact person")
    assert [row.values for row in table.rows] == ROWS


@pytest.mark.parametrize(
    ("encoding", "rows"),
    [
        ("cp1251", [("Союз защиты прав", "Россия", "Иван Петров")] * 3),
        ("cp874", [("เครือข่ายสตรีเพื่อสันติภาพ", "ไทย", "สมศรี ใจดี")] * 3),
        ("cp1250", [("Sdružení žen Česka", "Česko", "Věra Šťastná")] * 3),
        ("utf-16", [("សមាគមយុវជនខ្មែរ", "កម្ពុជា", "សុខ ដារ៉ា")] * 3),
    ],
)
def test_other_scripts_are_detected_in_windows_code_pages(
    tmp_path: Path, encoding: str, rows: list[tuple[str, ...]]
) -> None:
    path = tmp_path / "form.csv"
    path.write_bytes(_csv_text(rows).encode(encoding))

    assert [row.values for row in read_table(path).rows] == rows


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "form.csv"
    path.write_text(_csv_text(ROWS, delimiter=delimiter), encoding="utf-8")

    table = read_table(path)

    assert table.delimiter == delimiter
    assert table.rows[1].values == ROWS[1]


def test_quoted_fields_keep_commas_quotes_and_newlines_and_rows_are_numbered_as_records(
    tmp_path: Path,
) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        'Organisation,Comments\n"Peace, Land and Bread","line one\nline two"\n'
        '"The ""Open"" Collective",\n',
        encoding="utf-8",
    )

    table = read_table(path)

    assert table.rows[0].values == ("Peace, Land and Bread", "line one\nline two")
    assert table.rows[1].values == ('The "Open" Collective', "")
    assert [row.number for row in table.rows] == [2, 3]


def test_blank_rows_and_trailing_empty_columns_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "\n,,,\nOrganisation,Country,,\n\nGreen Valley Farmers,Kenya,,\n , , , \n"
        "Lake Shore Fishers,Uganda,,\n",
        encoding="utf-8",
    )

    table = read_table(path)

    assert table.header == ("Organisation", "Country")
    assert [(row.number, row.values) for row in table.rows] == [
        (5, ("Green Valley Farmers", "Kenya")),
        (7, ("Lake Shore Fishers", "Uganda")),
    ]


def test_a_header_cell_left_empty_gets_a_name_and_short_rows_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text("Organisation,,Country\nHill Tribe Council,note\nRiver Guild,,Laos\n")

    table = read_table(path)

    assert table.header == ("Organisation", "Column 2", "Country")
    assert table.rows[0].values == ("Hill Tribe Council", "note", "")


def _workbook(path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Responses"
    first.append(["Timestamp", "Organisation", "Members", None])
    first.append([datetime(2024, 3, 5, 10, 22, 33), "Coastal Women Union", 120, None])
    first.append([None, None, None, None])
    first.append([datetime(2024, 3, 6, 8, 0, 0), "សមាគមកសិករ", 45.0, None])
    second = workbook.create_sheet("Partners")
    second.append(["Organisation", "Country"])
    second.append(["Mountain Schools Trust", "Nepal"])
    workbook.save(path)


def test_xlsx_reads_the_first_sheet_with_dates_and_numbers_as_text(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    _workbook(path)

    table = read_table(path)

    assert table.sheet == "Responses"
    assert table.sheets == ("Responses", "Partners")
    assert table.header == ("Timestamp", "Organisation", "Members")
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ("2024-03-05 10:22:33", "Coastal Women Union", "120")),
        (4, ("2024-03-06 08:00:00", "សមាគមកសិករ", "45")),
    ]


def test_xlsx_reads_a_chosen_sheet_and_names_the_sheets_when_one_is_missing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "form.xlsx"
    _workbook(path)

    assert list_sheets(path) == ["Responses", "Partners"]
    assert read_table(path, sheet="Partners").rows[0].values == ("Mountain Schools Trust", "Nepal")
    with pytest.raises(NotATable, match="Responses, Partners"):
        read_table(path, sheet="Sheet9")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
        (bytes(range(256)) * 40, "not text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "xls"),
        (b",,,\r\n,,\r\n", "no rows"),
    ],
)
def test_a_file_that_is_not_a_table_gets_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "signatures.csv"
    path.write_bytes(content)

    with pytest.raises(NotATable, match=message) as raised:
        read_table(path)

    assert str(path) in raised.value.message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")

    with pytest.raises(NotATable, match="not a readable Excel workbook"):
        read_table(path)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotATable, match="cannot be read"):
        read_table(tmp_path / "nowhere.csv")
    with pytest.raises(NotATable, match="folder"):
        read_table(tmp_path)


def test_a_markdown_statement_gives_its_list_of_names(tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text(
        '---\ntitle: "Joint statement"\ntags:\n  - notice\n---\n\n'
        "**March 17, 2021**\n\n"
        "We, the undersigned organisations, call on every government in the region to "
        "stop the violence at once and to protect the people who speak out.\n\n"
        "# Signatories\n\n"
        "- Mekong River Guardians\n\n"
        "* Coastal Women Union (CWU)\n\n"
        "3. សមាគមកសិករ\n\n"
        "Hill Tribe Council\n",
        encoding="utf-8",
    )

    table = read_table(path)

    assert table.header == ("Organisation",)
    assert [(row.number, row.values[0]) for row in table.rows] == [
        (13, "Mekong River Guardians"),
        (15, "Coastal Women Union (CWU)"),
        (17, "សមាគមកសិករ"),
        (19, "Hill Tribe Council"),
    ]


def test_a_markdown_page_gives_every_signature_and_says_which_lines_it_left_out(
    tmp_path: Path,
) -> None:
    path = tmp_path / "letter.md"
    long_signature = (
        "Dr. Maria Fernanda Gómez Ríos, Associate Professor of Environmental Law and Policy, "
        "Universidad Nacional, Bogotá, Colombia (signing in a personal capacity)"
    )
    path.write_text(
        "---\nlayout: letter\n---\n"  # lines 1-3
        "{% include share-links.html %}\n\n"  # 4
        "_2021-03-23_\n\n"  # 6
        "We ask the board to reconsider. The decision harms the people who built this "
        "community over many years, and we will not stay silent about it.\n\n"  # 8
        "Signed,\n\n"  # 10
        "1. Jane Doe, Free Software Foundation Europe\n"  # 12
        f"1. {long_signature}\n"  # 13
        "1. <small>Kim Sokha</small> [Khmer Youth Association](https://kya.example.org)\n"
        "\n<small>\n\n"  # 16
        "[1]: https://example.org/source\n"  # 18
        '<div class="footer">\n</div>\n',  # 19-20
        encoding="utf-8",
    )

    table = read_table(path)

    assert [(row.number, row.values[0]) for row in table.rows] == [
        (12, "Jane Doe, Free Software Foundation Europe"),
        (13, long_signature),
        (14, "Kim Sokha Khmer Youth Association"),
    ]
    assert [run.describe() for run in table.skipped] == [
        "lines 1-3: front matter ('---')",
        "line 4: a template tag ('{% include share-links.html %}')",
        "line 6: a date ('_2021-03-23_')",
        "line 8: a sentence of the text ('We ask the board to reconsider. The decision harms the "
        "pe...')",
        "line 10: a word introducing the list ('Signed,')",
        "line 16: HTML ('<small>')",
        "line 18: a link definition ('[1]: https://example.org/source')",
        "lines 19-20: HTML ('<div class=\"footer\">')",
    ]


def test_a_text_file_without_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("**Dear friends**\n\n# Hello\n", encoding="utf-8")

    with pytest.raises(NotATable, match="no list of names"):
        read_table(path)


def test_a_title_line_above_the_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "Responses to the river statement\n"
        "Organisation,Country,Email\n"
        "River Guardians,Laos,noy@river.la\n"
        "Lake Shore Fishers,Uganda,\n",
        encoding="utf-8",
    )

    table = read_table(path)

    assert table.header == ("Organisation", "Country", "Email")
    assert [row.number for row in table.rows] == [3, 4]


def test_repeated_column_titles_are_told_apart_so_no_answer_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text("Name,Name,Country\nRiver Guardians,Noy,Laos\n", encoding="utf-8")

    table = read_table(path)

    assert table.header == ("Name", "Name (2)", "Country")
    assert table.as_dict(table.rows[0]) == {
        "Name": "River Guardians",
        "Name (2)": "Noy",
        "Country": "Laos",
    }


def test_a_utf8_file_cut_inside_its_last_character_keeps_every_whole_name(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cut.csv"
    text = "Organisation,Local name\nRiver Friends,មិត្តទន្លេ\nForest Guard,ព្រៃឈើ\n"
    source.write_bytes(text.encode("utf-8")[:-2])  # the line break and a byte of ឈើ
    table = read_table(source)
    assert [row.values for row in table.rows] == [
        ("River Friends", "មិត្តទន្លេ"),
        ("Forest Guard", "ព្រៃឈ"),
    ]


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Organisation", "Country"])
    workbook.active.append(["Lake Keepers", "Cambodia"])
    source = tmp_path / "export.csv"
    workbook.save(tmp_path / "export.xlsx")
    source.write_bytes((tmp_path / "export.xlsx").read_bytes())
    table = read_table(source)
    assert [row.values for row in table.rows] == [("Lake Keepers", "Cambodia")]


def test_a_sheet_named_for_a_csv_file_is_refused_not_ignored(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text("Organisation\nRiver Guardians\n", encoding="utf-8")

    with pytest.raises(NotATable, match="not an Excel workbook, so it has no sheet 'Answers'"):
        read_table(path, sheet="Answers")
    assert read_table(path).rows  # without a sheet it reads as before
