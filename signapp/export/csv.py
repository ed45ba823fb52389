"""The public signatory list as CSV, for spreadsheets and web pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from signapp.core.errors import ValidationError
from signapp.core.signons import public_signatories
from signapp.core.statements import get_statement, get_version
from signapp.export.labels import Labels
from signapp.export.public import (
    ExportSummary,
    atomic_output,
    check_cancel,
    check_issued,
)
from signapp.i18n import _

# The columns a list may have (the Preferences' "Columns"), each with its heading.
COLUMN_HEADINGS = {
    "name": "name",
    "local_name": "own_script_name",
    "acronym": "acronym",
    "country": "country",
    "kind": "kind",
}
COLUMNS = tuple(COLUMN_HEADINGS)
HEADER = ("number", *COLUMN_HEADINGS.values())
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running the cell: a leading ``'`` makes it plain text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def export_statement_csv(
    db: Database,
    statement_id: int,
    out_path: Path,
    version_number: int | None = None,
    cancel: Callable[[], bool] | None = None,
    columns: Sequence[str] = COLUMNS,
) -> ExportSummary:
    """Write one header row, then one row per organisation listed in the PDF.

    Same rules as the PDF: confirmed, public sign-ons covering the version, in
    collation order. UTF-8 with a byte order mark, so spreadsheets read every script.
    Each row has its number, then ``columns`` (of :data:`COLUMNS`) in that order.

    Raises:
        ValidationError: no column, or one that is not one of :data:`COLUMNS`.
    """
    unknown = [column for column in columns if column not in COLUMN_HEADINGS]
    if unknown or not columns:
        raise ValidationError(
            "columns",
            _("choose columns among {columns} (not {unknown})").format(
                columns=", ".join(COLUMNS), unknown=", ".join(unknown)
            ),
        )
    get_statement(db, statement_id)
    version = check_issued(get_version(db, statement_id, version_number))
    public = public_signatories(db, statement_id, version.number)
    english = Labels()
    check_cancel(cancel)
    with atomic_output(Path(out_path)) as output:
        stream = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
        writer = csv.writer(stream)
        writer.writerow(["number", *(COLUMN_HEADINGS[column] for column in columns)])
        for number, signatory in enumerate(public.listed, start=1):
            cells = {
                "name": signatory.printed_name,
                "local_name": signatory.local_name or "",
                "acronym": signatory.acronym or "",
                "country": english.country(signatory.country) if signatory.country else "",
                "kind": english.kind(signatory.kind),
            }
            row = [str(number), *(cells[column] for column in columns)]
            writer.writerow([neutralise(cell) for cell in row])
        stream.flush()
        stream.detach()  # the bytes stay in ``output``, for atomic_output to write
        check_cancel(cancel)
    return ExportSummary(
        out_path=Path(out_path),
        version_number=public.version_number,
        listed=len(public.listed),
        anonymous=public.anonymous_count,
        left_out_for_reconfirmation=public.left_out_for_reconfirmation,
    )
