"""The signed statement as a PDF: the entry point the CLI and the GUI call."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError
from sqlite_utils import Database

from signapp.core.collector import cycle_collection_paused
from signapp.core.errors import SignappError, ValidationError
from signapp.core.model import StatementVersion
from signapp.core.signons import public_signatories
from signapp.core.statements import get_statement, get_version
from signapp.export.fonts import font_set
from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf
from signapp.export.names import display_name
from signapp.export.public import (
    ExportSummary,
    atomic_output,
    check_cancel,
    check_group_by,
    check_issued,
    grouped,
)
from signapp.i18n import _

log = logging.getLogger("signapp.export")

COLUMN_CHOICES = (1, 2, 3)


@dataclass(frozen=True)
class PdfOptions:
    """What the coordinator chose for the PDF.

    Attributes:
        version_number: the version to print; None for the latest issued one.
        languages: language codes of the texts to print, one after the other.
        group_by: ``none``, ``country`` or ``kind``.
        columns: how many columns the signatory list is set in (1 to 3).
        author: the PDF's author metadata (the coalition's name, from settings).
    """

    version_number: int | None = None
    languages: Sequence[str] = ("en",)
    group_by: str = "none"
    columns: int = 1
    author: str = ""


def format_date(issued_at: str | None) -> str:
    """``19 July 2018`` for an ISO date or timestamp; the text itself if it is not one."""
    if not issued_at:
        return ""
    try:
        moment = datetime.fromisoformat(issued_at)
    except ValueError:
        return issued_at
    return f"{moment.day} {moment:%B %Y}"


def _check_options(options: PdfOptions, version: StatementVersion) -> list[str]:
    """Check the options against the version; returns the codes of its texts to print.

    A language is found whatever its case or separator (``pt_BR`` finds ``pt-br``).
    """
    check_issued(version)
    available = {code.lower(): code for code in version.texts}
    check_group_by(options.group_by)
    if options.columns not in COLUMN_CHOICES:
        raise ValidationError(
            "columns", _("{columns} is not 1, 2 or 3").format(columns=options.columns)
        )
    if not options.languages:
        raise ValidationError("languages", _("choose at least one language"))
    found = []
    for language in options.languages:
        code = available.get(language.strip().lower().replace("_", "-"))
        if code is None:
            have = ", ".join(sorted(available.values())) or "none"
            raise ValidationError(
                "languages",
                _("version {number} has no text in {language!r} (it has: {have})").format(
                    number=version.number, language=language, have=have
                ),
            )
        found.append(code)
    return found


def _too_long_for_a_column(
    out_path: Path, entries: Sequence[ListedEntry], columns: int
) -> SignappError:
    """The clear refusal when a name cannot fit in one page column, naming it."""
    longest = max((entry.text for entry in entries), key=len, default="")
    shown = longest if len(longest) <= 60 else longest[:57] + "…"
    advice = "shorten its printed name" + (" or print fewer columns" if columns > 1 else "")
    return SignappError(
        f"{out_path}: the signatory name “{shown}” ({len(longest):,} characters) is too "
        f"long to fit in one page column; {advice}. Nothing was written."
    )


def export_statement_pdf(
    db: Database,
    statement_id: int,
    out_path: Path,
    options: PdfOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportSummary:
    """Write the statement, its count lines and its public signatory list to a PDF.

    Only confirmed, public sign-ons that cover the version are named; anonymous ones
    are only counted; contacts are never read. The file appears at ``out_path`` only
    when complete (built under a temporary name, then renamed), so a failed or
    cancelled export leaves any earlier file as it was.

    ``progress(done, total)`` is called as the list is prepared and laid out (each
    listed name counts twice, so ``total`` is twice the names); ``cancel()`` is
    asked at the same moments.

    Raises:
        NotFound: no such statement or version.
        ValidationError: an option is not acceptable (names the option).
        Cancelled: ``cancel`` returned True; nothing was written.
    """
    options = options or PdfOptions()
    statement = get_statement(db, statement_id)
    version = get_version(db, statement_id, options.version_number)
    languages = _check_options(options, version)
    # The list's names stay alive, a few objects each, until the file is written.
    with cycle_collection_paused():
        public = public_signatories(db, statement_id, version.number)
        check_cancel(cancel)
        entries = [
            ListedEntry(
                display_name(signatory.printed_name, signatory.local_name, signatory.acronym), group
            )
            for group, signatory in grouped(public, options.group_by)
        ]
        document = StatementDocument(
            title=statement.title,
            date_text=format_date(version.issued_at),
            texts=[version.texts[language] for language in languages],
            entries=entries,
            anonymous_count=public.anonymous_count,
            columns=options.columns,
            author=options.author,
            subject=f"Joint statement, version {version.number}, "
            f"signed by {len(entries) + public.anonymous_count} organisations",
        )
        try:
            with atomic_output(Path(out_path)) as output:
                result = write_statement_pdf(
                    document, output, font_set(), progress=progress, cancel=cancel
                )
        except LayoutError:
            raise _too_long_for_a_column(out_path, entries, options.columns) from None
    for warning in result.warnings:  # the caller shows them; the log keeps them too
        log.info("%s: %s", out_path, warning)
    return ExportSummary(
        out_path=Path(out_path),
        version_number=version.number,
        listed=len(entries),
        anonymous=public.anonymous_count,
        left_out_for_reconfirmation=public.left_out_for_reconfirmation,
        pages=result.pages,
        warnings=result.warnings,
    )
