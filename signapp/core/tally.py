"""One set of sign-on counts, used by every view that counts sign-ons.

A confirmation that a substantive revision has made stale is counted once, under "to
reconfirm", and not also under "confirmed": the statement list showed "Confirmed 26"
beside "Reconfirm 26" for the same 26 organisations. Invited (asked, no answer) and
pending (answered, not yet decided) stay apart everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from signapp.core.model import SignOnStatus

TALLY_KEYS = ("invited", "pending", "confirmed", "to_reconfirm", "declined", "withdrawn")


@dataclass(frozen=True)
class SignOnTally:
    invited: int
    pending: int
    confirmed: int
    to_reconfirm: int
    declined: int
    withdrawn: int

    @classmethod
    def from_counts(
        cls, by_status: dict[SignOnStatus, int], needs_reconfirmation: int
    ) -> SignOnTally:
        """From the count of each status and of the confirmations needing renewal."""
        return cls(
            invited=by_status.get(SignOnStatus.INVITED, 0),
            pending=by_status.get(SignOnStatus.PENDING, 0),
            confirmed=by_status.get(SignOnStatus.CONFIRMED, 0) - needs_reconfirmation,
            to_reconfirm=needs_reconfirmation,
            declined=by_status.get(SignOnStatus.DECLINED, 0),
            withdrawn=by_status.get(SignOnStatus.WITHDRAWN, 0),
        )

    @property
    def total(self) -> int:
        return sum(count for _, count in self.items())

    def items(self) -> tuple[tuple[str, int], ...]:
        """Each count with its key, in :data:`TALLY_KEYS` order."""
        return tuple((key, int(getattr(self, key))) for key in TALLY_KEYS)
