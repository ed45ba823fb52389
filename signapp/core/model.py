"""Names and records of the domain: organisations, contacts, statements, sign-ons."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from signapp.i18n import N_, _, pgettext


class OrgKind(StrEnum):
    LOCAL_NGO = "local_ngo"
    INTERNATIONAL_NGO = "international_ngo"
    TRADE_UNION = "trade_union"
    NETWORK = "network"
    COMMUNITY_GROUP = "community_group"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind as the interface names it."""
        return _(self.source_label)

    @property
    def source_label(self) -> str:
        """The kind's name in the source language, to translate into another language."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrgKind.LOCAL_NGO: N_("Local NGO"),
    OrgKind.INTERNATIONAL_NGO: N_("International NGO"),
    OrgKind.TRADE_UNION: N_("Trade union"),
    OrgKind.NETWORK: N_("Network"),
    OrgKind.COMMUNITY_GROUP: N_("Community group"),
    OrgKind.OTHER: N_("Other"),
}


class StatementStatus(StrEnum):
    DRAFTING = "drafting"
    COLLECTING = "collecting"
    CLOSED = "closed"
    PUBLISHED = "published"

    @property
    def text_is_locked(self) -> bool:
        return self in (StatementStatus.CLOSED, StatementStatus.PUBLISHED)

    @property
    def label(self) -> str:
        """The status as the interface names it."""
        return {
            StatementStatus.DRAFTING: pgettext("statement status", "drafting"),
            StatementStatus.COLLECTING: pgettext("statement status", "collecting"),
            StatementStatus.CLOSED: pgettext("statement status", "closed"),
            StatementStatus.PUBLISHED: pgettext("statement status", "published"),
        }[self]


class VersionKind(StrEnum):
    INITIAL = "initial"
    EDITORIAL = "editorial"
    SUBSTANTIVE = "substantive"

    @property
    def label(self) -> str:
        """The kind of revision as the interface names it."""
        return {
            VersionKind.INITIAL: pgettext("version kind", "initial"),
            VersionKind.EDITORIAL: pgettext("version kind", "editorial"),
            VersionKind.SUBSTANTIVE: pgettext("version kind", "substantive"),
        }[self]


class SignOnStatus(StrEnum):
    INVITED = "invited"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The status as the interface names it."""
        return {
            SignOnStatus.INVITED: pgettext("sign-on status", "invited"),
            SignOnStatus.PENDING: pgettext("sign-on status", "pending"),
            SignOnStatus.CONFIRMED: pgettext("sign-on status", "confirmed"),
            SignOnStatus.DECLINED: pgettext("sign-on status", "declined"),
            SignOnStatus.WITHDRAWN: pgettext("sign-on status", "withdrawn"),
        }[self]


class Channel(StrEnum):
    EMAIL = "email"
    FORM = "form"
    PHONE = "phone"
    MEETING = "meeting"
    OTHER = "other"

    @property
    def label(self) -> str:
        """How the sign-on came, as the interface names it."""
        return {
            Channel.EMAIL: pgettext("channel", "email"),
            Channel.FORM: pgettext("channel", "form"),
            Channel.PHONE: pgettext("channel", "phone"),
            Channel.MEETING: pgettext("channel", "meeting"),
            Channel.OTHER: pgettext("channel", "other"),
        }[self]


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    local_name: str | None
    acronym: str | None
    kind: OrgKind
    country: str | None
    website: str | None
    notes: str | None
    row_version: int


@dataclass(frozen=True)
class OrganisationRow:
    """One line of the organisation directory, with its derived counts."""

    id: int
    name: str
    local_name: str | None
    acronym: str | None
    kind: OrgKind
    country: str | None
    contact_count: int
    statements_signed: int


@dataclass(frozen=True)
class Contact:
    id: int
    organisation_id: int
    name: str
    role: str | None
    email: str | None
    phone: str | None
    is_primary: bool
    notes: str | None
    row_version: int


@dataclass(frozen=True)
class Statement:
    id: int
    title: str
    status: StatementStatus
    deadline: str | None
    notes: str | None
    row_version: int


@dataclass(frozen=True)
class StatementSummary:
    """A statement with the number of sign-ons in each status."""

    statement: Statement
    counts: dict[SignOnStatus, int]
    latest_version: int | None
    needs_reconfirmation: int


@dataclass(frozen=True)
class StatementVersion:
    """One version of a statement's text; ``issued_at`` is None for the draft."""

    statement_id: int
    number: int
    kind: VersionKind
    note: str | None
    issued_at: str | None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return self.issued_at is None


@dataclass(frozen=True)
class SignOn:
    """One answer to a statement: an organisation's, or (``person_id``) a person's."""

    id: int
    statement_id: int
    organisation_id: int | None
    status: SignOnStatus
    version_number: int | None
    is_public: bool
    printed_name: str | None
    authorised_by: int | None
    channel: Channel | None
    received_at: str | None
    notes: str | None
    raw_source: str | None
    row_version: int
    person_id: int | None = None


@dataclass(frozen=True)
class SignOnRow:
    """A sign-on as the coordinator sees it, joined with its organisation, or with the
    person who signed (``organisation_name`` is then the person's name)."""

    signon: SignOn
    organisation_name: str
    local_name: str | None
    acronym: str | None
    country: str | None
    authorised_by_name: str | None
    needs_reconfirmation: bool
    affiliation: str | None = None

    @property
    def is_person(self) -> bool:
        return self.signon.person_id is not None

    @property
    def display_name(self) -> str:
        return self.signon.printed_name or self.organisation_name


@dataclass(frozen=True)
class HistoryEntry:
    """One statement an organisation was asked to sign, and where it stands."""

    statement_id: int
    statement_title: str
    status: SignOnStatus
    version_number: int | None
    received_at: str | None
    needs_reconfirmation: bool


@dataclass(frozen=True)
class PublicSignatory:
    organisation_id: int
    printed_name: str
    local_name: str | None
    acronym: str | None
    country: str | None
    kind: OrgKind


@dataclass(frozen=True)
class PublicList:
    """What may be published for one version: named signatories and bare counts."""

    statement_id: int
    version_number: int
    listed: list[PublicSignatory]
    anonymous_count: int
    left_out_for_reconfirmation: int


@dataclass(frozen=True)
class PersonSignOnRow:
    """A person's sign-on as the coordinator sees it."""

    signon_id: int
    person_id: int
    name: str
    local_name: str | None
    affiliation: str | None
    country: str | None
    status: SignOnStatus
    version_number: int | None
    is_public: bool
    printed_name: str | None
    channel: Channel | None
    received_at: str | None
    needs_reconfirmation: bool

    @property
    def display_name(self) -> str:
        return self.printed_name or self.name


@dataclass(frozen=True)
class PublicPerson:
    """A person who signed in their own name, as printed: name, then affiliation."""

    person_id: int
    printed_name: str
    local_name: str | None
    affiliation: str | None
    country: str | None


@dataclass(frozen=True)
class PublicPeople:
    """The people who may be named with one version, and those only counted."""

    statement_id: int
    version_number: int
    listed: list[PublicPerson]
    anonymous_count: int
    left_out_for_reconfirmation: int
