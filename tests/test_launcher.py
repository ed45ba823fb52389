"""The bundle's one executable opens the app, or runs the command line given a command."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from signapp import cli
from signapp.launcher import wants_command_line

PACKAGE = Path(__file__).resolve().parents[1] / "signapp"


def _commands() -> list[str]:
    parser = cli.build_parser()
    subcommands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return sorted(subcommands.choices)


def test_every_command_runs_the_command_line_with_or_without_a_database() -> None:
    for command in _commands():
        assert wants_command_line([command, "--help"]), command
        assert wants_command_line(["--db", "coalition.sqlite", command]), command
        assert wants_command_line(["--db=coalition.sqlite", command]), command
        assert wants_command_line(["--passphrase-file", "secret.txt", command]), command


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--db", "coalition.sqlite"],
        ["--quit-after-load"],
        ["--db", "check"],  # a database file that happens to be named like a command
        ["--db=coalition.sqlite"],
        ["-platform", "offscreen", "--quit-after-load"],
        ["--screenshot", "window.png", "--view", "organisations"],
    ],
)
def test_options_alone_open_the_app(args: list[str]) -> None:
    assert not wants_command_line(args)


@pytest.mark.parametrize(
    "args",
    [
        ["export-pdf", "--statement", "1", "--out", "s.pdf"],
        ["--db", "coalition.sqlite", "statement", "list"],
        ["--passphrase-file", "secret.txt", "check"],
        ["--help"],
        ["--version"],
        ["statment", "list"],  # mistyped: the command line names the commands
    ],
)
def test_a_command_runs_the_command_line(args: list[str]) -> None:
    assert wants_command_line(args)


def test_nothing_starts_a_copy_of_the_program() -> None:
    """In a frozen app ``sys.executable`` is the app itself: starting it runs the app again."""
    for module in PACKAGE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "executable":
                assert not (isinstance(node.value, ast.Name) and node.value.id == "sys"), module
            if isinstance(node, ast.Name | ast.alias):
                name = node.id if isinstance(node, ast.Name) else node.name
                assert name not in {"subprocess", "QProcess", "multiprocessing"}, module
