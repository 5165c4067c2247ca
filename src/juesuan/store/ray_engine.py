"""The same read-and-check work on a Ray cluster, for corpora beyond one machine.

With RAY_ADDRESS set, the driver joins that cluster; otherwise it starts a local one
with ``workers`` CPUs for the run. Results stream back as they finish; the driver
alone writes to the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from ..errors import JuesuanError

Result = TypeVar("Result")


class RayUnavailable(JuesuanError):
    """Ray is not installed."""


def run_ray(paths: Sequence[str], workers: int, work: Callable[[str], Result], lost: Callable[[str, str], Result]) -> Iterator[Result]:
    """``work(path)`` for every path on the cluster, results as they finish; a task Ray
    lost becomes ``lost(path, why)``."""
    try:
        import ray
    except ImportError as exc:  # an optional extra: pip install 'juesuan[ray]'
        raise RayUnavailable("未安装 Ray：请先安装 pip install 'juesuan[ray]'，或使用 --engine local") from exc
    started = False
    if not ray.is_initialized():
        if os.environ.get("RAY_ADDRESS"):
            ray.init(log_to_driver=False)
        else:
            ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False)
        started = True
    try:

        def call(path: str) -> Result:  # a plain function: Ray takes no partial (cloudpickle ships ``work``)
            return work(path)

        task = ray.remote(max_retries=1)(call)
        path_of = {task.remote(path): path for path in paths}
        pending = list(path_of)
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                try:
                    yield ray.get(ref)
                except Exception as exc:  # noqa: BLE001 — a lost task is one failed file
                    yield lost(path_of[ref], f"Ray 任务失败：{type(exc).__name__}: {exc}")
    finally:
        if started:
            ray.shutdown()
