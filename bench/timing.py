"""Timing shared by the bench scripts (run as ``python bench/NAME.py``: this folder is on the path)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    """CPU seconds of the fastest of ``repeat`` calls (the least disturbed by other work)."""
    cpu = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        cpu = min(cpu, time.process_time() - start)
    return cpu
