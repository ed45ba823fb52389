"""Reading form exports (CSV in any common encoding, XLSX) into a plain table.

A :class:`Table` keeps, for every data row, the row number the user sees in a
spreadsheet program (the header is row 1), so every message about a row can name it.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

from charset_normalizer import from_bytes

from signapp.core.errors import SignappError
from signapp.importing.name_lists import SkippedLines, read_names

log = logging.getLogger("signapp.importing")

LIST_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
LIST_HEADER = "Organisation"
CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
_PREFERRED_CODE_PAGES = {"cp1252": 0, "cp1251": 1, "cp1250": 2, "cp874": 3, "cp1256": 4}
_SNIFF_RECORDS = 50
# Magic numbers of files people rename by mistake; none of them is a table.
_NON_TABLE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old-format (.xls/.doc) Office file; save it as .xlsx or CSV"),
)


class NotATable(SignappError):
    """The file cannot be read as a table; nothing was imported."""


@dataclass(frozen=True)
class TableRow:
    """One data row: the row number shown in a spreadsheet, and its cells as text."""

    number: int
    values: tuple[str, ...]

    def get(self, column: int) -> str:
        """The cell in ``column``, or "" when the row is shorter."""
        return self.values[column] if column < len(self.values) else ""


@dataclass(frozen=True)
class Table:
    """A header and the non-blank rows below it.

    Attributes:
        source: the file it was read from.
        header: column titles; empty titles are named "Column N".
        rows: the data rows, each padded or cut to the header's width.
        encoding: the text encoding detected (None for XLSX).
        delimiter: the CSV delimiter detected (None for XLSX).
        sheet: the worksheet read (None for CSV).
    """

    source: Path
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = field(default_factory=tuple)
    skipped: tuple[SkippedLines, ...] = field(default_factory=tuple)

    def as_dict(self, row: TableRow) -> dict[str, str]:
        """The row keyed by header title (the raw evidence kept with a sign-on)."""
        if len(row.values) == len(self.header):
            return dict(zip(self.header, row.values, strict=True))
        return {title: row.get(index) for index, title in enumerate(self.header)}


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file into a :class:`Table`.

    Args:
        path: the file.
        sheet: for XLSX, the worksheet to read; the first one when None. Given for
            a file that is not a workbook, it is refused rather than ignored.

    Raises:
        NotATable: the file is missing, empty, binary, or holds no header row.
    """
    source = Path(path)
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise NotATable(f"{source} is a folder, not a file to import") from None
    except OSError as error:
        raise NotATable(f"{source} cannot be read: {error.strerror or error}") from None
    if not data.strip():
        raise NotATable(f"{source} is empty: there is nothing to import")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(source, sheet)
    for signature, what in _NON_TABLE_SIGNATURES:
        if data.startswith(signature):
            raise NotATable(f"{source} is {what}, not a table (CSV or XLSX)")
    if sheet is not None:
        raise NotATable(
            f"{source} is not an Excel workbook, so it has no sheet {sheet!r}; "
            "leave the sheet out for a CSV file"
        )
    text, encoding = decode_text(data, source)
    if source.suffix.lower() in LIST_SUFFIXES:
        return read_name_list(source, text, encoding)
    return _read_csv_text(source, text, encoding)


