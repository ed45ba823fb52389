"""Chasing answers: the Bcc list on the clipboard, or a reminder in the mail client."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from sqlite_utils import Database

from signapp.core.reminders import ReminderGroup, ReminderList, mailto_url, reminder_recipients
from signapp.core.statements import get_statement
from signapp.i18n import _, format_iso_date, ngettext


def reminder_subject(db: Database, statement_id: int) -> str:
    statement = get_statement(db, statement_id)
    if statement.deadline:
        return _("Reminder: please answer before {deadline} – {title}").format(
            deadline=format_iso_date(statement.deadline), title=statement.title
        )
    return _("Reminder: please answer – {title}").format(title=statement.title)


def copy_bcc_list(db: Database, statement_id: int, groups: Iterable[ReminderGroup]) -> ReminderList:
    """Put the primary contacts' emails of ``groups`` on the clipboard as one Bcc list."""
    recipients = reminder_recipients(db, statement_id, groups)
    QGuiApplication.clipboard().setText(recipients.bcc)
    return recipients


def open_reminder_email(
    db: Database, statement_id: int, groups: Iterable[ReminderGroup]
) -> tuple[ReminderList, bool]:
    """Open a new email in the user's mail client, addressed in Bcc; True if it opened."""
    recipients = reminder_recipients(db, statement_id, groups)
    if not recipients.emails:
        return recipients, False
    url = mailto_url(recipients.emails, reminder_subject(db, statement_id))
    return recipients, QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


NAMES_SHOWN = 3  # a status bar line has room for about three names


def describe(recipients: ReminderList) -> str:
    """What was gathered, and who could not be reached, for a status message."""
    text = ngettext("{count:,} address", "{count:,} addresses", len(recipients.emails)).format(
        count=len(recipients.emails)
    )
    missing = recipients.organisations_without_email
    if missing:
        shown = ", ".join(missing[:NAMES_SHOWN]) + (" …" if len(missing) > NAMES_SHOWN else "")
        text += "; " + ngettext(
            "{count:,} organisation has no primary contact email: {names}",
            "{count:,} organisations have no primary contact email: {names}",
            len(missing),
        ).format(count=len(missing), names=shown)
    return text
