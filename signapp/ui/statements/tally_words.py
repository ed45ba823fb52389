"""The words for :class:`~signapp.core.tally.SignOnTally`: the same in the statement
list's columns, the progress summary and its chart."""

from __future__ import annotations

from signapp.core.tally import SignOnTally
from signapp.i18n import N_, _, ngettext

TALLY_HEADERS = {
    "invited": N_("Invited"),
    "pending": N_("Pending"),
    "confirmed": N_("Confirmed"),
    "to_reconfirm": N_("To reconfirm"),
    "declined": N_("Declined"),
    "withdrawn": N_("Withdrawn"),
}
TALLY_EXPLAINED = {
    "invited": N_("Asked to sign, no answer yet"),
    "pending": N_("Answered, not yet decided"),
    "confirmed": N_("Confirmed the text as it is now"),
    "to_reconfirm": N_(
        "Confirmed an earlier text: must confirm again after a substantive revision"
    ),
    "declined": N_("Said no"),
    "withdrawn": N_("Signed, then took the name back"),
}


def tally_header(key: str) -> str:
    return _(TALLY_HEADERS[key])


def tally_sentence(tally: SignOnTally) -> str:
    """``41 sign-ons: 4 invited, 7 pending, 26 confirmed, 3 declined, 1 withdrawn.``

    Counts of zero are left out, except the confirmed (the one a reader looks for).
    """
    total = ngettext("{count:,} sign-on", "{count:,} sign-ons", tally.total).format(
        count=tally.total
    )
    parts = [
        _("{count:,} {what}").format(count=count, what=_(TALLY_HEADERS[key]).lower())
        for key, count in tally.items()
        if count or key == "confirmed"
    ]
    return _("{total}: {counts}.").format(total=total, counts=", ".join(parts))
