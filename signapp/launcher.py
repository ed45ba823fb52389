"""One executable for both faces of signapp: the app, or the command line.

The bundle built with ``packaging/signapp.spec`` has a single ``signapp`` program.
Started without a command it opens the app (``signapp``, ``signapp --db FILE``); given
a command it runs the command line (``signapp export-pdf --statement 1 --out s.pdf``),
so batch work needs no Python either. Neither module is imported before the choice is
made: the command line loads ReportLab, the app loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_HELP = frozenset({"-h", "--help", "--version"})


def wants_command_line(args: Sequence[str]) -> bool:
    """Whether ``args`` (without the program name) are for the command line.

    The app takes only options (``--db FILE``, ``--quit-after-load``, Qt's ``-platform
    NAME``); the command line always has a command word (``export-pdf``), which is a
    bare word that is not the value of the option before it. Help goes to the command
    line, which lists the commands.
    """
    previous = ""
    for arg in args:
        if arg in _HELP:
            return True
        is_value = previous.startswith("-") and "=" not in previous
        if not arg.startswith("-") and not is_value:
            return True
        previous = arg
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app or the command line; returns the exit status."""
    argv = list(sys.argv if argv is None else argv)
    if wants_command_line(argv[1:]):
        from signapp.cli import main as command_line

        return command_line(argv[1:])
    return open_app(argv)


def open_app(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app (``main.py``, ``signapp-gui``); returns the exit status.

    The cycle collector is paused before the app's modules load, and resumed once the
    first view has its data (see :func:`signapp.core.collector.pause_for_start_up`).
    """
    from signapp.core.collector import pause_for_start_up

    pause_for_start_up()
    from signapp.ui.app import main as app

    return app(argv)
