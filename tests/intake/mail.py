"""Realistic replies to a call for sign-ons, built as real mail messages for the tests.

Names, addresses and texts are invented for signapp's tests.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

CALL = (
    "Dear partners,\n"
    "Please find attached the joint statement on the judicial harassment of land "
    "defenders. Let us know by Friday whether your organisation will sign. We sign "
    "as the convening network.\n"
)


def message(
    sender: str,
    body: str = "",
    *,
    subject: str = "Re: Call for sign-ons: joint statement",
    date: datetime | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: Iterable[tuple[str, str, bytes]] = (),
    message_id: str | None = "auto",
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "Coalition Secretariat <secretariat@landrights-coalition.example.org>"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(date or datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    if message_id == "auto":
        mail["Message-ID"] = make_msgid(domain="mail.example.net")
    elif message_id:
        mail["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        mail[name] = value
    if html is not None and not body:
        mail.set_content(html, subtype="html")
    else:
        mail.set_content(body)
        if html is not None:
            mail.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments:
        main, sub = content_type.split("/")
        mail.add_attachment(data, maintype=main, subtype=sub, filename=filename)
    return mail


def quoted(text: str, who: str = "Coalition Secretariat", when: str = "Mon, 17 Nov 2026") -> str:
    """``text`` as a reply quotes it, under the usual attribution line."""
    lines = "\n".join(f"> {line}" for line in text.splitlines())
    return f"\n\nOn {when}, {who} <secretariat@landrights-coalition.example.org> wrote:\n{lines}\n"


def write_mbox(path: Path, messages: Iterable[EmailMessage]) -> Path:
    box = mailbox.mbox(path)
    try:
        for mail in messages:
            box.add(mail)
        box.flush()
    finally:
        box.close()
    return path


def write_eml(folder: Path, name: str, mail: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(bytes(mail))
    return path
