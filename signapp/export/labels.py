"""The words an export adds to the statement, in the language of the text they follow.

Headings, count sentences, group headings, "continued", page numbers, the version line
and dates come from the ``signapp`` message catalogue (:func:`signapp.i18n.translations`)
for the document's language, whatever language the interface speaks; plural forms follow
the catalogue's rules, country names and dates CLDR's (Babel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from icu import Locale as IcuLocale
from icu import NumberingSystem

from signapp.core.model import OrgKind
from signapp.core.validation import country_name
from signapp.i18n import N_, SOURCE_LANGUAGE, translations

NUMERALS_CHOICES = ("western", "native")
# CLDR's English short names that are not how people write them in a statement
# ("Congo - Kinshasa", "Palestinian Territories"); ISO's are worse ("Palestine, State of").
_ENGLISH_COUNTRY_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macao",
    "MM": "Myanmar",
    "PS": "Palestine",
}
# English dates in a statement read day, month, year ("8 March 2026").
_DATE_LOCALES = {"en": "en_GB"}
NO_COUNTRY = N_("Country not given")


@cache
def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE)


@cache
def native_digits(language: str) -> str:
    """The ten digits the language writes natively ("០១២…" for Khmer), from ICU."""
    system = NumberingSystem.createInstance(IcuLocale(f"{language}@numbers=native"))
    digits = str(system.getDescription())
    return digits if len(digits) == 10 and not system.isAlgorithmic() else "0123456789"


@dataclass(frozen=True)
class Labels:
    """The labels of one language; ``native_numerals`` writes its own digits."""

    language: str = SOURCE_LANGUAGE
    native_numerals: bool = False

    def _(self, message: str) -> str:
        return translations(self.language).gettext(message)

    def digits(self, text: str) -> str:
        """``text`` with its digits in the chosen numerals."""
        if not self.native_numerals:
            return text
        return text.translate(str.maketrans("0123456789", native_digits(self.language)))

    def number(self, value: int) -> str:
        """``4,776`` as the language groups thousands, in the chosen numerals."""
        return self.digits(format_decimal(value, locale=_babel_locale(self.language)))

    def heading(self) -> str:
        return translations(self.language).gettext("Signatories")

    def count_sentence(self, listed: int, anonymous: int) -> str:
        """One sentence: how many signed, how many of them are named below."""
        messages = translations(self.language)
        total = listed + anonymous
        if not total:
            return messages.gettext("No organisation has signed yet.")
        if not anonymous:
            text = messages.ngettext(
                "{count} organisation has signed.", "{count} organisations have signed.", total
            )
        elif not listed:
            text = messages.ngettext(
                "{count} organisation has signed and asked not to be named.",
                "{count} organisations have signed and asked not to be named.",
                total,
            )
        else:
            text = messages.ngettext(
                "{count} organisation has signed: {listed} named below and {anonymous} that "
                "asked not to be named.",
                "{count} organisations have signed: {listed} named below and {anonymous} that "
                "asked not to be named.",
                total,
            )
        return self._counted(text, listed, anonymous)

    def organisations_heading(self) -> str:
        """The organisations' heading when people are listed in a section of their own."""
        return translations(self.language).gettext("Organisations")

    def people_heading(self) -> str:
        return translations(self.language).gettext("Individuals")

    def personal_capacity(self) -> str:
        return translations(self.language).gettext("(in a personal capacity)")

    def people_count_sentence(self, listed: int, anonymous: int) -> str:
        """One sentence: how many people signed, how many of them are named below."""
        messages = translations(self.language)
        total = listed + anonymous
        if not anonymous:
            text = messages.ngettext(
                "{count} person has signed.", "{count} people have signed.", total
            )
        elif not listed:
            text = messages.ngettext(
                "{count} person has signed and asked not to be named.",
                "{count} people have signed and asked not to be named.",
                total,
            )
        else:
            text = messages.ngettext(
                "{count} person has signed: {listed} named below and {anonymous} who asked "
                "not to be named.",
                "{count} people have signed: {listed} named below and {anonymous} who asked "
                "not to be named.",
                total,
            )
        return self._counted(text, listed, anonymous)

    def _counted(self, sentence: str, listed: int, anonymous: int) -> str:
        return sentence.format(
            count=self.number(listed + anonymous),
            listed=self.number(listed),
            anonymous=self.number(anonymous),
        )

    def group_heading(self, group: str, count: int) -> str:
        return (
            translations(self.language)
            .gettext("{group} ({count})")
            .format(group=group, count=self.number(count))
        )

    def continued(self, group: str) -> str:
        return translations(self.language).gettext("{group} (continued)").format(group=group)

    def page(self, page: int, pages: int) -> str:
        return (
            translations(self.language)
            .gettext("page {page} of {pages}")
            .format(page=self.number(page), pages=self.number(pages))
        )

    def date(self, issued_at: str | None) -> str:
        """The date of an ISO timestamp as the language writes it; the text if not one."""
        if not issued_at:
            return ""
        try:
            moment = datetime.fromisoformat(issued_at)
        except ValueError:
            return issued_at
        locale = _babel_locale(_DATE_LOCALES.get(self.language, self.language))
        return self.digits(format_date(moment.date(), format="long", locale=locale))

    def version(self, number: int, issued_at: str | None) -> str:
        """``version 2 of 8 March 2026``: which text this is, for the footer and metadata."""
        messages = translations(self.language)
        if not issued_at:
            return messages.gettext("version {number}").format(number=self.number(number))
        return messages.gettext("version {number} of {date}").format(
            number=self.number(number), date=self.date(issued_at)
        )

    def subject(
        self,
        number: int,
        issued_at: str | None,
        listed: int,
        anonymous: int,
        people: tuple[int, int] = (0, 0),
    ) -> str:
        """The PDF's subject: the same version line and count sentences as the page.

        ``people`` (listed, anonymous) adds the people's sentence when any signed; the
        organisations' sentence is left out when only people signed, as on the page.
        """
        messages = translations(self.language)
        sentences = []
        if listed or anonymous or not any(people):
            sentences.append(self.count_sentence(listed, anonymous))
        if any(people):
            sentences.append(self.people_count_sentence(*people))
        return messages.gettext("Joint statement, {version}. {count}").format(
            version=self.version(number, issued_at), count=" ".join(sentences)
        )

    def country(self, code: str | None) -> str:
        """The country's name in the language (CLDR), as people write it in English."""
        if not code:
            return translations(self.language).gettext(NO_COUNTRY)
        code = code.upper()
        if self.language.split("-")[0].split("_")[0] == "en":
            if code in _ENGLISH_COUNTRY_NAMES:
                return _ENGLISH_COUNTRY_NAMES[code]
            name = _babel_locale("en").territories.get(code)
            return name.replace(" & ", " and ") if name else country_name(code)
        return _babel_locale(self.language).territories.get(code) or Labels().country(code)

    def kind(self, kind: OrgKind | str) -> str:
        try:
            label = OrgKind(kind).source_label
        except ValueError:
            return str(kind)
        return translations(self.language).gettext(label)


def joined(labels: Sequence[Labels], text: Callable[[Labels], str]) -> str:
    """One label in every printed language, the same text only once (``a / b``)."""
    seen: list[str] = []
    for entry in labels:
        value = text(entry)
        if value not in seen:
            seen.append(value)
    return " / ".join(seen)


def country_in(labels: Sequence[Labels], code: str | None) -> str:
    """A country's name in every printed language."""
    return joined(labels, lambda entry: entry.country(code))


def kind_in(labels: Sequence[Labels], kind: OrgKind | str) -> str:
    """A kind of organisation in every printed language."""
    return joined(labels, lambda entry: entry.kind(kind))
