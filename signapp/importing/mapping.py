"""Which column of a form export holds which field.

Headers are recognised from the titles forms usually give their questions, in English,
French, Spanish, Portuguese and Khmer. The user confirms or changes the guess; the
confirmed mapping is remembered per statement by header title (not by position, since a
later export of the same form may add or move columns).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from signapp.core.errors import SignappError
from signapp.core.text import fold_for_match
from signapp.i18n import N_, _
from signapp.importing.values import read_yes_no


class Field(StrEnum):
    """The things an import can read from a column."""

    ORGANISATION = "organisation"
    LOCAL_NAME = "local_name"
    ACRONYM = "acronym"
    COUNTRY = "country"
    KIND = "kind"
    WEBSITE = "website"
    CONTACT_NAME = "contact_name"
    CONTACT_ROLE = "contact_role"
    EMAIL = "email"
    PHONE = "phone"
    LIST_PUBLICLY = "list_publicly"
    SIGN_ANONYMOUSLY = "sign_anonymously"
    TIMESTAMP = "timestamp"
    COMMENTS = "comments"
    AFFILIATION = "affiliation"
    SIGNING_AS = "signing_as"

    @property
    def label(self) -> str:
        """The field's name in the interface language."""
        return _(FIELD_LABELS[self])


FIELD_LABELS: dict[Field, str] = {
    Field.ORGANISATION: N_("Organisation name"),
    Field.LOCAL_NAME: N_("Name in local language"),
    Field.ACRONYM: N_("Acronym"),
    Field.COUNTRY: N_("Country"),
    Field.KIND: N_("Type of organisation"),
    Field.WEBSITE: N_("Website"),
    Field.CONTACT_NAME: N_("Contact person, or the person signing"),
    Field.CONTACT_ROLE: N_("Position"),
    Field.EMAIL: N_("Email"),
    Field.PHONE: N_("Phone"),
    Field.LIST_PUBLICLY: N_("List publicly? (yes = named)"),
    Field.SIGN_ANONYMOUSLY: N_("Sign anonymously? (yes = not named)"),
    Field.TIMESTAMP: N_("Timestamp (date received)"),
    Field.COMMENTS: N_("Comments"),
    Field.AFFILIATION: N_("Affiliation (of a person)"),
    Field.SIGNING_AS: N_("Signing as (organisation or individual)"),
}

