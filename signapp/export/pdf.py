"""The signed statement as a PDF: the entry point the CLI and the GUI call."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import LayoutError
from sqlite_utils import Database

from signapp.core.collector import cycle_collection_paused
from signapp.core.errors import SignappError, ValidationError
from signapp.core.model import PublicPeople, PublicSignatory, StatementVersion
from signapp.core.signons import public_people, public_signatories
from signapp.core.statements import get_statement, get_version
from signapp.core.text import fold_for_match, sort_key
from signapp.export.fonts import font_set
from signapp.export.labels import Labels, country_in, kind_in
from signapp.export.layout import (
    NAME_SIZES,
    ListedEntry,
    StatementDocument,
    name_width,
    write_statement_pdf,
)
from signapp.export.names import display_name
from signapp.export.public import (
    ExportSummary,
    atomic_output,
    check_cancel,
    check_group_by,
    check_issued,
)
from signapp.export.scripts import LATIN, script_of
from signapp.i18n import _

log = logging.getLogger("signapp.export")

COLUMN_CHOICES = (1, 2, 3)
# A column is wide enough when this share of the names fits on one line of it.
NAMES_ON_ONE_LINE = 0.9


@dataclass(frozen=True)
class PdfOptions:
    """What the coordinator chose for the PDF.

    Attributes:
        version_number: the version to print; None for the latest issued one.
        languages: language codes of the texts to print, one after the other; the
            exporter's own words (headings, counts, page numbers) are in these languages.
        group_by: ``none``, ``country`` or ``kind``.
        columns: how many columns the signatory list is set in (1 to 3); None chooses
            from the names' widths.
        author: the PDF's author metadata (the coalition's name, from settings).
        native_numerals: numbers written in the language's own digits (Khmer ០១២).
        personal_capacity: print "(in a personal capacity)" once under the people's
            heading.
    """

    version_number: int | None = None
    languages: Sequence[str] = ("en",)
    group_by: str = "none"
    columns: int | None = None
    author: str = ""
    native_numerals: bool = False
    personal_capacity: bool = False


@dataclass(frozen=True)
class _Signer:
    """An organisation or a person as the list orders and groups them."""

    name: str  # as printed
    country: str | None
    kind: str | None  # an organisation's; None for a person
    key: int  # its id: the last tie-breaker of the order
    affiliation: str | None = None


def format_date(issued_at: str | None, language: str = "en") -> str:
    """``19 July 2018`` for an ISO date or timestamp; the text itself if it is not one."""
    return Labels(language).date(issued_at)


def _check_options(options: PdfOptions, version: StatementVersion) -> list[str]:
    """Check the options against the version; returns the codes of its texts to print.

    A language is found whatever its case or separator (``pt_BR`` finds ``pt-br``).
    """
    check_issued(version)
    available = {code.lower(): code for code in version.texts}
    check_group_by(options.group_by)
    if options.columns is not None and options.columns not in COLUMN_CHOICES:
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
    advice = (
        _("shorten its printed name or print fewer columns")
        if columns > 1
        else _("shorten its printed name")
    )
    return SignappError(
        _(
            "{path}: the signatory name “{name}” ({count:,} characters) is too long to fit "
            "in one page column; {advice}. Nothing was written."
        ).format(path=out_path, name=shown, count=len(longest), advice=advice)
    )


def main_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in (``khmer``, ``latin``)."""
    counts = Counter(script_of(char) for char in text if char.isalpha())
    return counts.most_common(1)[0][0] if counts else None


def first_script(text: str) -> str | None:
    """The script of the first letter of ``text``: the one a reader sorts it by."""
    return next((script_of(char) for char in text if char.isalpha()), None)


def _printed_name(
    printed_name: str, local: str | None, acronym: str | None, own_script: str | None
) -> str:
    """The name as printed; in a one-language export in another script than Latin, an
    own-script name in that script comes first."""
    if own_script not in (None, LATIN) and local and main_script(local) == own_script:
        return display_name(local, printed_name, acronym)
    return display_name(printed_name, local, acronym)


def _organisations(signatories: Sequence[PublicSignatory], own_script: str | None) -> list[_Signer]:
    return [
        _Signer(
            _printed_name(item.printed_name, item.local_name, item.acronym, own_script),
            item.country,
            item.kind,
            item.organisation_id,
        )
        for item in signatories
    ]


def _people(people: PublicPeople, own_script: str | None) -> list[_Signer]:
    """People as printed: name (own-script name as organisations'), then affiliation;
    never a contact detail, which public_people does not even read."""
    return [
        _Signer(
            _printed_name(person.printed_name, person.local_name, None, own_script),
            person.country,
            None,
            person.person_id,
            person.affiliation.strip() if person.affiliation else None,
        )
        for person in people.listed
    ]


