"""Intake speed and memory: a mailbox of 10,000 replies read into the review queue.

The mailbox mixes English and Khmer answers (sign, decline, withdraw, questions),
out-of-office replies, HTML-only mail, forwards and quoted chains, a few with a 200 KB
attachment, against a directory of 2,000 organisations. The intake runs in a child
process so its peak memory (VmHWM: ru_maxrss would keep the parent's peak) is its own.

Run from the repository root:  python bench/intake.py [--messages 10000]
"""

from __future__ import annotations

import argparse
import json
import mailbox
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANSWERS = [
    "We are happy to sign the statement.",
    "Unfortunately we cannot sign this time.",
    "Please withdraw our signature.",
    "Will the statement be published in Khmer?",
    "យើងខ្ញុំយល់ព្រមចុះហត្ថលេខាលើសេចក្តីថ្លែងការណ៍នេះ។",
    "យើងខ្ញុំមិនអាចចុះហត្ថលេខាបានទេ។",
    "We sign, but please do not list our name publicly.",
]
QUOTE = "\n\nOn Mon, 17 Nov 2026, Secretariat <sec@coalition.example.org> wrote:\n> " + (
    "Please let us know whether your organisation will sign. " * 8
)


def _mailbox(path: Path, count: int, organisations: int) -> None:
    rng = random.Random(7)
    start = datetime(2026, 11, 12, tzinfo=UTC)
    box = mailbox.mbox(path)
    try:
        for number in range(count):
            org = rng.randrange(organisations)
            mail = EmailMessage()
            mail["From"] = f"Contact {org} <contact{org}@org{org}.example.org>"
            mail["To"] = "sec@coalition.example.org"
            mail["Date"] = format_datetime(start + timedelta(minutes=number))
            mail["Message-ID"] = f"<bench-{number}@example.net>"
            kind = number % 10
            if kind == 0:
                mail["Subject"] = "Automatic reply: Call for sign-ons"
                mail["Auto-Submitted"] = "auto-replied"
                mail.set_content("I am out of the office until Monday.")
            elif kind == 1:
                mail["Subject"] = "Re: Call for sign-ons"
                mail.set_content(f"<p>{rng.choice(ANSWERS)}</p>", subtype="html")
            else:
                mail["Subject"] = "Re: Call for sign-ons"
                body = f"{rng.choice(ANSWERS)}\n\nBest regards,\nContact {org}\nOrganisation {org}"
                mail.set_content(body + QUOTE)
            if number % 200 == 0:
                mail.add_attachment(
                    rng.randbytes(200_000), maintype="image", subtype="png", filename="logo.png"
                )
            box.add(mail)
        box.flush()
    finally:
        box.close()


def _child(db_path: str, mbox: str) -> None:
    from signapp.core.db import open_database
    from signapp.intake.run import intake_mail

    db = open_database(db_path)
    started = time.perf_counter()
    result = intake_mail(db, mbox, 1)
    seconds = time.perf_counter() - started
    status = Path("/proc/self/status").read_text()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "summary": result.summary_line()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    from signapp.core import contacts, organisations
    from signapp.core.db import close_database, open_database
    from signapp.core.statements import create_issued_statement

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite"
        db = open_database(db_path)
        create_issued_statement(db, "Bench statement", "We, the undersigned, ...")
        for org in range(args.organisations):
            org_id = organisations.add_organisation(db, f"Organisation {org}")
            if org % 2:
                contacts.add_contact(
                    db, org_id, f"Contact {org}", email=f"contact{org}@org{org}.example.org"
                )
        close_database(db)
        mbox = Path(folder) / "replies.mbox"
        started = time.perf_counter()
        _mailbox(mbox, args.messages, args.organisations)
        print(
            f"mailbox: {args.messages:,} messages, {mbox.stat().st_size / 1e6:.1f} MB "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        for run in ("first intake", "second intake (all already queued)"):
            output = subprocess.run(
                [sys.executable, __file__, "--child", str(db_path), str(mbox)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output)
            print(
                f"{run}: {figures['seconds']:.1f} s, "
                f"{args.messages / figures['seconds']:,.0f} messages/s, "
                f"peak memory {figures['peak_mb']:.0f} MB"
            )
            print(f"  {figures['summary']}")


if __name__ == "__main__":
    main()
