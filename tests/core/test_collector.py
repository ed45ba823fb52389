"""Pausing the cycle collector: resumed when the last pause ends, as it was before."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from signapp.core.collector import cycle_collection_paused, pause_for_start_up, start_up_done


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_in_the_block_and_runs_after_it() -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_resumes_when_the_block_fails() -> None:
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("layout failed")
    assert gc.isenabled()


def test_a_collector_off_before_the_block_stays_off() -> None:
    gc.disable()
    with cycle_collection_paused():
        pass
    assert not gc.isenabled()


def test_a_nested_block_leaves_the_collector_paused_for_the_outer_one() -> None:
    with cycle_collection_paused():
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_blocks_in_two_threads_resume_the_collector_only_when_both_have_ended() -> None:
    started, release = threading.Event(), threading.Event()
    seen_during_other: list[bool] = []

    def long_work() -> None:
        with cycle_collection_paused():
            started.set()
            release.wait(timeout=10)

    worker = threading.Thread(target=long_work)
    worker.start()
    assert started.wait(timeout=10)
    with cycle_collection_paused():
        pass
    seen_during_other.append(gc.isenabled())  # the worker's block is still running
    release.set()
    worker.join(timeout=10)
    assert seen_during_other == [False]
    assert gc.isenabled()


def test_start_up_pauses_the_collector_then_freezes_what_it_made() -> None:
    frozen_before = gc.get_freeze_count()
    try:
        pause_for_start_up()
        assert not gc.isenabled()
        made_at_start_up = [[index] for index in range(1000)]
        start_up_done()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(made_at_start_up)
        start_up_done()  # a second call (a window that failed to open) changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_start_up_done_leaves_a_collector_it_did_not_pause_alone() -> None:
    gc.disable()
    try:
        pause_for_start_up()  # already off (an export's pause): not start-up's to resume
        start_up_done()
        assert not gc.isenabled()
    finally:
        gc.enable()
