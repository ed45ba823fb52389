"""The sender's own words in a reply: without the quoted earlier messages, and with the
signature block set apart (it names the organisation but says nothing about signing).

Quotes and signatures are found by mail-parser-reply; a forwarded message is read as its
original sender's, since the colleague forwarding it is not the one answering.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from functools import lru_cache

from mailparser_reply import EmailReplyParser

_FORWARD_MARKERS = re.compile(
    r"^\s*(-{2,}\s*(forwarded message|message transféré|mensaje reenviado)"
    r"\s*-*|begin forwarded message:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FORWARD_FROM = re.compile(r"^\s*\*?(from|de|von)\s*:\*?\s*(?P<value>.+)$", re.IGNORECASE | re.M)
_FORWARD_HEADER = re.compile(
    r"^\s*\*?(from|de|von|date|sent|to|cc|subject|objet|asunto)\s*:", re.IGNORECASE
)
_QUOTED_LINE = re.compile(r"^\s*>")
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(original message|message d'origine|mensaje original)\s*-{2,}\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGN_OFF = re.compile(
    r"^\s*(best|kind|warm|with best)?\s*(regards|wishes)|^\s*(sincerely|thanks|thank you|cheers|"
    r"in solidarity|respectfully|yours)\b|^\s*(សូមអរគុណ|ដោយក្ដីគោរព|ដោយសេចក្ដីគោរព|"
    r"ជាមួយនឹងការគោរព)",
    re.IGNORECASE,
)
_FORWARD_PREFIX = re.compile(r"^\s*(fwd?|tr|wg|rv)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    """What the sender wrote now, their signature block, and who the words are from."""

    text: str
    signature: str
    forwarded_from: tuple[str, str] | None  # (name, address) of the original sender


@lru_cache(maxsize=1)
def _parser() -> EmailReplyParser:
    return EmailReplyParser(languages=["en", "fr", "es", "de"])


def read_reply(text: str, subject: str = "") -> Reply:
    """Split ``text`` into the new answer and its signature; follow a forward."""
    text = text.replace("\r\n", "\n")
    forwarded = _forwarded_part(text, subject)
    if forwarded is not None:
        own_words, original, sender = forwarded
        if not _says_something(own_words):
            answer, signature = _own_words(original)
            return Reply(answer, signature, sender)
    answer, signature = _own_words(text)
    return Reply(answer, signature, None)


def _says_something(text: str) -> bool:
    words = re.findall(r"\w+", text)
    return len(words) > 6


def _forwarded_part(text: str, subject: str) -> tuple[str, str, tuple[str, str] | None] | None:
    marker = _FORWARD_MARKERS.search(text)
    if marker is None:
        if not _FORWARD_PREFIX.match(subject or ""):
            return None
        found = _FORWARD_FROM.search(text)
        if found is None:
            return None
        start = found.start()
    else:
        start = marker.end()
    own_words = text[: marker.start() if marker else start]
    rest = text[start:].lstrip("\n")
    lines = rest.split("\n")
    sender: tuple[str, str] | None = None
    index = 0
    while index < len(lines) and (not lines[index].strip() or _FORWARD_HEADER.match(lines[index])):
        found = _FORWARD_FROM.match(lines[index])
        if found and sender is None:
            name, address = email.utils.parseaddr(found.group("value").replace("*", ""))
            if address and "@" in address:
                sender = (name.strip(), address.strip().lower())
        index += 1
    return own_words, "\n".join(lines[index:]), sender


def _own_words(text: str) -> tuple[str, str]:
    original = _ORIGINAL_MESSAGE.search(text)
    if original is not None:
        text = text[: original.start()]
    unquoted = "\n".join(line for line in text.split("\n") if not _QUOTED_LINE.match(line))
    try:
        replies = _parser().read(text=unquoted).replies
    except Exception:  # the parser's patterns fail on odd input; keep the whole text
        replies = []
    if replies:
        first = replies[0]
        body, signature = first.body or "", first.signatures or ""
    else:
        body, signature = unquoted, ""
    body, more_signature = _split_sign_off(body)
    signature = "\n".join(part for part in (more_signature, signature) if part.strip())
    return body.strip(), signature.strip()


def _split_sign_off(body: str) -> tuple[str, str]:
    """Cut at a closing line ("Best regards", "សូមអរគុណ") that the parser did not see."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if index and _SIGN_OFF.match(line) and len(line) < 60:
            return "\n".join(lines[:index]), "\n".join(lines[index:])
    return body, ""
