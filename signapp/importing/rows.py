"""Reading one row of a table through a column mapping: cleaned values, or a rejection.

Every value is read as the form gave it and cleaned (spaces, email, phone, country,
listing answer, timestamp); what cannot be understood is noted for the report, and a
row that cannot be imported at all is rejected with the reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from signapp.core.errors import ValidationError
from signapp.core.model import OrgKind
from signapp.core.text import fold_for_match
from signapp.core.validation import normalise_website, printable_name_problem
from signapp.i18n import _
from signapp.importing.countries import resolve_country
from signapp.importing.mapping import ColumnMapping, Field
from signapp.importing.matching import MatchRecord, split_acronym
from signapp.importing.people_matching import PersonRecord
from signapp.importing.reading import Table, TableRow
from signapp.importing.signatory_kind import SignatoryKind, read_signing_as, split_person
from signapp.importing.values import (
    BLANK_ANSWERS,
    day_comes_first,
    is_garbled,
    is_unreadable,
    normalise_plain_email,
    normalise_plain_phone,
    read_kind,
    read_timestamp,
    read_yes_no,
    same_text,
    strip_invisible_ends,
)

_EMAIL_SEPARATORS = re.compile(r"[;,\s/]+")
# Fewer digits than this is not a number someone could call ("2011", "none").
_FEWEST_PHONE_DIGITS = 6


@dataclass(frozen=True)
class ImportRow:
    """One importable row, read and cleaned; ``raw`` keeps it exactly as it came."""

    number: int
    name: str
    local_name: str | None
    acronym: str | None
    country: str | None
    kind: OrgKind | None
    website: str | None
    contact_name: str | None
    contact_role: str | None
    email: str | None
    phone: str | None
    is_public: bool
    received_at: str | None
    comments: str | None
    raw: dict[str, str]
    fingerprint: str
    is_person: bool = False
    affiliation: str | None = None

    def match_record(self) -> MatchRecord:
        return MatchRecord(
            name=self.name,
            local_name=self.local_name,
            acronym=self.acronym,
            country=self.country,
            emails=frozenset({self.email}) if self.email else frozenset(),
            website=self.website,
            phones=frozenset({self.phone}) if self.phone else frozenset(),
        )

    def person_record(self) -> PersonRecord:
        return PersonRecord(
            self.name, self.local_name, self.affiliation, self.country, self.email, self.website
        )


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be imported, and why (both go to the report and its CSV)."""

    number: int
    reason: str
    raw: dict[str, str]


@dataclass(frozen=True)
class RowNote:
    """Something the coordinator should know about an imported row."""

    number: int
    message: str


def tidy_values(values: Sequence[str]) -> list[str]:
    """Each cell with its runs of spaces made one space and its ends trimmed."""
    return [" ".join(value.split()) if value else "" for value in values]


def fingerprint_order(folded_header: Sequence[str]) -> list[int] | None:
    """The order in which :func:`row_fingerprint` puts the columns of every row.

    The parts of a fingerprint are sorted as ``title + "\x1e" + answer``; a folded title
    holds no ``\x1e`` (folding makes it a space), so distinct titles alone decide the
    order. Returns None when two titles fold alike: then their answers decide it.
    """
    if len(set(folded_header)) < len(folded_header):
        return None
    return sorted(range(len(folded_header)), key=lambda index: folded_header[index] + "\x1e")


def row_fingerprint(
    folded_header: Sequence[str], tidied: Sequence[str], order: Sequence[int] | None = None
) -> str:
    """A stable digest of a row's non-empty answers, keyed by column title.

    ``folded_header`` is the header passed through ``fold_for_match`` (once per file),
    ``tidied`` the row's cells through :func:`tidy_values`, ``order`` the header's
    :func:`fingerprint_order`. Blank answers are left out, so a later export that adds a
    question still gives the same fingerprint for the rows exported before.
    """
    if order is None:
        parts = sorted(
            f"{title}\x1e{value}"
            for title, value in zip(folded_header, tidied, strict=False)
            if value
        )
    else:
        width = len(tidied)
        parts = [
            f"{folded_header[index]}\x1e{tidied[index]}"
            for index in order
            if index < width and tidied[index]
        ]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


