"""Pausing Python's cycle collector while long work builds many small objects."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # paused blocks running now, in any thread
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; it resumes when the last such block ends.

    Each full pass of the collector scans every live object. Work that keeps a large
    number of objects alive (the rows of a big import, the names of a long signatory
    list) triggers such passes again and again as it grows, so its time grows faster
    than its size. Memory without cycles is still freed at once; cycles made meanwhile
    wait for the next pass after the block.

    Blocks may nest and may run in several threads at once: the collector resumes
    only when the last one ends, and only if it was running before the first.
    """
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


_start_up_paused = False


def pause_for_start_up() -> None:
    """Pause the cycle collector while the app starts; :func:`start_up_done` resumes it.

    Start-up makes hundreds of thousands of objects that live as long as the app
    (modules, classes, Qt wrappers, the first view's rows), and none of them is garbage:
    the collector's passes over them took a tenth of the start-up.
    """
    global _start_up_paused
    if gc.isenabled():
        gc.disable()
        _start_up_paused = True


def start_up_done() -> None:
    """Resume the collector paused by :func:`pause_for_start_up`, first moving what
    start-up made out of its sight (``gc.freeze``): later passes, while the person
    works, then scan only what was made since. Does nothing if start-up did not pause it.
    """
    global _start_up_paused
    if _start_up_paused:
        _start_up_paused = False
        gc.freeze()
        gc.enable()
