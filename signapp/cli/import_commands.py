"""The ``import`` command of the command line.

``signapp.cli`` calls :func:`register` with its sub-command parsers; the handler takes
the parsed arguments and the open database, like every other command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from signapp.core.errors import SignappError, ValidationError
from signapp.core.signons import closed_statement_note
from signapp.i18n import _
from signapp.importing.apply import import_file
from signapp.importing.signatory_kind import SignatoryKind

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def register(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``import FILE --statement ID [--dry-run] [--as people|organisations]
    [--sheet NAME] [--report-dir DIR] [--map COLUMN=FIELD ...]``."""
    command = commands.add_parser(
        "import",
        help=_("import sign-ons from a form export (CSV or XLSX)"),
        description=(
            _(
                "Import organisations, contacts and confirmed sign-ons from a form export. "
                "Exact duplicates are merged; likely duplicates are kept as separate "
                "organisations and listed in the report for review in the app."
            )
        ),
    )
    command.add_argument("file", help=_("CSV or XLSX file"))
    command.add_argument("--statement", type=int, required=True, help=_("statement id"))
    command.add_argument(
        "--dry-run",
        action="store_true",
        help=_(
            "print the report (columns read, merges, review pairs, rejected rows), write nothing"
        ),
    )
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_(
            "read COLUMN (its title or number) as FIELD (organisation, local_name, acronym, "
            "country, kind, website, contact_name, contact_role, email, phone, list_publicly, "
            "sign_anonymously, timestamp, comments, affiliation, signing_as); COLUMN= reads "
            "nothing from it; repeatable"
        ),
    )
    command.add_argument(
        "--as",
        dest="signing_as",
        choices=[kind.value for kind in SignatoryKind],
        help=_(
            "import every row as people signing in their own name, or as organisations "
            "(default: decided by the columns, a 'signing as' column, or a list's lines)"
        ),
    )
    command.add_argument("--sheet", help=_("XLSX worksheet (default: the first)"))
    command.add_argument(
        "--report-dir",
        type=Path,
        help=_("folder for the report and rejected rows (default: beside the file)"),
    )
    command.set_defaults(handler=handle_import)


def handle_import(args: argparse.Namespace, db: Database) -> int:
    """Run the import and print its one summary line (and where the report went)."""
    try:
        result = import_file(
            db,
            args.file,
            args.statement,
            dry_run=args.dry_run,
            report_folder=args.report_dir,
            sheet=args.sheet,
            mapping_overrides=args.map,
            signing_as=SignatoryKind(args.signing_as) if args.signing_as else None,
        )
    except ValidationError as error:
        if error.field != "mapping":
            raise
        raise SignappError(
            _('{problem}: name it with --map "COLUMN=organisation"').format(problem=error)
        ) from None
    print(result.summary_line())
    if result.dry_run and result.details:
        print()
        print(result.details.rstrip("\n"))
    note = closed_statement_note(db, args.statement)
    if note:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    if result.report_path is not None:
        print(_("report: {path}").format(path=result.report_path), file=sys.stderr)
    if result.rejected_path is not None:
        print(_("rejected rows: {path}").format(path=result.rejected_path), file=sys.stderr)
    return 0
