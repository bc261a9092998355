"""gmg.memory: a server process freezes what it has loaded, and again after its first requests."""

import gc

import pytest
from django.core.signals import request_finished

from gmg import memory


@pytest.fixture
def fresh_process(monkeypatch):
    """The counter of a new process, and the collector as it was afterwards (tests share one process)."""
    monkeypatch.setattr(memory, "_served", 0)
    thresholds = gc.get_threshold()
    yield
    request_finished.disconnect(dispatch_uid="gmg-memory-freeze")
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_installing_freezes_what_is_loaded_and_refreezes_after_the_1st_10th_100th_and_1000th_request(
    fresh_process, monkeypatch
):
    frozen_at = []
    real_freeze = memory.freeze
    monkeypatch.setattr(memory, "freeze", lambda: (frozen_at.append(memory._served), real_freeze()))

    memory.install()
    assert frozen_at == [0]
    assert gc.get_freeze_count() > 0

    for _ in range(1001):  # what request_finished calls (sending the signal would run Django's receivers too)
        memory._after_request(sender=None)

    assert frozen_at == [0, 1, 10, 100, 1000]
    assert request_finished.disconnect(dispatch_uid="gmg-memory-freeze"), "install() connects it to request_finished"


def test_a_freeze_collects_first_so_no_garbage_is_kept_for_good(fresh_process):
    class Cycle:
        pass

    gc.disable()  # only the freeze's own collection may free the cycle
    try:
        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        memory.freeze()
    finally:
        gc.enable()
    gc.unfreeze()  # what was frozen is back in the oldest generation, where get_objects sees it
    assert not any(type(obj) is Cycle for obj in gc.get_objects())  # type(): weak proxies among them may be dead


def test_the_youngest_generation_waits_for_20000_new_objects_and_the_older_ones_keep_their_pace(fresh_process):
    gc.set_threshold(700, 10, 10)  # Python's defaults
    memory.install()
    assert gc.get_threshold() == (20_000, 10, 10)

    collections = gc.get_stats()[0]["collections"]
    kept = [[] for _ in range(5_000)]  # 5,000 new containers: Python's default would have collected 7 times
    assert gc.get_stats()[0]["collections"] == collections
    del kept
