"""How the command line writes records: one per line, fields separated by tabs."""

from __future__ import annotations


def one_line(value: str | None) -> str:
    """A field of tab-separated output: tabs and line breaks become spaces, so each
    record stays on its own line whatever was typed into it."""
    return (value or "").replace("\t", " ").replace("\r", " ").replace("\n", " ")
