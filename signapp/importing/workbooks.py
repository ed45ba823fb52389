"""Reading an XLSX workbook within bounds, whatever the file holds.

A workbook is a ZIP archive of XML files; what it says about itself (its dimensions, its
sizes) can be false. So the archive's uncompressed sizes are checked before anything is
parsed (a zip bomb is refused in a moment), the sheet is streamed row by row (openpyxl's
read-only mode) with its declared dimensions ignored, cells right of the last titled
column are not kept, and a cell longer than a CSV field may be is refused. XML entity
tricks are refused by defusedxml, which openpyxl uses when it is installed.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from signapp.core.errors import SignappError

log = logging.getLogger("signapp.importing")

# The longest cell a CSV file may hold with Python's csv module (its field size limit).
MAX_CELL_CHARACTERS = 131_072
# Uncompressed sizes: a form export of 100,000 rows is far below these.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_SHARED_TEXT_BYTES = 64 * 1024 * 1024  # loaded whole by openpyxl, unlike the sheet
MAX_ARCHIVE_BYTES = 320 * 1024 * 1024


class WorkbookRefused(SignappError):
    """The workbook cannot be read safely or sensibly; nothing was imported."""


def check_archive(source: Path, data: bytes) -> None:
    """Refuse an archive that would unpack to more than a form export ever holds.

    Raises:
        WorkbookRefused: naming the part and its size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            _check_declarations(source, archive, parts)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return  # not an archive after all (or an encrypted one): opening it says so
    total = 0
    for part in parts:
        total += part.file_size
        limit = (
            MAX_SHARED_TEXT_BYTES
            if part.filename.endswith("sharedStrings.xml")
            else (MAX_PART_BYTES)
        )
        if part.file_size > limit:
            raise WorkbookRefused(
                f"{source} is refused: its part {part.filename} unpacks to "
                f"{_megabytes(part.file_size)}, more than a form export holds "
                f"({_megabytes(limit)} at most); save the sheet again as CSV"
            )
    if total > MAX_ARCHIVE_BYTES:
        raise WorkbookRefused(
            f"{source} is refused: it unpacks to {_megabytes(total)}, more than a form "
            f"export holds ({_megabytes(MAX_ARCHIVE_BYTES)} at most)"
        )


# How much of each XML part is searched for a document type declaration: it can only
# come before the first element, after the XML declaration and comments.
_PROLOG_BYTES = 64 * 1024
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def _check_declarations(
    source: Path, archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]
) -> None:
    """Refuse XML with a document type: entities are how XML is made to expand a
    thousandfold or to read other files, and no spreadsheet program writes them.
    (openpyxl parses some parts with lxml, which expands internal entities.)"""
    for part in parts:
        if not part.filename.endswith((".xml", ".rels", ".vml")) or part.file_size == 0:
            continue
        with archive.open(part) as stream:
            prolog = stream.read(_PROLOG_BYTES)
        if any(marker in prolog for marker in _DECLARATIONS):
            raise _hostile(source, ValueError(f"document type in {part.filename}"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def open_workbook(source: Path, data: bytes) -> Any:
    """The workbook in ``data`` opened read-only (streamed), after :func:`check_archive`.

    Raises:
        WorkbookRefused: the archive is too big, or its XML is hostile or broken.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(source, data)
    try:
        # From the bytes, not the path: openpyxl refuses a workbook whose name does not
        # end in .xlsx, and a form export saved as ".csv" can still be a workbook.
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            ParseError) as error:  # fmt: skip
        raise _unreadable(
            source, error, "is a ZIP archive but not a readable Excel workbook (.xlsx)"
        ) from None


def _unreadable(source: Path, error: BaseException, what: str) -> WorkbookRefused:
    """The refusal of a workbook openpyxl could not read: hostile XML, or ``what``."""
    if _from_entities(error):
        return _hostile(source, error)
    log.debug("%s %s: %r", source, what, error)
    return WorkbookRefused(
        f"{source} {what}; open it in its spreadsheet program and save it again as .xlsx or CSV"
    )


def _from_entities(error: BaseException) -> bool:
    """Whether ``error`` comes from defusedxml refusing entities (openpyxl wraps it)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _hostile(source: Path, error: BaseException) -> WorkbookRefused:
    log.info("%s: refused XML: %r", source, error)
    return WorkbookRefused(
        f"{source} is refused: its XML declares entities (a way to make a file expand or "
        "read other files), which no spreadsheet program writes; save it again as .xlsx "
        "or CSV"
    )


def sheet_rows(source: Path, worksheet: Any) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of each row of a read-only worksheet, streamed.

    The dimensions the file declares are ignored (one far cell would otherwise make
    every row that wide); each row ends at its last cell.

    Raises:
        WorkbookRefused: a cell is longer than :data:`MAX_CELL_CHARACTERS`, or the XML
            is hostile or broken.
    """
    worksheet.reset_dimensions()
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if not values:
                continue
            cells = [cell_text(value) for value in values]
            for column, cell in enumerate(cells):
                if len(cell) > MAX_CELL_CHARACTERS:
                    raise WorkbookRefused(
                        f"{source}: the cell in row {number}, column {column + 1} holds "
                        f"{len(cell):,} characters, more than a cell may "
                        f"({MAX_CELL_CHARACTERS:,}); nothing was imported"
                    )
            yield number, cells
    except (ParseError, zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise _unreadable(
            source, error, f"has a sheet that cannot be read ({type(error).__name__})"
        ) from None


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would read in it."""
    from datetime import date, datetime, time

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
