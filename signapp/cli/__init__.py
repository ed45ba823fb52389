"""The command line (``python -m signapp``, ``signapp``): a thin shell over core.

:mod:`signapp.cli.program` builds the parser and runs a command; each area adds its
sub-commands from a module of its own (``*_commands``).
"""

from signapp.cli.program import build_parser, main

__all__ = ["build_parser", "main"]
