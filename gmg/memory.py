"""Long-lived objects kept out of the garbage collector's way, in each server process.

A worker holds well over 100,000 objects for as long as it lives: modules, URL patterns, compiled
templates, translation catalogues. Python's full collections walk every one of them, every few
dozen requests, for tens of milliseconds each time — what a visitor sees as a slow 95th or 99th
percentile. `gc.freeze()` moves what exists at that moment into a permanent generation that the
collector skips; garbage made by requests is still collected as before.

`install()` (gmg/wsgi.py) freezes once the app is loaded, and again after the process's 1st, 10th,
100th and 1,000th request, because templates are compiled and catalogues loaded on first use. Each
freeze follows a full collection, so nothing that is already garbage is kept for good.
"""

import gc

from django.core.signals import request_finished

FREEZE_AFTER = frozenset({1, 10, 100, 1000})
_served = 0


def freeze():
    gc.collect()
    gc.freeze()


def _after_request(**_ignored):
    global _served
    _served += 1
    if _served in FREEZE_AFTER:
        freeze()


def install():
    freeze()
    request_finished.connect(_after_request, dispatch_uid="gmg-memory-freeze")
