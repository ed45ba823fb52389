"""``signapp intake`` and ``signapp review``, run as a coordinator runs them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import Cli

from .mail import message, write_mbox


def test_intake_then_review_from_the_command_line(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "cli.sqlite")
    cli.run("init")
    text = tmp_path / "statement.md"
    text.write_text("# Statement\n\nWe, the undersigned, ...\n", encoding="utf-8")
    statement = cli.last_line(
        "statement", "add", "--title", "Land defenders", "--text-file", str(text)
    )
    org = cli.last_line("org", "add", "--name", "Cambodian Centre for Rights Defence")
    cli.run(
        "contact", "add", "--org", org, "--name", "Dara Sok", "--email", "dara@ccrd.example.org"
    )
    mbox = write_mbox(
        tmp_path / "replies.mbox",
        [
            message("Dara Sok <dara@ccrd.example.org>", "We sign, but anonymously please."),
            message(
                "Info <info@mekongyouth.example.com>",
                "We are happy to sign.\n\nBest regards,\nMekong Youth Network",
            ),
            message(
                "Mailer <mailer-daemon@mail.example.net>",
                "Delivery failed.",
                subject="Undeliverable: Call",
            ),
        ],
    )
    dry = cli.run("intake", str(mbox), "--statement", statement, "--dry-run").stdout
    assert "would queue 3 (sign 2, ignore 1)" in dry
    assert cli.run("review", "list", "--statement", statement).stdout == ""
    summary = cli.run("intake", str(mbox), "--statement", statement).stdout
    assert "queued 3" in summary
    again = cli.run("intake", str(mbox), "--statement", statement).stdout
    assert "queued 0" in again and "already queued 3" in again
    lines = [
        line.split("\t")
        for line in cli.run("review", "list", "--statement", statement).stdout.splitlines()
    ]
    assert [(line[2], line[3], line[4], line[5]) for line in lines] == [
        ("dara@ccrd.example.org", "sign", org, "anonymous"),
        ("info@mekongyouth.example.com", "sign", "new:Mekong Youth Network", "listed"),
        ("mailer-daemon@mail.example.net", "ignore", "new:", "listed"),
    ]
    assert lines[0][1].startswith("2026-11-20T09:30:00")
    assert cli.run("signatories", statement).stdout == ""
    cli.run("review", "set", lines[1][0], "--anonymous")
    cli.run("review", "reject", lines[2][0])
    accepted = cli.run("review", "accept", "--all", "--statement", statement).stdout
    assert "accepted 2, sign-ons recorded 2, organisations added 1" in accepted
    signatories = cli.run("signatories", statement).stdout
    assert "Mekong Youth Network" in signatories
    assert cli.run("review", "list", "--statement", statement).stdout == ""
    bad = cli.run("review", "accept", lines[0][0], expect=2)
    assert "already accepted" in bad.stderr
