"""``signapp person`` and ``signapp sign --person``, run as a coordinator runs them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import Cli


def test_people_sign_beside_organisations_on_the_command_line(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "cli.sqlite")
    cli.run("init")
    text = tmp_path / "statement.md"
    text.write_text("# Open letter\n\nWe, the undersigned, ...\n", encoding="utf-8")
    statement = cli.last_line(
        "statement", "add", "--title", "Open letter", "--text-file", str(text)
    )
    org = cli.last_line("org", "add", "--name", "Tenants Union")
    dara = cli.last_line(
        "person",
        "add",
        "--name",
        "Sok Dara",
        "--own-script-name",
        "សុខ ដារា",
        "--affiliation",
        "Professor, Royal University of Phnom Penh",
        "--country",
        "KH",
        "--email",
        "dara@example.org",
    )
    namesake = cli.last_line(
        "person", "add", "--name", "Sok Dara", "--affiliation", "Farmer, Takeo"
    )
    assert dara != namesake
    listing = cli.run("person", "list").stdout.splitlines()
    assert listing == [
        f"{dara}\tSok Dara\tសុខ ដារា\tProfessor, Royal University of Phnom Penh\tKH",
        f"{namesake}\tSok Dara\t\tFarmer, Takeo\t",
    ]
    assert cli.run("person", "list", "--search", "takeo").stdout.splitlines() == [listing[1]]
    assert "dara@example.org" not in cli.run("person", "list").stdout

    cli.run("sign", statement, "--org", org)
    cli.run("sign", statement, "--person", dara)
    cli.run("sign", statement, "--person", namesake, "--anonymous")
    rows = [line.split("\t") for line in cli.run("signatories", statement).stdout.splitlines()]
    assert [(row[1], row[4], row[-1]) for row in rows] == [
        ("Tenants Union", "listed", "organisation"),
        ("Sok Dara", "listed", "person"),
        ("Sok Dara", "anonymous", "person"),
    ]
    refused = cli.run("sign", statement, "--org", org, "--person", dara, expect=2)
    assert "not allowed with" in refused.stderr
    bad = cli.run("sign", statement, "--person", dara, "--contact", "1", expect=2)
    assert "a person signs alone" in bad.stderr