def list_sheets(path: str | Path) -> list[str]:
    """The worksheet names of an XLSX file, in order; [] for a CSV file."""
    source = Path(path)
    try:
        with source.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return []
    except OSError as error:
        raise NotATable(f"{source} cannot be read ({error.strerror})") from None
    workbook = _open_workbook(source)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def decode_text(data: bytes, source: Path) -> tuple[str, str]:
    """Decode file bytes, trusting a byte order mark, then UTF-8, then detection.

    Returns:
        The text and the name of the encoding used.

    Raises:
        NotATable: the bytes are not text in any encoding we can recognise.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
                # A file cut off inside its last character: the rest is good UTF-8;
                # read as a code page, every other non-ASCII letter would be garbled.
                return data[: error.start].decode("utf-8"), "utf-8"
    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Short answers often decode equally well in several code pages; among equals,
        # take the one most forms are saved in.
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = min(tied, key=lambda m: _PREFERRED_CODE_PAGES.get(m.encoding, 99))
    if best is None:
        raise NotATable(f"{source} is not text: it looks like a binary file, not a table")
    text = str(best)
    if _looks_binary(text):
        raise NotATable(f"{source} is not text: it looks like a binary file, not a table")
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f")
    return controls > max(1, len(sample) // 100)


def read_name_list(source: Path, text: str, encoding: str) -> Table:
    """A list of names, one per line (a text file, or a statement in Markdown).

    A one-column table whose row numbers are line numbers, for the user to check in the
    mapping step; the lines not taken are in ``skipped``, each with the reason.
    """
    names = read_names(text)
    if not names.names:
        raise NotATable(f"{source} holds no list of names (one per line)")
    records = [(0, [LIST_HEADER]), *((number, [name]) for number, name in names.names)]
    return replace(_build_table(source, records, encoding=encoding), skipped=names.skipped)


def _read_csv_text(source: Path, text: str, encoding: str) -> Table:
    if _looks_binary(text):
        raise NotATable(f"{source} is not text: it looks like a binary file, not a table")
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise NotATable(f"{source} cannot be read as CSV: {error}") from None
    # Records, not lines, are numbered (a quoted field may hold a newline), as a
    # spreadsheet program numbers them when it opens the file.
    numbered = list(enumerate(records, start=1))
    return _build_table(source, numbered, encoding=encoding, delimiter=delimiter)


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records into the most consistent columns."""
    sample_lines: list[str] = []
    for line in io.StringIO(text, newline=""):
        if line.strip():
            sample_lines.append(line)
        if len(sample_lines) >= _SNIFF_RECORDS:
            break
    sample = "".join(sample_lines)
    best, best_score = ",", (0.0, 0)
    for delimiter in CANDIDATE_DELIMITERS:
        try:
            widths = [
                len(record)
                for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                if any(cell.strip() for cell in record)
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(widths), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _build_table(
    source: Path,
    records: list[tuple[int, list[str]]],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
) -> Table:
    filled: list[tuple[int, list[str]]] = []
    for number, record in records:
        cells = [cell.strip() for cell in record]
        if any(cells):
            filled.append((number, cells))
    if not filled:
        raise NotATable(f"{source} holds no rows: there is nothing to import")
    first = _header_position(filled)
    header_cells = filled[first][1]
    width = max(_filled_width(cells) for _, cells in filled[first:])
    header = _unique_titles(
        [
            (header_cells[index] if index < len(header_cells) else "") or f"Column {index + 1}"
            for index in range(width)
        ]
    )
    rows = tuple(
        TableRow(number, tuple(cells if len(cells) == width else (cells + [""] * width)[:width]))
        for number, cells in filled[first + 1 :]
    )
    return Table(
        source=source,
        header=header,
        rows=rows,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        sheets=sheets,
    )


def _filled_width(cells: list[str]) -> int:
    """How many cells there are up to the last one filled in."""
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


def _header_position(filled: list[tuple[int, list[str]]]) -> int:
    """Where the header is: the first row that fills at least half the usual width.

    Some exports start with a title line ("Responses, March 2024") above the header.
    """
    sample = filled[:_SNIFF_RECORDS]
    counts = [sum(1 for cell in cells if cell) for _, cells in sample]
    usual = max(counts)
    return next(i for i, count in enumerate(counts) if 2 * count >= usual)


def _unique_titles(titles: list[str]) -> tuple[str, ...]:
    """Titles as given, with "(2)", "(3)"... added where a title repeats."""
    seen: dict[str, int] = {}
    unique = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        unique.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return tuple(unique)


def _open_workbook(source: Path):  # type: ignore[no-untyped-def]  # openpyxl is untyped
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # From the bytes, not the path: openpyxl refuses a workbook whose name does not
        # end in .xlsx, and a form export saved as ".csv" can still be a workbook.
        return openpyxl.load_workbook(
            io.BytesIO(source.read_bytes()), read_only=True, data_only=True
        )
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        log.debug("%s does not open as a workbook: %s", source, error)
        raise NotATable(
            f"{source} is a ZIP archive but not a readable Excel workbook (.xlsx); open it "
            "in its spreadsheet program and save it again as .xlsx or CSV"
        ) from None


def _read_xlsx(source: Path, sheet: str | None) -> Table:
    workbook = _open_workbook(source)
    try:
        names = tuple(workbook.sheetnames)
        if not names:
            raise NotATable(f"{source} has no worksheets")
        chosen = names[0] if sheet is None else sheet
        if chosen not in names:
            raise NotATable(
                f"{source} has no sheet named {sheet!r}; its sheets are {', '.join(names)}"
            )
        records = [
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(workbook[chosen].iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return _build_table(source, records, sheet=chosen, sheets=names)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
