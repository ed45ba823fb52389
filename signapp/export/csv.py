"""The public signatory list as CSV, for spreadsheets and web pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from signapp.core.errors import ValidationError
from signapp.core.signons import public_people, public_signatories
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
    "affiliation": "affiliation",
}
COLUMNS = tuple(COLUMN_HEADINGS)
# Always last: whether the row is an organisation or a person signing in their own name.
SIGNATORY_HEADING = "signatory"
HEADER = ("number", *COLUMN_HEADINGS.values(), SIGNATORY_HEADING)
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
    """Write one header row, then one row per organisation listed in the PDF, then one
    per person who signed in their own name.

    Same rules as the PDF: confirmed, public sign-ons covering the version, in
    collation order, organisations and people each numbered from 1 as in their own
    sections. UTF-8 with a byte order mark, so spreadsheets read every script. Each
    row has its number, then ``columns`` (of :data:`COLUMNS`) in that order, then
    ``organisation`` or ``person``.

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
    people = public_people(db, statement_id, version.number)
    english = Labels()
    check_cancel(cancel)
    with atomic_output(Path(out_path)) as output:
        stream = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
        writer = csv.writer(stream)
        writer.writerow(
            ["number", *(COLUMN_HEADINGS[column] for column in columns), SIGNATORY_HEADING]
        )
        for number, signatory in enumerate(public.listed, start=1):
            cells = {
                "name": signatory.printed_name,
                "local_name": signatory.local_name or "",
                "acronym": signatory.acronym or "",
                "country": english.country(signatory.country) if signatory.country else "",
                "kind": english.kind(signatory.kind),
                "affiliation": "",
            }
            row = [str(number), *(cells[column] for column in columns), "organisation"]
            writer.writerow([neutralise(cell) for cell in row])
        for number, person in enumerate(people.listed, start=1):
            cells = {
                "name": person.printed_name,
                "local_name": person.local_name or "",
                "acronym": "",
                "country": english.country(person.country) if person.country else "",
                "kind": "",
                "affiliation": person.affiliation or "",
            }
            row = [str(number), *(cells[column] for column in columns), "person"]
            writer.writerow([neutralise(cell) for cell in row])
        stream.flush()
        stream.detach()  # the bytes stay in ``output``, for atomic_output to write
        check_cancel(cancel)
    return ExportSummary(
        out_path=Path(out_path),
        version_number=public.version_number,
        listed=len(public.listed) + len(people.listed),
        anonymous=public.anonymous_count + people.anonymous_count,
        left_out_for_reconfirmation=(
            public.left_out_for_reconfirmation + people.left_out_for_reconfirmation
        ),
    )
