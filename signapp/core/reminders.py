"""Who to chase for an answer, and the reminder email that reaches them.

Reminders go to each organisation's primary contact. Addresses are put in Bcc so that
signatories never see one another's contacts: who signs can be sensitive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from sqlite_utils import Database

from signapp.core.model import SignOnRow, SignOnStatus
from signapp.core.signons import list_signons
from signapp.core.text import sort_key


class ReminderGroup(StrEnum):
    """Sign-ons still owing an answer."""

    PENDING = "pending"
    """Invited or pending: no answer yet."""
    NEEDS_RECONFIRMATION = "needs_reconfirmation"
    """Confirmed an earlier text that a substantive revision has replaced."""

    @property
    def label(self) -> str:
        return {
            ReminderGroup.PENDING: "Pending (no answer yet)",
            ReminderGroup.NEEDS_RECONFIRMATION: "Needs reconfirmation",
        }[self]


_WAITING = frozenset({SignOnStatus.INVITED, SignOnStatus.PENDING})


@dataclass(frozen=True)
class ReminderList:
    """The Bcc addresses of one reminder and the organisations it cannot reach."""

    emails: list[str]
    organisations_without_email: list[str]

    @property
    def bcc(self) -> str:
        """The addresses as one list to paste into a mail client's Bcc field."""
        return ", ".join(self.emails)


def in_group(row: SignOnRow, group: ReminderGroup) -> bool:
    if group is ReminderGroup.NEEDS_RECONFIRMATION:
        return row.needs_reconfirmation
    return row.signon.status in _WAITING


def _primary_emails(db: Database, organisation_ids: list[int]) -> dict[int, str]:
    emails: dict[int, str] = {}
    for start in range(0, len(organisation_ids), 500):
        chunk = organisation_ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for organisation_id, email in db.execute(
            "SELECT organisation_id, email FROM contacts WHERE is_primary = 1 "
            f"AND email IS NOT NULL AND email != '' AND organisation_id IN ({marks})",
            chunk,
        ):
            emails[organisation_id] = email
    return emails


def _people_emails(db: Database, person_ids: list[int]) -> dict[int, str]:
    """Each person's own email (people sign for themselves: no contact stands between)."""
    emails: dict[int, str] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for person_id, email in db.execute(
            f"SELECT id, email FROM people WHERE email IS NOT NULL AND email != '' "
            f"AND id IN ({marks})",
            chunk,
        ):
            emails[person_id] = email
    return emails


def reminder_recipients(
    db: Database, statement_id: int, groups: Iterable[ReminderGroup]
) -> ReminderList:
    """The primary contacts' emails of the sign-ons in ``groups``, each address once."""
    wanted = set(groups)
    rows = [
        row
        for row in list_signons(db, statement_id, people=True)
        if any(in_group(row, g) for g in wanted)
    ]
    emails = _primary_emails(
        db, [row.signon.organisation_id for row in rows if row.signon.organisation_id]
    )
    own_emails = _people_emails(db, [row.signon.person_id for row in rows if row.signon.person_id])
    seen: set[str] = set()
    addresses: list[str] = []
    missing: list[str] = []
    for row in rows:
        if row.signon.person_id is not None:
            email = own_emails.get(row.signon.person_id)
        else:
            email = emails.get(row.signon.organisation_id or 0)
        if email is None:
            missing.append(row.display_name)
        elif email.casefold() not in seen:
            seen.add(email.casefold())
            addresses.append(email)
    missing.sort(key=sort_key)
    return ReminderList(emails=addresses, organisations_without_email=missing)


def mailto_url(bcc: Iterable[str], subject: str, body: str = "") -> str:
    """A ``mailto:`` address with no visible recipient, the list in Bcc, and a subject."""
    parts = [f"bcc={quote(','.join(bcc), safe='@,')}", f"subject={quote(subject, safe='')}"]
    if body:
        parts.append(f"body={quote(body, safe='')}")
    return "mailto:?" + "&".join(parts)