# Checked in this order: a header goes to the first field with a matching phrase, so
# the more specific fields come first ("organisation name in Khmer" is a local name,
# "contact email" an email, "name of organisation" not a person's name).
# ``exact`` titles must be the whole header; ``phrases`` may appear anywhere in it.
_EXACT: dict[Field, tuple[str, ...]] = {
    Field.TIMESTAMP: (
        "timestamp",
        "date",
        "horodateur",
        "marca temporal",
        "submitted",
        "start",
        "end",
        "_submission_time",
        "fecha",
        "data",
        "completion time",
    ),
    Field.EMAIL: ("email", "e-mail", "mail", "courriel", "correo"),
    Field.PHONE: ("phone", "tel", "tel.", "telephone", "telefono", "mobile", "whatsapp"),
    Field.ACRONYM: ("acronym", "abbreviation", "sigle", "acronimo", "sigla", "short name"),
    Field.COUNTRY: ("country", "pays", "pais", "nation", "country/territory"),
    Field.KIND: ("type", "category", "kind", "tipo", "categorie"),
    Field.CONTACT_NAME: (
        "name",
        "nom",
        "nombre",
        "nome",
        "full name",
        "your name",
        "contact",
        "signatory",
        "person",
    ),
    Field.CONTACT_ROLE: ("position", "title", "role", "fonction", "cargo", "poste", "job title"),
    Field.ORGANISATION: (
        "organisation",
        "organization",
        "org",
        "organisme",
        "organizacion",
        "organizacao",
        "group",
        "institution",
        "entity",
        "publisher",
        "ngo",
        "association",
    ),
    Field.WEBSITE: ("website", "web", "url", "site", "site web", "sitio web", "link"),
    Field.COMMENTS: (
        "comments",
        "comment",
        "notes",
        "remarks",
        "message",
        "commentaires",
        "comentarios",
        "observaciones",
    ),
}
_PHRASES: dict[Field, tuple[str, ...]] = {
    Field.SIGNING_AS: (
        "signing as",
        "sign as",
        "signing in the name of",
        "signatory type",
        "type of signatory",
        "individual or organi*",
        "organisation or individual",
        "organization or individual",
        "organisation individual",
        "organization individual",
        "en tant que",
        "firma como",
    ),
    Field.AFFILIATION: (
        "affiliation",
        "affiliated",
        "for individuals",
        "position company",
        "title and organi*",
        "title organi*",
        "employer",
        "rattachement",
        "afiliacion",
        "afiliacao",
    ),
    Field.TIMESTAMP: (
        "timestamp",
        "horodat*",
        "marca temporal",
        "submission time",
        "submitted at",
        "date received",
        "completion time",
        "start time",
    ),
    Field.SIGN_ANONYMOUSLY: ("anonym*", "anonim*", "not be named", "not named", "អនាមិក"),
    Field.LIST_PUBLICLY: (
        "publicly",
        "public",
        "publique",
        "publica",
        "listed",
        "list our",
        "list your",
        "name to appear",
        "named",
        "appear",
        "publish",
        "publier",
        "publicar",
        "display",
        "publiquement",
        "publicamente",
        "aparezca",
        "aparecer",
        "apparaisse",
        "apparaitre",
        "figurer",
        "listee*",
        "publicly listed",
        "សាធារណៈ",
    ),
    Field.EMAIL: (
        "email",
        "e-mail",
        "e mail",
        "courriel",
        "correo",
        "mail address",
        "អ៊ីមែល",
        "អុីមែល",
    ),
    Field.PHONE: ("phone", "telephone", "telefono", "mobile", "whatsapp", "ទូរស័ព្ទ"),
    Field.WEBSITE: ("website", "web site", "site web", "sitio web", "url", "homepage", "គេហទំព័រ"),
    Field.LOCAL_NAME: (
        "local language",
        "local name",
        "own language",
        "own script",
        "native",
        "in khmer",
        "in thai",
        "in burmese",
        "in arabic",
        "in your language",
        "langue locale",
        "idioma local",
        "lengua local",
        "lingua local",
        "ជាភាសាខ្មែរ",
        "ភាសាខ្មែរ",
    ),
    Field.ACRONYM: (
        "acronym",
        "abbreviation",
        "short name",
        "sigle",
        "acronimo",
        "siglas",
        "sigla",
        "អក្សរកាត់",
    ),
    Field.COUNTRY: ("country", "pays", "pais", "country of", "nationality", "ប្រទេស"),
    Field.KIND: (
        "type of org*",
        "organisation type",
        "organization type",
        "kind of org*",
        "type d org*",
        "tipo de org*",
        "category",
        "categorie",
        "sector",
        "ប្រភេទ",
    ),
    Field.CONTACT_ROLE: (
        "position",
        "job title",
        "role",
        "function",
        "fonction",
        "cargo",
        "poste",
        "designation",
        "តួនាទី",
        "មុខតំណែង",
    ),
    Field.CONTACT_NAME: (
        "contact person",
        "contact name",
        "your name",
        "full name",
        "name of contact",
        "name of the contact",
        "person signing",
        "signatory name",
        "name of signatory",
        "focal point",
        "first and last name",
        "nom complet",
        "votre nom",
        "personne de contact",
        "nombre completo",
        "su nombre",
        "persona de contacto",
        "nome completo",
        "អ្នកទំនាក់ទំនង",
        "ឈ្មោះអ្នក",
    ),
    Field.ORGANISATION: (
        "organisation",
        "organization",
        "organisme",
        "organizacion",
        "organizacao",
        "entity",
        "institution",
        "group name",
        "name of group",
        "ngo name",
        "association",
        "publisher",
        "អង្គការ",
        "ស្ថាប័ន",
    ),
    Field.COMMENTS: (
        "comment*",
        "remark*",
        "message",
        "anything else",
        "note",
        "notes",
        "observa*",
        "mensaje",
        "មតិ",
    ),
}
_FIELD_ORDER: tuple[Field, ...] = (
    Field.SIGNING_AS,
    Field.TIMESTAMP,
    Field.SIGN_ANONYMOUSLY,
    Field.LIST_PUBLICLY,
    Field.EMAIL,
    Field.PHONE,
    Field.WEBSITE,
    Field.LOCAL_NAME,
    Field.ACRONYM,
    Field.COUNTRY,
    Field.KIND,
    Field.AFFILIATION,
    Field.CONTACT_ROLE,
    Field.CONTACT_NAME,
    Field.ORGANISATION,
    Field.COMMENTS,
)
_PUNCTUATION = re.compile(r"[\s_?:*()\[\]/.,'’\"-]+")


def _fold_header(title: str) -> str:
    return _PUNCTUATION.sub(" ", fold_for_match(title)).strip()


