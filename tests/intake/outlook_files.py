"""Outlook ``.msg`` files written for the tests: a compound file with the message's
properties as Outlook stores them (UTF-16 strings, a property stream, the transport
headers), enough for extract-msg to read them as Outlook's own."""

from __future__ import annotations

import struct
from pathlib import Path

from cfbwrite import Entry, write_ole

_UNICODE_STRING = 0x001F
_READABLE_AND_WRITABLE = 0x6


def _stream(name: str, data: bytes) -> Entry:
    return Entry(name, False, len(data), lambda: data)


def write_msg(
    path: Path,
    *,
    sender: str,
    sender_name: str,
    subject: str,
    body: str,
    date: str = "Fri, 20 Nov 2026 09:30:00 +0700",
    message_id: str = "<outlook-1@example.org>",
) -> Path:
    headers = (
        f"From: {sender_name} <{sender}>\r\nTo: secretariat@landrights-coalition.example.org\r\n"
        f"Subject: {subject}\r\nDate: {date}\r\nMessage-ID: {message_id}\r\n\r\n"
    )
    properties = [
        (0x0037, subject),  # PR_SUBJECT
        (0x1000, body),  # PR_BODY
        (0x0C1F, sender),  # PR_SENDER_EMAIL_ADDRESS
        (0x0C1A, sender_name),  # PR_SENDER_NAME
        (0x001A, "IPM.Note"),  # PR_MESSAGE_CLASS
        (0x007D, headers),  # PR_TRANSPORT_MESSAGE_HEADERS
    ]
    children = [
        _stream(f"__substg1.0_{tag:04X}{_UNICODE_STRING:04X}", text.encode("utf-16-le"))
        for tag, text in properties
    ]
    entries = b"".join(
        struct.pack(
            "<IIII",
            (tag << 16) | _UNICODE_STRING,
            _READABLE_AND_WRITABLE,
            len(text.encode("utf-16-le")) + 2,
            0,
        )
        for tag, text in properties
    )
    children.append(_stream("__properties_version1.0", bytes(32) + entries))
    children.append(
        Entry(
            "__nameid_version1.0",
            True,
            0,
            None,
            [_stream(f"__substg1.0_000{number}0102", b"") for number in (2, 3, 4)],
        )
    )
    write_ole(path, children)
    return path
