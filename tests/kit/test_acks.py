"""Acks first: work after an ack waits while other requests of the process wait for theirs."""

from __future__ import annotations

import threading
import time

from handlers.kit.acks import AckGate


def test_work_after_an_ack_waits_for_the_requests_still_waiting() -> None:
    gate = AckGate()
    entered, release = threading.Event(), threading.Event()
    started: list[float] = []

    def request() -> None:
        with gate.request():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=request)
    thread.start()
    entered.wait(5)

    def after_ack() -> None:
        gate.wait_for_acks(timeout=5)
        started.append(time.monotonic())

    worker = threading.Thread(target=after_ack)
    worker.start()
    time.sleep(0.2)
    assert started == [] and gate.waiting == 1
    released_at = time.monotonic()
    release.set()
    worker.join(5)
    thread.join(5)
    assert started and started[0] >= released_at
    assert gate.waiting == 0


def test_a_steady_stream_of_requests_only_delays_the_work() -> None:
    gate = AckGate()
    with gate.request():
        began = time.monotonic()
        assert gate.wait_for_acks(timeout=0.2) is False
        assert time.monotonic() - began >= 0.19
    assert gate.wait_for_acks(timeout=0.2) is True
