"""Batch ingest throughput: 200 reports derived from the corpus, into a fresh store,
with 1 and 2 local worker processes and through a local Ray cluster.

Each derived report is a corpus report with the department renamed (so every file is
a distinct report with its own hash). Prints reports per second (wall clock) and per worker process (per core):
first read + check alone (the workers' share), then whole ingests (read + check +
store; the single writer is the parent process).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from juesuan.store import Store
from juesuan.store.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    (ROOT / "examples" / "lianjiang-medical-security-bureau-2023.txt", "廉江市医疗保障局"),
    (ROOT / "examples" / "jiangmen-medical-security-bureau-2024.txt", "江门市医疗保障局"),
)


def derive(directory: Path, count: int) -> list[Path]:
    texts = [(path.read_text(encoding="utf-8"), name) for path, name in SOURCES]
    paths = []
    for i in range(count):
        text, name = texts[i % 2]
        path = directory / f"report-{i:03d}.txt"
        path.write_text(text.replace(name, f"{name[:2]}{i:03d}{name[2:]}"), encoding="utf-8")
        paths.append(path)
    return paths


def run(files: list[Path], workdir: Path, label: str, workers: int, engine: str) -> None:
    db = workdir / f"{label}.duckdb"
    with Store(db) as store:
        start = time.perf_counter()
        summary = ingest(files, store, workers=workers, engine=engine)
        elapsed = time.perf_counter() - start
        stored = store.count("reports")
    assert len(summary.added) == len(files) == stored, (len(summary.added), len(summary.failed), stored)
    _line(label, len(files), elapsed, workers)


def _line(label: str, count: int, elapsed: float, workers: int) -> None:
    rate = count / elapsed
    print(f"{label:24} {count:>7} {elapsed:9.2f} {rate:12.1f} {rate / workers:10.1f}", flush=True)


def parse_only(files: list[Path], label: str, workers: int) -> None:
    """Read + check alone (the workers' share), to separate it from the writer's."""
    from concurrent.futures import ProcessPoolExecutor

    from juesuan.store.ingest import process

    names = [str(f) for f in files]
    start = time.perf_counter()
    if workers == 1:
        results = list(map(process, names))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(process, names, chunksize=4))
    elapsed = time.perf_counter() - start
    assert all(not hasattr(r, "message") for r in results)
    _line(label, len(files), elapsed, workers)


def main(count: int = 200) -> None:
    print(f"机器：{os.cpu_count()} 个 CPU；{count} 份由样例派生的报告")
    print(f"{'engine':24} {'reports':>7} {'seconds':>9} {'reports/s':>12} {'per core':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / "in").mkdir()
        files = derive(workdir / "in", count)
        print("— 只读取和校验（不入库）")
        parse_only(files, "read+check, 1 worker", 1)
        parse_only(files, "read+check, 2 workers", 2)
        print("— 入库（读取、校验、写入 DuckDB）")
        run(files, workdir, "local, 1 worker", 1, "local")
        run(files, workdir, "local, 2 workers", 2, "local")
        try:
            import ray  # noqa: F401
        except ImportError:
            print("ray (2 CPUs)             未安装 Ray，跳过（pip install 'juesuan[ray]'）")
            return
        os.environ.setdefault("RAY_ADDRESS", "")
        if not os.environ["RAY_ADDRESS"]:
            del os.environ["RAY_ADDRESS"]
        run(files, workdir, "ray (local cluster, 2)", 2, "ray")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
