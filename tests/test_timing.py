"""The stage timing that `make bench` reads: off unless collected, wall or CPU seconds."""

from __future__ import annotations

import time

from newsgraph.nlp import timing


def test_stages_are_not_recorded_outside_collect() -> None:
    with timing.collect() as seconds:
        pass
    with timing.stage("model"):
        pass
    assert seconds == {}
    assert not timing.enabled()


def test_collect_adds_each_stage_under_its_name() -> None:
    with timing.collect() as seconds:
        for _ in range(2):
            with timing.stage("quotes"):
                time.sleep(0.01)
        list(timing.timed_iter("model", iter([1, 2, 3])))
    assert set(seconds) == {"quotes", "model"}
    assert seconds["quotes"] >= 0.02  # wall time: the sleeps count


def test_cpu_collect_does_not_count_waiting() -> None:
    # A stage that only waits takes wall time and next to no CPU time: the CPU clock is the
    # one that other processes on a shared machine do not stretch.
    with timing.collect(cpu=True) as seconds, timing.stage("store"):
        time.sleep(0.2)
    assert seconds["store"] < 0.1
    with timing.stage("store"):  # the clock is back to wall time and off
        pass
    assert not timing.enabled()
