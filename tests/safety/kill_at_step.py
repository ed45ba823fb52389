"""Run a signapp command that kills itself (SIGKILL) at its Nth filesystem step.

``kill_at_step.py N ARGS...`` runs ``signapp ARGS...``. The steps counted are each file
renamed or removed (counted just before it happens) and each rewritten copy made by
a change of passphrase (counted once it is written); removing a file that is not
there is no step. N = 0 kills nothing and prints
``steps K`` on stderr at the end, so a test can then kill at every step in turn.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from signapp import cli
from signapp.core import encryption

kill_at = int(sys.argv[1])
steps = 0


def _step() -> None:
    global steps
    steps += 1
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)


def _on_audit_event(event: str, args: tuple[Any, ...]) -> None:
    if event == "os.rename" or (event == "os.remove" and os.path.lexists(args[0])):
        _step()


_read_counts = encryption.read_counts


def _after_copy_written(*args: Any, **kwargs: Any) -> Any:
    _step()
    return _read_counts(*args, **kwargs)


encryption.read_counts = _after_copy_written
sys.addaudithook(_on_audit_event)
status = cli.main(sys.argv[2:])
print(f"steps {steps}", file=sys.stderr)
sys.exit(status)