_EXACT_FOLDED = {
    field: frozenset(_fold_header(title) for title in titles) for field, titles in _EXACT.items()
}
_PHRASES_FOLDED = {
    field: tuple(
        _fold_header(phrase.rstrip("*")) + phrase[len(phrase.rstrip("*")) :] for phrase in phrases
    )
    for field, phrases in _PHRASES.items()
}


def _phrase_in(phrase: str, folded: str) -> bool:
    """Whole words for Latin phrases ("word*" also matches longer words); scripts
    written without spaces between words match anywhere."""
    if not phrase.isascii():
        return phrase in folded
    if phrase.endswith("*"):
        return f" {phrase[:-1]}" in f" {folded}"
    return f" {phrase} " in f" {folded} "


# "Organisation name (as you want it to appear)", "Name as it should appear on the
# statement": the name to print, not the question whether to print it.
_PRINTED_NAME = re.compile(
    r"\b(?:name|nom|nombre|nome)\b.*\b(?:as|tel|como|comme)\b.*"
    r"\b(?:appear|appears|printed|shown|listed|written|apparaitre|apparaisse|aparecer|"
    r"aparezca|figurer)\b"
)


def recognise_header(title: str) -> Field | None:
    """The field a column title most likely holds, or None when nothing fits."""
    folded = _fold_header(title)
    if not folded:
        return None
    if _PRINTED_NAME.search(folded):
        return Field.ORGANISATION
    for field in _FIELD_ORDER:
        if folded in _EXACT_FOLDED.get(field, frozenset()):
            return field
    for field in _FIELD_ORDER:
        for phrase in _PHRASES_FOLDED.get(field, ()):
            if _phrase_in(phrase, folded):
                return field
    return None


@dataclass(frozen=True)
class ColumnMapping:
    """Field -> column index in a table's header."""

    columns: Mapping[Field, int]

    def column(self, field: Field) -> int | None:
        return self.columns.get(field)

    def by_title(self, header: Sequence[str]) -> dict[str, str]:
        """The mapping as field name -> header title, the form it is remembered in."""
        return {field.value: header[index] for field, index in self.columns.items()}

    def with_column(self, field: Field, column: int | None) -> ColumnMapping:
        """A copy where ``field`` reads ``column`` (None: not read at all).

        A column feeds one field only: giving it to ``field`` takes it from any other.
        """
        columns = {f: i for f, i in self.columns.items() if f != field and i != column}
        if column is not None:
            columns[field] = column
        return ColumnMapping(columns)


_LISTING_FIELDS = (Field.LIST_PUBLICLY, Field.SIGN_ANONYMOUSLY)
_NAME_WORD = re.compile(r"\b(?:name|nom|nombre|nome)\b")
# The share of a listing column's answers that must read as yes or no.
_YES_NO_SHARE = 0.6
_ANSWERS_SAMPLED = 200


