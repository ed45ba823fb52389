"""The ``export-pdf`` and ``export-csv`` commands, added to signapp's command line.

``register(commands)`` adds both subcommands to the parser's subcommand set; each sets
``handler`` to a function taking ``(args, db)`` and returning the exit code, like the
other commands of :mod:`signapp.cli`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from signapp.core.errors import ValidationError
from signapp.core.stale_translations import version_stale_translations
from signapp.export.public import GROUP_CHOICES, ExportSummary
from signapp.i18n import _


def _languages(value: str) -> tuple[str, ...]:
    languages = tuple(part.strip() for part in value.split(",") if part.strip())
    if not languages:
        raise argparse.ArgumentTypeError(_("give one or more language codes, e.g. km,en"))
    return languages


def register(commands: Any) -> None:
    """Add ``export-pdf`` and ``export-csv`` to ``commands`` (an argparse subparsers set)."""
    pdf = commands.add_parser("export-pdf", help=_("the signed statement as a PDF"))
    pdf.add_argument("--statement", type=int, required=True, help=_("statement id"))
    pdf.add_argument("--out", required=True, help=_("the PDF file to write"))
    pdf.add_argument("--version", type=int, help=_("version number (default: latest issued)"))
    pdf.add_argument(
        "--languages",
        type=_languages,
        default=("en",),
        help=_("texts to print, one after the other, e.g. km,en (default: en)"),
    )
    pdf.add_argument("--group-by", choices=GROUP_CHOICES, default="none")
    pdf.add_argument(
        "--columns",
        type=int,
        choices=(1, 2, 3),
        help=_("columns of the signatory list (default: chosen from the names' widths)"),
    )
    pdf.add_argument(
        "--native-numerals",
        action="store_true",
        help=_("write numbers in the language's own digits (Khmer ០១២) instead of 0-9"),
    )
    pdf.add_argument(
        "--personal-capacity",
        action="store_true",
        help=_("print “(in a personal capacity)” once under the heading of the people's list"),
    )
    pdf.add_argument("--author", default="", help=_("the PDF's author (your coalition's name)"))
    pdf.set_defaults(handler=run_export_pdf)

    csv = commands.add_parser("export-csv", help=_("the public signatory list as CSV"))
    csv.add_argument("--statement", type=int, required=True, help=_("statement id"))
    csv.add_argument("--out", required=True, help=_("the CSV file to write"))
    csv.add_argument("--version", type=int, help=_("version number (default: latest issued)"))
    csv.set_defaults(handler=run_export_csv)


def _print_summary(summary: ExportSummary) -> None:
    for line in summary.lines():
        stream = sys.stderr if line.startswith("warning:") else sys.stdout
        print(line, file=stream)


def _check_out(out: str, suffix: str) -> Path:
    path = Path(out)
    if path.is_dir():
        raise ValidationError(
            "--out",
            _("{out} is a folder; give a {suffix} file name").format(out=out, suffix=suffix),
        )
    return path


def run_export_pdf(args: argparse.Namespace, db: Database) -> int:
    """Write the PDF; print what was listed, counted and left out."""
    # ReportLab and the fonts load for this command only, not for every command.
    from signapp.export.pdf import PdfOptions, export_statement_pdf

    options = PdfOptions(
        version_number=args.version,
        languages=args.languages,
        group_by=args.group_by,
        columns=args.columns,
        author=args.author,
        native_numerals=args.native_numerals,
        personal_capacity=args.personal_capacity,
    )
    summary = export_statement_pdf(db, args.statement, _check_out(args.out, ".pdf"), options)
    _print_summary(summary)
    stale = version_stale_translations(db, args.statement, summary.version_number)
    if stale is not None and set(stale.unchanged) & {code.lower() for code in args.languages}:
        print(_("warning: {message}").format(message=stale.message()), file=sys.stderr)
    return 0


def run_export_csv(args: argparse.Namespace, db: Database) -> int:
    """Write the CSV; print what was listed, counted and left out."""
    from signapp.export.csv import export_statement_csv

    summary = export_statement_csv(
        db, args.statement, _check_out(args.out, ".csv"), version_number=args.version
    )
    _print_summary(summary)
    return 0