def _listed_entries(
    signers: list[_Signer], options: PdfOptions, languages: list[str], own_script: str | None
) -> list[ListedEntry]:
    """The names as printed, with their groups, in print order.

    One language printed: names sort by the name as printed, with that language's
    collation, names in its script first. Several: the store's order. Names printed
    alike (two "Hotline" in different countries) get their country, unless grouped by it.
    People are grouped by country only, never by kind.
    """
    labels = [Labels(language, options.native_numerals) for language in languages]
    names = [(signer.name, signer) for signer in signers]
    language = languages[0]
    # The store's order is the root collation of the printed names: Latin first, as an
    # English reader orders them; other languages and own-script names sort again.
    if len(languages) == 1 and (language.split("-")[0] != "en" or own_script != LATIN):
        names.sort(
            key=lambda item: (
                first_script(item[0]) != own_script,
                sort_key(item[0], language),
                item[1].key,
            )
        )
    if options.group_by != "country":
        # a person's affiliation already tells two namesakes apart
        folded = [fold_for_match(f"{name}\n{signer.affiliation or ''}") for name, signer in names]
        repeated = Counter(folded)
        names = [
            (
                f"{name} ({country_in(labels, signatory.country)})"
                if repeated[key] > 1 and signatory.country
                else name,
                signatory,
            )
            for (name, signatory), key in zip(names, folded, strict=True)
        ]
    entries = [
        ListedEntry(name, _group(signatory, options.group_by, labels), signatory.affiliation)
        for name, signatory in names
    ]
    if all(entry.group is None for entry in entries):
        return entries
    collation = languages[0] if len(languages) == 1 else None
    no_group = country_in(labels, None)
    keys = {group: sort_key(group, collation) for group in {entry.group for entry in entries}}
    return sorted(entries, key=lambda entry: (entry.group == no_group, keys[entry.group]))


def _group(signer: _Signer, group_by: str, labels: list[Labels]) -> str | None:
    if group_by == "country":
        return country_in(labels, signer.country)
    if group_by == "kind" and signer.kind is not None:
        return kind_in(labels, signer.kind)
    return None


def choose_columns(entries: Sequence[ListedEntry], font: str) -> int:
    """The most columns (up to 3) in which nine names in ten fit on one line."""
    if not entries:
        return 1
    widths = sorted(stringWidth(entry.text, font, NAME_SIZES[1]) for entry in entries)
    typical = widths[min(len(widths) - 1, int(len(widths) * NAMES_ON_ONE_LINE))]
    for columns in (3, 2):
        if typical * NAME_SIZES[columns] / NAME_SIZES[1] <= name_width(columns, len(entries), font):
            return columns
    return 1


def _without_repeated_title(markdown: str, title: str) -> str:
    """The text without its first heading when that heading is the title again."""
    lines = markdown.lstrip("\n").split("\n", 1)
    first = lines[0].strip()
    if (
        first.startswith("#")
        and " ".join(first.lstrip("#").split()).casefold() == " ".join(title.split()).casefold()
    ):
        return lines[1] if len(lines) > 1 else ""
    return markdown


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
    texts = [version.texts[language] for language in languages]
    own_script = main_script(texts[0]) if len(languages) == 1 else None
    labels = [Labels(language, options.native_numerals) for language in languages]
    first = labels[0]
    # The list's names stay alive, a few objects each, until the file is written.
    with cycle_collection_paused():
        public = public_signatories(db, statement_id, version.number)
        people = public_people(db, statement_id, version.number)
        check_cancel(cancel)
        entries = _listed_entries(
            _organisations(public.listed, own_script), options, languages, own_script
        )
        people_entries = _listed_entries(
            _people(people, own_script), options, languages, own_script
        )
        fonts = font_set()
        columns = options.columns or choose_columns(
            [*entries, *people_entries], fonts.font_name(LATIN) or "Helvetica"
        )
        document = StatementDocument(
            title=statement.title,
            date_text=first.date(version.issued_at),
            texts=[_without_repeated_title(texts[0], statement.title), *texts[1:]],
            entries=entries,
            anonymous_count=public.anonymous_count,
            columns=columns,
            author=options.author,
            subject=first.subject(
                version.number,
                version.issued_at,
                len(entries),
                public.anonymous_count,
                people=(len(people_entries), people.anonymous_count),
            ),
            version_text=first.version(version.number, version.issued_at),
            languages=languages,
            labels=labels,
            people=people_entries,
            people_anonymous=people.anonymous_count,
            personal_capacity=options.personal_capacity,
        )
        try:
            with atomic_output(Path(out_path)) as output:
                result = write_statement_pdf(
                    document, output, fonts, progress=progress, cancel=cancel
                )
        except LayoutError:
            raise _too_long_for_a_column(out_path, [*entries, *people_entries], columns) from None
    for warning in result.warnings:  # the caller shows them; the log keeps them too
        log.info("%s: %s", out_path, warning)
    return ExportSummary(
        out_path=Path(out_path),
        version_number=version.number,
        listed=len(entries) + len(people_entries),
        anonymous=public.anonymous_count + people.anonymous_count,
        left_out_for_reconfirmation=(
            public.left_out_for_reconfirmation + people.left_out_for_reconfirmation
        ),
        pages=result.pages,
        warnings=result.warnings,
        columns=columns,
    )
