"""Reading form exports (CSV in any common encoding, XLSX) into a plain table.

A :class:`Table` keeps, for every data row, the row number the user sees in a
spreadsheet program (the header is row 1), so every message about a row can name it.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import stat
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from signapp.core.errors import SignappError
from signapp.importing.name_lists import SkippedLines, read_names
from signapp.importing.workbooks import WorkbookRefused, open_workbook, sheet_rows

log = logging.getLogger("signapp.importing")

LIST_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
LIST_HEADER = "Organisation"
CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
# A form export of 100,000 rows takes a few tens of MB; beyond these, memory would not
# stay within a few hundred MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 16_384  # as many as a spreadsheet program has
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
    data = read_file_bytes(source)
    if not data.strip():
        raise NotATable(f"{source} is empty: there is nothing to import")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(source, data, sheet)
    for signature, what in _NON_TABLE_SIGNATURES:
        if data.startswith(signature):
            raise NotATable(f"{source} is {what}, not a table (CSV or XLSX)")
    if sheet is not None:
        raise NotATable(
            f"{source} is not an Excel workbook, so it has no sheet {sheet!r}; "
            "leave the sheet out for a CSV file"
        )
    text, encoding = decode_text(data, source)
    del data  # the text is what is read from here on: one copy of the file, not two
    if source.suffix.lower() in LIST_SUFFIXES:
        return read_name_list(source, text, encoding)
    return _read_csv_text(source, text, encoding)


def read_file_bytes(source: Path) -> bytes:
    """The bytes of ``source``, refusing what is not a regular file of a sensible size.

    A device (``/dev/zero``) or a named pipe would be read until memory runs out, or
    forever; a file larger than :data:`MAX_FILE_BYTES` is no form export.
    """
    try:
        status = source.stat()
    except FileNotFoundError:
        raise NotATable(f"{source} cannot be read: No such file or directory") from None
    except OSError as error:
        raise NotATable(f"{source} cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise NotATable(f"{source} is a folder, not a file to import")
    if not stat.S_ISREG(status.st_mode):
        raise NotATable(
            f"{source} is not a regular file (a device or a pipe); save the export as a file "
            "and import that"
        )
    if status.st_size > MAX_FILE_BYTES:
        raise NotATable(
            f"{source} is {status.st_size / 1024 / 1024:,.0f} MB, more than a form export "
            f"({MAX_FILE_BYTES // 1024 // 1024} MB at most); split it into several files"
        )
    try:
        with source.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise NotATable(f"{source} cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise NotATable(f"{source} is larger than a form export; split it into several files")
    return data


def list_sheets(path: str | Path) -> list[str]:
    """The worksheet names of an XLSX file, in order; [] for a CSV file."""
    source = Path(path)
    data = read_file_bytes(source)
    if not data.startswith(b"PK\x03\x04"):
        return []
    workbook = _open_workbook(source, data)
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
    _check_width(source, text, CANDIDATE_DELIMITERS)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(text_lines(text), delimiter=delimiter)
    # Records, not lines, are numbered (a quoted field may hold a newline), as a
    # spreadsheet program numbers them when it opens the file.
    numbered: list[tuple[int, list[str]]] = []
    widths: Counter[int] = Counter()
    last_line = 0
    try:
        for number, record in enumerate(reader, start=1):
            if number <= _SNIFF_RECORDS and len(record) > 1:
                widths[len(record)] += 1
            if reader.line_num - last_line > 2 and widths:
                _check_unclosed_quote(source, record, last_line + 1, reader.line_num,
                                      delimiter, widths.most_common(1)[0][0])  # fmt: skip
            last_line = reader.line_num
            numbered.append((number, record))
            if number > MAX_ROWS:
                raise NotATable(_too_many_rows(source))
    except csv.Error as error:
        raise NotATable(
            f"{source} cannot be read as CSV (line {reader.line_num}): {error}"
        ) from None
    return _build_table(source, numbered, encoding=encoding, delimiter=delimiter)


def _check_width(source: Path, text: str, delimiters: Sequence[str]) -> None:
    """Refuse a line with more columns than a spreadsheet has: a line of commas alone
    would otherwise become millions of cells."""
    for number, line in enumerate(text_lines(text), start=1):
        if len(line) > MAX_COLUMNS and max(map(line.count, delimiters)) >= MAX_COLUMNS:
            raise NotATable(
                f"{source}: line {number} has more than {MAX_COLUMNS:,} columns, more than a "
                "spreadsheet holds; it is not a form export"
            )


# Lines inside one quoted cell that look like rows of their own: a stray quote.
_SWALLOWED_ROWS = 3


def _check_unclosed_quote(
    source: Path, record: list[str], first: int, last: int, delimiter: str, width: int
) -> None:
    """Refuse a record whose quoted cell runs over lines that look like rows.

    A quote opened and never closed makes every following line part of one cell,
    until the next quote: a thousand sign-ons become one 76,000-character "name".
    """
    needed = max(width - 1, 1)
    for cell in record:
        if cell.count("\n") < _SWALLOWED_ROWS:
            continue
        row_like = sum(1 for line in cell.split("\n")[1:] if line.count(delimiter) >= needed)
        if row_like >= _SWALLOWED_ROWS:
            raise NotATable(
                f"{source}: a quote opened on line {first} is not closed where its cell "
                f"ends, so lines {first}-{last} ({row_like} of them rows of their own) would "
                "become one cell; remove the stray quote (or close it) and import again"
            )


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their line ends, one at a time, as a file opened with
    ``newline=""`` gives them (without the four-byte-per-character copy of the whole
    text that ``io.StringIO`` makes)."""
    return (match.group() for match in _LINE.finditer(text))


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records into the most consistent columns."""
    sample_lines: list[str] = []
    for line in text_lines(text):
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


def _open_workbook(source: Path, data: bytes) -> Any:
    try:
        return open_workbook(source, data)
    except WorkbookRefused as error:
        raise NotATable(str(error)) from None


def _read_xlsx(source: Path, data: bytes, sheet: str | None) -> Table:
    workbook = _open_workbook(source, data)
    try:
        names = tuple(workbook.sheetnames)
        if not names:
            raise NotATable(f"{source} has no worksheets")
        chosen = names[0] if sheet is None else sheet
        if chosen not in names:
            raise NotATable(
                f"{source} has no sheet named {sheet!r}; its sheets are {', '.join(names)}"
            )
        try:
            records = _titled_columns(source, sheet_rows(source, workbook[chosen]))
        except WorkbookRefused as error:
            raise NotATable(str(error)) from None
    finally:
        workbook.close()
    return _build_table(source, records, sheet=chosen, sheets=names)


def _titled_columns(
    source: Path, rows: Iterator[tuple[int, list[str]]]
) -> list[tuple[int, list[str]]]:
    """The rows of a sheet up to the last column with a title in the header row.

    A stray note far to the right (column XFD) is not a column of the form; keeping it
    would make every row 16,384 cells wide.
    """
    head: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            head.append((number, cells))
            if len(head) >= _SNIFF_RECORDS:
                break
    if not head:
        return []
    header = [cell.strip() for cell in head[_header_position(_stripped(head))][1]]
    width = _filled_width(header)
    records = [(number, cells[:width]) for number, cells in head]
    for number, cells in rows:
        records.append((number, cells[:width]))
        if len(records) > MAX_ROWS:
            raise NotATable(_too_many_rows(source))
    return records


def _stripped(records: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    return [(number, [cell.strip() for cell in cells]) for number, cells in records]


def _too_many_rows(source: Path) -> str:
    return (
        f"{source} has more than {MAX_ROWS:,} rows, more than one import takes; split it "
        "into several files"
    )
