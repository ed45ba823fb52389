"""The fields a change may write, typed: what callers pass to signapp's write functions.

Each is a ``TypedDict`` with every key optional (``total=False``): a change names only
the fields it sets, and mypy checks each key and the type of its value where a caller
spells them out. Values are cleaned and validated by the write functions themselves.
"""

from __future__ import annotations

from typing import Any, TypedDict

from signapp.core.model import Channel, OrgKind, SignOnStatus, StatementStatus


class StatementFields(TypedDict, total=False):
    title: str
    deadline: str | None
    notes: str | None
    status: str | StatementStatus


class OrganisationFields(TypedDict, total=False):
    name: str
    local_name: str | None
    acronym: str | None
    kind: str | OrgKind
    country: str | None
    website: str | None
    notes: str | None


class ContactFields(TypedDict, total=False):
    name: str
    role: str | None
    email: str | None
    phone: str | None
    is_primary: bool
    notes: str | None


class SignOnDetails(TypedDict, total=False):
    """A sign-on's fields but its status, which the recording functions take apart."""

    version_number: int | None
    is_public: bool
    printed_name: str | None
    authorised_by: int | None
    channel: str | Channel | None
    received_at: str | None
    notes: str | None
    raw_source: str | dict[str, Any] | None  # the rows it came from; a dict is stored as JSON


class SignOnFields(SignOnDetails, total=False):
    status: str | SignOnStatus


class PersonDetails(TypedDict, total=False):
    """A person's fields but their name."""

    local_name: str | None
    affiliation: str | None
    country: str | None
    email: str | None
    phone: str | None
    contact_id: int | None
    notes: str | None


class PersonFields(PersonDetails, total=False):
    name: str


# The fields of any record a window edits (what it shows beside the stored values).
AnyFields = StatementFields | OrganisationFields | ContactFields | SignOnFields | PersonFields


class NewPerson(PersonDetails):
    """A person to add: the name is required."""

    name: str


class NewContact(ContactFields):
    """A contact to add in bulk (an import): the organisation is required."""

    organisation_id: int


class NewSignOn(SignOnFields, total=False):
    """A sign-on to add in bulk (an import): the statement, and one signatory."""

    statement_id: int
    organisation_id: int | None
    person_id: int | None