Answers = dict[Field, str]


def _readable_email(text: str) -> str | None:
    """The address ``text`` gives, or None; stray spaces ("name@ hotmail.com") are
    taken out first, as no address holds one."""
    try:
        return normalise_plain_email(text)
    except ValidationError:
        pass
    joined = "".join(text.split())
    if joined == text:
        return None
    try:
        return normalise_plain_email(joined)
    except ValidationError:
        return None


class RowReader:
    """Turns table rows into :class:`ImportRow` or :class:`RejectedRow`."""

    def __init__(
        self,
        table: Table,
        mapping: ColumnMapping,
        kind: SignatoryKind = SignatoryKind.ORGANISATION,
        *,
        kind_chosen: bool = False,
    ) -> None:
        """``kind`` is what a row is when nothing on it says otherwise; ``kind_chosen``
        (the coordinator's ``--as``) makes it what every row is."""
        self.table = table
        self.mapping = mapping
        self.kind = kind
        self.signing_as = None if kind_chosen else mapping.column(Field.SIGNING_AS)
        # A form of people and organisations with one name column (read as a person's
        # name): an organisation's row gives its name there.
        self.name_field = (
            Field.CONTACT_NAME
            if mapping.column(Field.ORGANISATION) is None
            and mapping.column(Field.CONTACT_NAME) is not None
            else Field.ORGANISATION
        )
        self.mapped = tuple(mapping.columns.items())
        self.mapped_columns = frozenset(mapping.columns.values())
        self.folded_header = [fold_for_match(title) for title in table.header]
        self.fingerprint_order = fingerprint_order(self.folded_header)
        column = mapping.column(Field.TIMESTAMP)
        self.day_first = (
            day_comes_first(row.get(column) for row in table.rows) if column is not None else False
        )

    def evidence(self, row: TableRow) -> dict[str, str]:
        """The row as it came, kept with its sign-on: the columns read, and every other
        cell that holds something (not the empty columns of a wide export)."""
        header = self.table.header
        return {
            header[index]: value
            for index, value in enumerate(row.values)
            if value or index in self.mapped_columns
        }

    def answers(self, tidied: Sequence[str]) -> Answers:
        """The answer in each mapped field's column; "" for none or "N/A"."""
        width = len(tidied)
        found: Answers = {}
        for field_, column in self.mapped:
            value = tidied[column] if column < width else ""
            found[field_] = "" if len(value) < 16 and value.casefold() in BLANK_ANSWERS else value
        return found

    def read(self, row: TableRow, notes: list[RowNote]) -> ImportRow | RejectedRow:
        raw = self.evidence(row)
        tidied = tidy_values(row.values)
        answers = self.answers(tidied)
        if self.row_kind(answers) is SignatoryKind.PERSON:
            return self._read_person(row, raw, tidied, answers, notes)
        answer = answers.get
        given_name, given_local_name = answer(self.name_field, ""), answer(Field.LOCAL_NAME, "")
        name = strip_invisible_ends(given_name)
        local_name = strip_invisible_ends(given_local_name) or None
        if not name and not local_name:
            # Nothing left once the invisible ends are off: say so, not "no name".
            for label, given in (
                ("name", given_name),
                ("name in local language", given_local_name),
            ):
                problem = printable_name_problem(given) if given else None
                if problem is not None:
                    return RejectedRow(row.number, f"the organisation {label} {problem}", raw)
        if not name or is_unreadable(name):
            if local_name and not is_unreadable(local_name):
                name, local_name = local_name, None
            elif name:
                return RejectedRow(
                    row.number,
                    f"the organisation name {name!r} is unreadable: the file was saved in a "
                    "code page without its script; export it again as UTF-8",
                    raw,
                )
            else:
                return RejectedRow(row.number, "no organisation name", raw)
        for label, value in (("name", name), ("name in local language", local_name)):
            # A plain ASCII name, trimmed and printable, always has something to show.
            needs_check = value is not None and not (value.isascii() and value.isprintable())
            problem = printable_name_problem(value) if value and needs_check else None
            if problem is not None:
                return RejectedRow(row.number, f"the organisation {label} {problem}", raw)
        for label, value in (("name", name), ("name in local language", local_name)):
            if value and is_garbled(value):
                notes.append(
                    RowNote(
                        row.number,
                        f"{label} {value!r} looks garbled (a file saved in another "
                        "encoding?); imported as it is, check it",
                    )
                )
        bare_name, bracketed = split_acronym(name)
        acronym = answer(Field.ACRONYM) or None
        if bracketed and bare_name and (acronym is None or same_text(acronym, bracketed)):
            name, acronym = bare_name, bracketed
        email, other_emails = self._email(row.number, answers, notes)
        country = self._country(row.number, answers, notes)
        contact_name = None if self.name_field is Field.CONTACT_NAME else answer(Field.CONTACT_NAME)
        contact_name = contact_name or None
        if contact_name is None and email is not None:
            contact_name = email
        comments = [answer(Field.COMMENTS, "")]
        if other_emails:
            comments.append("other email addresses given: " + ", ".join(other_emails))
        kind = answer(Field.KIND)
        return ImportRow(
            number=row.number,
            name=name,
            local_name=local_name,
            acronym=acronym,
            country=country,
            kind=read_kind(kind) if kind else None,
            contact_name=contact_name,
            contact_role=answer(Field.CONTACT_ROLE) or None,
            **self._details(row.number, answers, tidied, email, country, notes),
            comments="\n".join(part for part in comments if part) or None,
            raw=raw,
        )

    def _details(
        self,
        number: int,
        answers: Answers,
        tidied: Sequence[str],
        email: str | None,
        country: str | None,
        notes: list[RowNote],
    ) -> dict[str, Any]:
        """The fields an organisation's row and a person's read alike."""
        return {
            "website": self._website(number, answers, notes),
            "email": email,
            "phone": self._phone(number, answers, country, notes),
            "is_public": self._listing(number, answers, notes),
            "received_at": self._timestamp(number, answers, notes),
            "fingerprint": row_fingerprint(self.folded_header, tidied, self.fingerprint_order),
        }

    def row_kind(self, answers: Answers) -> SignatoryKind:
        """The row's own "signing as" answer, else the file's kind."""
        if self.signing_as is not None:
            said = read_signing_as(answers.get(Field.SIGNING_AS, ""))
            if said is not None:
                return said
        return self.kind

    def _read_person(
        self,
        row: TableRow,
        raw: dict[str, str],
        tidied: Sequence[str],
        answers: Answers,
        notes: list[RowNote],
    ) -> ImportRow | RejectedRow:
        """A person signing in their own name: the name from the person-name column
        (or the only name column, with the affiliation written after it), the
        affiliation from its own column or from the position and organisation given."""
        answer = answers.get
        own_name = answer(Field.CONTACT_NAME, "")
        organisation = answer(Field.ORGANISATION, "")
        affiliation = answer(Field.AFFILIATION) or None
        if own_name:
            given = own_name
            name = strip_invisible_ends(own_name)
            parts = (answer(Field.CONTACT_ROLE, ""), organisation)
            written = ", ".join(part for part in parts if part) or None
        else:
            given = organisation
            name, written = split_person(strip_invisible_ends(organisation))
            role = answer(Field.CONTACT_ROLE, "")
            if role:
                written = ", ".join(part for part in (role, written) if part)
        affiliation = affiliation or written
        local_name = strip_invisible_ends(answer(Field.LOCAL_NAME, "")) or None
        if not name and local_name:
            name, local_name = local_name, None
        if not name:
            problem = printable_name_problem(given) if given else None
            reason = (
                _("the person's name {problem}").format(problem=problem)
                if problem
                else _("no name of the person")
            )
            return RejectedRow(row.number, reason, raw)
        for value in (name, local_name):
            problem = printable_name_problem(value) if value else None
            if problem is not None:
                return RejectedRow(
                    row.number, _("the person's name {problem}").format(problem=problem), raw
                )
        link = answer(Field.WEBSITE, "")
        if link[:7].casefold() == "mailto:":
            # A person's "link" is often their address: an email, not a web page.
            answers = {**answers, Field.WEBSITE: ""}
            answers[Field.EMAIL] = answers.get(Field.EMAIL) or link[7:].partition("?")[0]
        email, other_emails = self._email(row.number, answers, notes)
        country = self._country(row.number, answers, notes)
        comments = [answer(Field.COMMENTS, "")]
        if other_emails:
            comments.append("other email addresses given: " + ", ".join(other_emails))
        return ImportRow(
            number=row.number,
            name=name,
            local_name=local_name,
            acronym=None,
            country=country,
            kind=None,
            contact_name=None,
            contact_role=None,
            **self._details(row.number, answers, tidied, email, country, notes),
            comments="\n".join(part for part in comments if part) or None,
            raw=raw,
            is_person=True,
            affiliation=affiliation,
        )

    def _email(
        self, number: int, answers: Answers, notes: list[RowNote]
    ) -> tuple[str | None, list[str]]:
        """The first good address, the other good ones; a malformed one is a note, not
        a reason to lose the sign-on (it stays in the row's evidence)."""
        text = answers.get(Field.EMAIL, "")
        if not text:
            return None, []
        parts = _EMAIL_SEPARATORS.split(text) if text.count("@") > 1 else [text]
        valid: list[str] = []
        for part in parts:
            if not part:
                continue
            address = _readable_email(part)
            if address is None:
                notes.append(
                    RowNote(
                        number,
                        f"email {part!r} is not an email address; left empty (kept in the "
                        "row's evidence)",
                    )
                )
            elif address not in valid:
                valid.append(address)
        return (valid[0] if valid else None), valid[1:]

    def _country(self, number: int, answers: Answers, notes: list[RowNote]) -> str | None:
        text = answers.get(Field.COUNTRY, "")
        if not text:
            return None
        code = resolve_country(text)
        if code is None:
            notes.append(RowNote(number, f"country {text!r} not recognised; left empty"))
        return code

    def _website(self, number: int, answers: Answers, notes: list[RowNote]) -> str | None:
        text = answers.get(Field.WEBSITE, "")
        try:
            return normalise_website(text) if text else None
        except ValidationError:
            notes.append(RowNote(number, f"website {text!r} is not a web address; left out"))
            return None

    def _phone(
        self, number: int, answers: Answers, country: str | None, notes: list[RowNote]
    ) -> str | None:
        text = answers.get(Field.PHONE, "")
        if not text:
            return None
        try:
            return normalise_plain_phone(text, country)
        except ValidationError:
            if sum(char.isdigit() for char in text) >= _FEWEST_PHONE_DIGITS:
                notes.append(RowNote(number, f"phone {text!r} kept as written (not checkable)"))
                return text
            notes.append(
                RowNote(
                    number,
                    f"phone {text!r} is not a phone number; left empty (kept in the row's "
                    "evidence)",
                )
            )
            return None

    def _listing(self, number: int, answers: Answers, notes: list[RowNote]) -> bool:
        for field_, public_when_yes in (
            (Field.LIST_PUBLICLY, True),
            (Field.SIGN_ANONYMOUSLY, False),
        ):
            if self.mapping.column(field_) is None:
                continue
            answer = answers.get(field_, "")
            yes = read_yes_no(answer) if answer else None
            if yes is None:
                notes.append(
                    RowNote(
                        number,
                        f"listing answer {answer!r} not understood; the sign-on is "
                        "recorded as anonymous (not named)",
                    )
                )
                return False
            return yes if public_when_yes else not yes
        return True

    def _timestamp(self, number: int, answers: Answers, notes: list[RowNote]) -> str | None:
        text = answers.get(Field.TIMESTAMP, "")
        if not text:
            return None
        parsed = read_timestamp(text, day_first=self.day_first)
        if parsed is None:
            notes.append(RowNote(number, f"timestamp {text!r} not understood; left empty"))
        return parsed