def guess_mapping(header: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> ColumnMapping:
    """Recognise the columns of ``header``; the first column wins where two claim a field.

    ``rows`` (the data, or a sample of it) confirms a listing column: its answers must
    read as yes or no, so a title that only sounds like the question ("... to appear")
    over a column of names is not taken for it. A column titled as the name to print
    ("name as it should appear") is the organisation name over any other.
    """
    columns: dict[Field, int] = {}
    unclear_listing: dict[Field, int] = {}
    for index, title in enumerate(header):
        field = recognise_header(title)
        if field in _LISTING_FIELDS and rows and not answers_yes_or_no(rows, index):
            if _NAME_WORD.search(_fold_header(title)):
                continue  # names under a title that mentions them: not the question
            # Kept only if no column answers yes or no: an answer not understood makes
            # the sign-on anonymous, the safe side.
            unclear_listing.setdefault(field, index)
            continue
        if field is None or field in columns:
            continue
        columns[field] = index
    for field, index in unclear_listing.items():
        if not any(listing in columns for listing in _LISTING_FIELDS):
            columns[field] = index
    printed = [
        index for index, title in enumerate(header) if _PRINTED_NAME.search(_fold_header(title))
    ]
    if printed:
        columns[Field.ORGANISATION] = printed[0]
    if (
        Field.ORGANISATION not in columns
        and Field.CONTACT_NAME in columns
        and not is_people_form(header, columns)
    ):
        # A list with only a "Name" column is a list of organisations.
        columns[Field.ORGANISATION] = columns.pop(Field.CONTACT_NAME)
    return ColumnMapping(columns)


# Titles that ask a person for their own name, not for an organisation's.
_PERSON_NAME_TITLE = re.compile(
    r"\b(?:full name|your name|first and last name|first name|surname|last name|"
    r"nom complet|votre nom|prenom|nombre completo|su nombre|nome completo|"
    r"signatory name|name of signatory|person signing|your full name)\b"
)


def is_people_form(header: Sequence[str], columns: Mapping[Field, int]) -> bool:
    """Whether a form with no organisation column asks people to sign in their own name:
    its name column asks for a person's full name, or it asks for an affiliation."""
    if Field.ORGANISATION in columns or Field.CONTACT_NAME not in columns:
        return False
    if Field.AFFILIATION in columns or Field.CONTACT_ROLE in columns:
        return True
    return bool(_PERSON_NAME_TITLE.search(_fold_header(header[columns[Field.CONTACT_NAME]])))


def answers_yes_or_no(rows: Sequence[Sequence[str]], column: int) -> bool:
    """Whether the answers in ``column`` read as yes or no (blank ones left out)."""
    answers = [
        row[column].strip()
        for row in rows[:_ANSWERS_SAMPLED]
        if column < len(row) and row[column].strip()
    ]
    if not answers:
        return True  # nobody answered: the title alone decides
    understood = sum(1 for answer in answers if read_yes_no(answer) is not None)
    return understood >= _YES_NO_SHARE * len(answers)


class MappingError(SignappError):
    """A ``COLUMN=FIELD`` the file or signapp does not know."""


def apply_overrides(
    mapping: ColumnMapping, header: Sequence[str], overrides: Sequence[str]
) -> ColumnMapping:
    """``mapping`` with each ``COLUMN=FIELD`` the user gave (``COLUMN=`` reads nothing).

    COLUMN is a column title (case and spacing aside) or its number, counting from 1;
    FIELD a field name (``organisation``, ``list_publicly``...) or its label.

    Raises:
        MappingError: naming the column or field not found, and what there is.
    """
    folded_titles = {_fold_header(title): index for index, title in enumerate(header)}
    fields = {field.value: field for field in Field}
    fields.update({_fold_header(field.label): field for field in Field})
    for override in overrides:
        column_text, equals, field_text = override.rpartition("=")
        if not equals:
            raise MappingError(
                _('--map {override!r}: write it as "COLUMN=FIELD" (FIELD one of {fields})').format(
                    override=override, fields=", ".join(field.value for field in Field)
                ),
            )
        column = _column_named(column_text, header, folded_titles)
        if column is None:
            raise MappingError(
                _(
                    "--map {override!r}: the file has no column {column!r}; its columns are {columns}"
                ).format(
                    override=override,
                    column=column_text.strip(),
                    columns=", ".join(repr(title) for title in header),
                ),
            )
        field_key = field_text.strip()
        if not field_key:
            columns = {f: i for f, i in mapping.columns.items() if i != column}
            mapping = ColumnMapping(columns)
            continue
        field = fields.get(field_key.casefold()) or fields.get(_fold_header(field_key))
        if field is None:
            raise MappingError(
                _("--map {override!r}: no field {field_key!r}; fields are {fields}").format(
                    override=override,
                    field_key=field_key,
                    fields=", ".join(field.value for field in Field),
                ),
            )
        mapping = mapping.with_column(field, column)
    return mapping


def _column_named(text: str, header: Sequence[str], folded: Mapping[str, int]) -> int | None:
    title = text.strip()
    if title in header:
        return header.index(title)
    if _fold_header(title) in folded:
        return folded[_fold_header(title)]
    if title.isdigit() and 1 <= int(title) <= len(header):
        return int(title) - 1
    return None


def mapping_from_titles(
    header: Sequence[str], remembered: Mapping[str, str], rows: Sequence[Sequence[str]] = ()
) -> ColumnMapping:
    """Apply a remembered mapping (field name -> title) to ``header``.

    Fields whose remembered title is not in this header, and titles the remembered
    mapping does not mention, are recognised as for a new file.
    """
    folded_index = {_fold_header(title): index for index, title in enumerate(header)}
    guessed = guess_mapping(header, rows)
    columns: dict[Field, int] = {}
    for name, title in remembered.items():
        try:
            field = Field(name)
        except ValueError:
            continue
        index = folded_index.get(_fold_header(title))
        if index is not None:
            columns[field] = index
    used = set(columns.values())
    for field, index in guessed.columns.items():
        if field not in columns and index not in used:
            columns[field] = index
            used.add(index)
    return ColumnMapping(columns)
