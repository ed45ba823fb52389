"""Reading a mailbox into a statement's review queue.

Each message is read, understood and queued as a proposal; nothing else in the store
changes. Messages already queued (same Message-ID, or same content when there is none)
are counted and left alone, so the same mailbox can be read again after new replies
came in. A message that cannot be read is reported with its reason and the rest go on.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from signapp.core import import_store
from signapp.core.errors import Cancelled, SignappError
from signapp.core.review_queue import (
    NewReviewItem,
    ReviewAction,
    known_message_keys,
    queue_items,
)
from signapp.core.statements import get_statement, list_versions
from signapp.i18n import _
from signapp.importing.plan import DirectoryOrganisation
from signapp.intake.intent import Intent, classify
from signapp.intake.outlook import UnreadableOutlookFile, outlook_message_bytes
from signapp.intake.parse import ParsedMessage, UnreadableMessage, parse_message, quick_key
from signapp.intake.reply import read_reply
from signapp.intake.sender import Directory
from signapp.intake.sources import OutlookFile, RawMessage, Skipped, find_messages

ProgressCallback = Callable[[int], None]
CancelCheck = Callable[[], bool]
_KEPT_MESSAGE_CHARS = 100_000


@dataclass
class IntakeResult:
    """What one intake did, for its summary line."""

    path: Path
    dry_run: bool
    read: int = 0
    queued: int = 0
    already_queued: int = 0
    proposals: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)
    items: list[NewReviewItem] = field(default_factory=list)

    def summary_line(self) -> str:
        counts = ", ".join(
            f"{action.value} {self.proposals[action.value]}"
            for action in ReviewAction
            if self.proposals[action.value]
        ) or _("none")
        line = (
            _(
                "{path}: messages read {read}, would queue {queued} ({counts}), already "
                "queued {already}, not readable {unreadable}"
            )
            if self.dry_run
            else _(
                "{path}: messages read {read}, queued {queued} ({counts}), already queued "
                "{already}, not readable {unreadable}"
            )
        ).format(
            path=self.path,
            read=self.read,
            queued=self.queued,
            counts=counts,
            already=self.already_queued,
            unreadable=len(self.problems),
        )
        return line


class _Versions:
    """The version in force at a moment: the last one issued at or before it."""

    def __init__(self, db: Database, statement_id: int) -> None:
        issued = sorted(
            (version.issued_at, version.number)
            for version in list_versions(db, statement_id)
            if version.issued_at
        )
        self.times = [moment for moment, _ in issued]
        self.numbers = [number for _, number in issued]

    def at(self, moment: datetime | None) -> int | None:
        if not self.numbers:
            return None
        if moment is None:
            return self.numbers[-1]
        index = bisect.bisect_right(self.times, moment.isoformat())
        return self.numbers[max(index - 1, 0)]


def intake_mail(
    db: Database,
    path: str | Path,
    statement_id: int,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> IntakeResult:
    """Read every message under ``path`` into the statement's review queue."""
    path = Path(path)
    call_words = call_words_of(get_statement(db, statement_id).title)
    if not path.exists():
        raise SignappError(_("{path}: no such file or folder").format(path=path))
    directory = Directory([DirectoryOrganisation(**row) for row in import_store.directory_rows(db)])
    versions = _Versions(db, statement_id)
    known = known_message_keys(db, statement_id)
    result = IntakeResult(path=path, dry_run=dry_run)
    new_items: list[NewReviewItem] = []
    for source, parsed in _messages(path, result, known):
        if cancelled is not None and cancelled():
            raise Cancelled()
        result.read += 1
        if progress is not None:
            progress(result.read)
        if parsed is None or parsed.key in known:
            result.already_queued += 1
            continue
        known.add(parsed.key)
        item = understand(parsed, source, directory, versions, call_words)
        new_items.append(item)
        result.proposals[item.action.value] += 1
    result.items = new_items
    if not dry_run and new_items:
        queue_items(db, statement_id, new_items)
    result.queued = len(new_items)
    return result


