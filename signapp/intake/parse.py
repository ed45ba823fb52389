"""One message as the rest of intake needs it: who, when, what it says, what it carries.

Parsed with the standard library's :mod:`email`. Its legacy policy is used, with headers
decoded here: the modern policy's header objects took most of the time of a large
mailbox (8 of 9 ms a message) for the dozen headers read. Text is taken from the
plain-text part, or from the HTML part turned into text by inscriptis when there is no
plain one; attachments are listed by name, type and size and never opened.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message

from charset_normalizer import from_bytes

MAX_TEXT_CHARS = 200_000
MAX_HTML_BYTES = 2 * 1024 * 1024
MAX_PARTS = 200


class UnreadableMessage(Exception):
    """The bytes are not a mail message signapp can read; the message says why."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int

    def describe(self) -> str:
        return f"{self.filename} ({self.content_type}, {self.size:,} bytes)"


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None
    key: str
    date: datetime | None
    sender: str | None
    sender_name: str | None
    subject: str
    headers: dict[str, str]
    text: str
    attachments: tuple[Attachment, ...]
    notes: tuple[str, ...]

    def headers_text(self) -> str:
        """The headers worth keeping as evidence, one per line."""
        kept = ("From", "To", "Cc", "Date", "Subject", "Message-ID")
        return "\n".join(f"{name}: {self.headers[name]}" for name in kept if name in self.headers)


_HEADERS_READ = (
    "From",
    "To",
    "Cc",
    "Date",
    "Subject",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Auto-Submitted",
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
    "Precedence",
    "List-Id",
    "List-Unsubscribe",
    "Return-Path",
    "Content-Type",
    "X-Spam-Flag",
    "X-Spam-Status",
)


def parse_message(data: bytes) -> ParsedMessage:
    """Read one RFC 5322 message; :class:`UnreadableMessage` when it is not mail."""
    if not _looks_like_mail(data):
        raise UnreadableMessage("not a mail message (no From, Date or Subject header)")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    notes: list[str] = []
    headers = {name: _header(message, name) for name in _HEADERS_READ}
    headers = {name: value for name, value in headers.items() if value}
    sender_name, sender = email.utils.parseaddr(headers.get("From", ""))
    message_id = headers.get("Message-ID", "").strip() or None
    if message_id and " " in message_id:  # keep the id alone, not what follows it
        message_id = message_id.split()[0]
    text, attachments = _body(message, notes)
    return ParsedMessage(
        message_id=message_id,
        key=message_key(message_id, data),
        date=_date(headers.get("Date")),
        sender=sender.strip().lower() or None,
        sender_name=sender_name.strip() or None,
        subject=headers.get("Subject", ""),
        headers=headers,
        text=text,
        attachments=tuple(attachments),
        notes=tuple(notes),
    )


_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]*>|\S+)", re.IGNORECASE | re.MULTILINE)


def quick_key(data: bytes) -> str:
    """:func:`message_key` from the raw header block, without parsing the message: a
    mailbox read again skips the messages already queued at this cost."""
    head = data[: 64 * 1024].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    found = _MESSAGE_ID.search(head)
    message_id = found.group(1).decode("ascii", "replace") if found else None
    return message_key(message_id, data)


def message_key(message_id: str | None, data: bytes) -> str:
    """What makes a message the same message: its Message-ID, or its content."""
    if message_id:
        return "id:" + message_id.strip("<> ").casefold()
    return "sha256:" + hashlib.sha256(data).hexdigest()


_HEADER_LINE = re.compile(rb"^(from|date|subject|to|message-id|received|return-path):", re.I | re.M)


def _looks_like_mail(data: bytes) -> bool:
    head = data[: 64 * 1024].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return len(_HEADER_LINE.findall(head)) >= 2


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        text = str(email.header.make_header(email.header.decode_header(str(value))))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        text = str(value)  # an unknown charset or a broken encoded word: as it came
    return " ".join(text.split())


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _body(message: Message, notes: list[str]) -> tuple[str, list[Attachment]]:
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = []
    for number, part in enumerate(message.walk()):
        if number >= MAX_PARTS:
            notes.append(f"more than {MAX_PARTS} parts; the rest were not read")
            break
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        if disposition == "attachment" or (filename and not content_type.startswith("text/")):
            payload = part.get_payload(decode=True) or b""
            attachments.append(Attachment(filename or "(unnamed)", content_type, len(payload)))
            continue
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part, notes)
        elif content_type == "text/html" and html is None:
            html = _html_text(part, notes)
        elif content_type == "message/rfc822":
            continue
    text = plain if plain and plain.strip() else (html or "")
    if len(text) > MAX_TEXT_CHARS:
        notes.append(f"text longer than {MAX_TEXT_CHARS:,} characters was cut")
        text = text[:MAX_TEXT_CHARS]
    return text.replace("\r\n", "\n"), attachments


def _part_text(part: Message, notes: list[str]) -> str:
    payload = part.get_payload(decode=True) or b""
    if not isinstance(payload, bytes):
        return str(payload)
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        best = from_bytes(payload).best()
        if best is not None:
            notes.append(f"text declared as {charset} was read as {best.encoding}")
            return str(best)
        notes.append(f"text in an unknown encoding ({charset}) was read with replacements")
        return payload.decode("utf-8", errors="replace")


def _html_text(part: Message, notes: list[str]) -> str:
    from inscriptis import get_text

    payload = part.get_payload(decode=True) or b""
    if len(payload) > MAX_HTML_BYTES:
        notes.append(f"HTML larger than {MAX_HTML_BYTES // (1024 * 1024)} MB was not read")
        return ""
    html = _part_text(part, notes) if isinstance(payload, bytes) else str(payload)
    try:
        return str(get_text(html))
    except (RecursionError, ValueError) as error:
        notes.append(f"HTML could not be read ({type(error).__name__})")
        return ""
