"""Outlook ``.msg`` files, turned into ordinary mail messages by extract-msg."""

from __future__ import annotations

from pathlib import Path


class UnreadableOutlookFile(Exception):
    """The file is not an Outlook message extract-msg can read; the message says why."""


def outlook_message_bytes(path: Path) -> bytes:
    """The message as RFC 5322 bytes, attachments included, for the common parser."""
    import extract_msg

    try:
        message = extract_msg.openMsg(str(path))
    except Exception as error:  # extract-msg raises many kinds for a file it cannot read
        raise UnreadableOutlookFile(f"not an Outlook message ({type(error).__name__})") from None
    try:
        if not isinstance(message, extract_msg.Message):
            raise UnreadableOutlookFile("an Outlook file, but not a mail message")
        return bytes(message.asEmailMessage().as_bytes())
    except UnreadableOutlookFile:
        raise
    except Exception as error:
        raise UnreadableOutlookFile(f"Outlook message could not be read ({error})") from None
    finally:
        message.close()
