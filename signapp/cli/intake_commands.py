"""The ``intake`` and ``review`` commands of the command line.

``intake`` reads replies into a statement's review queue; ``review`` lists the queue,
corrects a proposal, and accepts or rejects items. Only ``review accept`` changes a
statement.
"""

from __future__ import annotations

import argparse
import sys
from typing import TypeVar

from sqlite_utils import Database

from signapp.cli.output import one_line
from signapp.core.errors import SignappError
from signapp.core.review_queue import (
    ReviewAction,
    accept_items,
    list_review_items,
    reject_items,
    set_proposal,
)
from signapp.i18n import _

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def register(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``intake PATH --statement ID [--dry-run]`` and the ``review`` commands."""
    intake = commands.add_parser(
        "intake",
        help=_("read email replies (.mbox, .eml, .msg or a folder) into the review queue"),
        description=(
            _(
                "Read replies to the call into the statement's review queue. Each message "
                "becomes a proposal (sign, decline, withdraw, question or ignore) that changes "
                "nothing until it is accepted with 'review accept'."
            )
        ),
    )
    intake.add_argument("path", help=_(".mbox or .eml file, Outlook .msg file, or a folder"))
    intake.add_argument("--statement", type=int, required=True, help=_("statement id"))
    intake.add_argument("--dry-run", action="store_true", help=_("show the summary, queue nothing"))
    intake.set_defaults(handler=handle_intake)

    review = commands.add_parser("review", help=_("the queue of email replies to decide"))
    actions = review.add_subparsers(dest="review_action", required=True, metavar="ACTION")
    listing = actions.add_parser(
        "list",
        help=_("pending items: id, date, sender, action, organisation, listed/anonymous"),
    )
    listing.add_argument("--statement", type=int, required=True, help=_("statement id"))
    listing.set_defaults(handler=handle_list)

    accept = actions.add_parser("accept", help=_("accept items: record what they propose"))
    accept.add_argument("items", type=int, nargs="*", metavar="ITEM")
    accept.add_argument("--all", action="store_true", help=_("every pending item of --statement"))
    accept.add_argument("--statement", type=int, help=_("statement id (with --all)"))
    accept.set_defaults(handler=handle_accept)

    reject = actions.add_parser("reject", help=_("reject items: nothing is recorded"))
    reject.add_argument("items", type=int, nargs="+", metavar="ITEM")
    reject.set_defaults(handler=handle_reject)

    correct = actions.add_parser("set", help=_("correct an item's proposal before accepting"))
    correct.add_argument("item", type=int, metavar="ITEM")
    who = correct.add_mutually_exclusive_group()
    who.add_argument("--org", type=int, help=_("the organisation it is from (directory id)"))
    who.add_argument("--new-org", help=_("a new organisation of this name"))
    correct.add_argument(
        "--action", choices=[action.value for action in ReviewAction], help=_("what it says")
    )
    listed = correct.add_mutually_exclusive_group()
    listed.add_argument("--anonymous", action="store_true", help=_("count it without naming"))
    listed.add_argument("--listed", action="store_true", help=_("name the organisation"))
    correct.set_defaults(handler=handle_set)


def handle_intake(args: argparse.Namespace, db: Database) -> int:
    from signapp.intake.run import intake_mail  # mail parsing: for this command only

    result = intake_mail(db, args.path, args.statement, dry_run=args.dry_run)
    print(result.summary_line())
    for source, reason in result.problems:
        print(f"{source}: {reason}", file=sys.stderr)
    return 0


def handle_list(args: argparse.Namespace, db: Database) -> int:
    for item in list_review_items(db, args.statement):
        print(
            "\t".join(
                (
                    str(item.id),
                    item.received_at or "",
                    item.sender or "",
                    item.action.value,
                    one_line(item.proposed_organisation),
                    "listed" if item.is_public else "anonymous",
                )
            )
        )
    return 0


def handle_accept(args: argparse.Namespace, db: Database) -> int:
    if args.all:
        if args.statement is None or args.items:
            raise SignappError(_("review accept --all needs --statement ID and no item ids"))
        item_ids = [item.id for item in list_review_items(db, args.statement)]
    elif args.items:
        item_ids = list(args.items)
    else:
        raise SignappError(_("review accept needs item ids, or --all --statement ID"))
    decision = accept_items(db, item_ids)
    kept = len(decision.kept_later_answer)
    line = _("accepted {accepted}, sign-ons recorded {recorded}").format(
        accepted=len(decision.item_ids), recorded=decision.recorded
    )
    if decision.created_organisations:
        line += _(", organisations added {count}").format(count=len(decision.created_organisations))
    if kept:
        line += _(", older than the answer already recorded {count}").format(count=kept)
    print(line)
    return 0


def handle_reject(args: argparse.Namespace, db: Database) -> int:
    print(_("rejected {count}").format(count=len(reject_items(db, args.items))))
    return 0


def handle_set(args: argparse.Namespace, db: Database) -> int:
    is_public = True if args.listed else False if args.anonymous else None
    set_proposal(
        db,
        args.item,
        action=args.action,
        organisation_id=args.org,
        new_organisation=args.new_org,
        is_public=is_public,
    )
    print(args.item)
    return 0