def _messages(
    path: Path, result: IntakeResult, known: set[str]
) -> Iterator[tuple[str, ParsedMessage | None]]:
    """Each message read, or None for one queued before (found by its key alone)."""
    for found in find_messages(path):
        if isinstance(found, Skipped):
            result.problems.append((found.source, found.reason))
            continue
        try:
            data = (
                outlook_message_bytes(found.path)
                if isinstance(found, OutlookFile)
                else found.data
                if isinstance(found, RawMessage)
                else b""
            )
            if quick_key(data) in known:
                yield found.source, None
                continue
            yield found.source, parse_message(data)
        except (UnreadableMessage, UnreadableOutlookFile) as error:
            result.problems.append((found.source, str(error)))
        except (ValueError, LookupError, UnicodeError, IndexError) as error:
            result.problems.append((found.source, f"malformed message ({type(error).__name__})"))


_CALL_SUBJECT = re.compile(
    r"^\s*((re|aw|sv|fwd?|tr|wg|rv)\s*:)|\b(sign|statement|letter|endorse|support|joint|"
    r"petition|coalition|declaration|appeal)|សេចក្ត?ីថ្លែងការណ៍|ហត្ថលេខា|គាំទ្រ|លិខិត",
    re.IGNORECASE,
)


def call_words_of(title: str) -> frozenset[str]:
    """The longer words of the statement's title, which a new message about it names."""
    return frozenset(word for word in re.findall(r"\w+", title.casefold()) if len(word) > 4)


def about_the_call(parsed: ParsedMessage, call_words: frozenset[str]) -> bool:
    """Whether a message from an unknown sender is an answer to the call at all: a reply
    or forward, or a subject about signing or naming the statement. Spam and newsletters
    are neither."""
    if parsed.headers.get("In-Reply-To") or parsed.headers.get("References"):
        return True
    subject = parsed.subject or ""
    if _CALL_SUBJECT.search(subject):
        return True
    return not call_words.isdisjoint(re.findall(r"\w+", subject.casefold()))


def understand(
    parsed: ParsedMessage,
    source: str,
    directory: Directory,
    versions: _Versions,
    call_words: frozenset[str] = frozenset(),
) -> NewReviewItem:
    """The proposal for one message."""
    reply = read_reply(parsed.text, parsed.subject)
    sender_name, sender = parsed.sender_name, parsed.sender
    if reply.forwarded_from is not None:
        sender_name, sender = reply.forwarded_from
    intent = classify(reply.text, parsed.subject, parsed.headers)
    if intent.action is ReviewAction.IGNORE:
        who = directory.match(sender, "", "")
    else:
        who = directory.match(sender, reply.text, reply.signature, sender_name)
        if who.organisation_id is None and not about_the_call(parsed, call_words):
            intent = Intent(
                ReviewAction.IGNORE,
                False,
                "not an answer to the call: an unknown sender, a new subject unrelated to it",
            )
    reasons = [intent.reason, who.reason, *parsed.notes]
    if reply.forwarded_from is not None:
        reasons.append(f"forwarded by {parsed.sender}")
    message = f"{parsed.headers_text()}\n\n{parsed.text}"[:_KEPT_MESSAGE_CHARS]
    return NewReviewItem(
        message_key=parsed.key,
        received_at=parsed.date.isoformat() if parsed.date else None,
        sender=sender,
        sender_name=sender_name,
        subject=parsed.subject,
        answer_text=reply.text,
        message=message,
        attachments=tuple(attachment.describe() for attachment in parsed.attachments),
        source=source,
        action=intent.action,
        organisation_id=who.organisation_id,
        new_organisation=who.new_name if who.organisation_id is None else None,
        is_public=not intent.anonymous,
        version_number=versions.at(parsed.date),
        reason="; ".join(reason for reason in reasons if reason),
    )
