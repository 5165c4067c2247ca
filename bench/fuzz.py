"""Long fuzzing runs: mutated corpus texts and byte-level mutations of the PDF, XLSX, XLS
and HTML fixtures (tests/fuzzing.py), read and checked under the default limits.

    .venv/bin/python bench/fuzz.py --cases 10000            # every format, 10,000 each
    .venv/bin/python bench/fuzz.py --formats pdf --cases 500 --workers 2

Each case runs in a worker process under RLIMIT_AS (--memory, 1 GiB by default) with a
wall-clock alarm (--time-limit); the parent also gives up on a worker that does not
answer. Prints per format: cases, cases per second, refused (a clear JuesuanError line),
internal errors (any other exception), hangs (past the time limit), out of memory, crashes
(a worker killed by a signal: a fault in C code) and the peak RSS of a worker. The input of every internal error, hang or memory failure is written
to --out with its exception, to be committed as a regression fixture named after the
problem. The run is deterministic for a --seed.
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import FORMATS, mutate, seeds  # noqa: E402

_SEEDS: dict[str, list[tuple[str, bytes]]] = {}


class _Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _Hang


def _start(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGALRM, _alarm)
    import juesuan.pipeline  # noqa: F401 — imported once per worker, not per case


def _case(kind: str, seed: int, index: int, time_limit: float) -> tuple[str, str, str, float, int, bytes | None]:
    """(status, seed file, message, seconds, peak RSS KiB, the input when it failed)."""
    from juesuan.errors import JuesuanError
    from juesuan.pipeline import read_and_check

    if kind not in _SEEDS:
        _SEEDS[kind] = seeds(kind)
    rng = random.Random(f"{kind}:{seed}:{index}")
    name, original = rng.choice(_SEEDS[kind])
    data = mutate(kind, original, rng)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    status, message = "ok", ""
    try:
        read_and_check(data, name)
    except JuesuanError as exc:
        status, message = "refused", str(exc)
        if "\n" in message.strip() or "内部错误" in message:
            status = "internal"
    except _Hang:
        status, message = "hang", f"over {time_limit:g} s"
    except MemoryError:
        status, message = "memory", "MemoryError"
    except Exception as exc:  # noqa: BLE001 — what the fuzzer is looking for
        status, message = "internal", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if peak > before + 256 * 1024:  # this case raised the worker's peak by more than 256 MiB: say which
        message = message or f"peak RSS {peak // 1024} MiB"
        status = status if status != "ok" else "heavy-ok"
    return status, name, message, elapsed, peak, data if status in ("internal", "hang", "memory") else None


def _input(kind: str, seed: int, index: int) -> bytes:
    if kind not in _SEEDS:
        _SEEDS[kind] = seeds(kind)
    rng = random.Random(f"{kind}:{seed}:{index}")
    _, original = rng.choice(_SEEDS[kind])
    return mutate(kind, original, rng)


def _kill(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _alone(kind: str, seed: int, index: int, time_limit: float, memory: int) -> tuple:
    pool = ProcessPoolExecutor(max_workers=1, initializer=_start, initargs=(memory,))
    try:
        return pool.submit(_case, kind, seed, index, time_limit).result(timeout=time_limit * 2 + 30)
    except TimeoutError:
        return ("hang", "?", "worker did not answer", time_limit * 2, 0, None)
    except Exception as exc:  # noqa: BLE001 — the worker died on this case: a crash (a signal in C code)
        return ("crash", "?", f"worker died ({type(exc).__name__})", 0.0, 0, None)
    finally:
        _kill(pool)


def run(kind: str, cases: int, workers: int, seed: int, time_limit: float, memory: int, out: Path) -> dict[str, float]:
    counts: Counter[str] = Counter()
    peak = 0
    slowest = 0.0
    started = time.perf_counter()
    index = 0
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(memory,))
    try:
        while index < cases:
            batch = list(range(index, min(cases, index + workers * 8)))
            futures = [(i, pool.submit(_case, kind, seed, i, time_limit)) for i in batch]
            results: dict[int, tuple] = {}
            broken = False
            for i, future in futures:
                try:
                    results[i] = future.result(timeout=time_limit * 2 + 30)
                except TimeoutError:  # stuck in C code past the alarm: a hang; start fresh workers
                    results[i] = ("hang", "?", "worker did not answer", time_limit * 2, 0, None)
                    broken = True
                    break
                except Exception:  # noqa: BLE001 — a worker died (a crash in C code): find which case below
                    broken = True
                    break
            if broken:
                _kill(pool)
                for i in batch:  # the rest one at a time, each in a fresh worker: the crash is named exactly
                    if i not in results:
                        results[i] = _alone(kind, seed, i, time_limit, memory)
                pool = ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(memory,))
            for i in batch:
                status, name, message, elapsed, rss, data = results[i]
                counts[status] += 1
                peak = max(peak, rss)
                slowest = max(slowest, elapsed)
                if status == "heavy-ok":
                    counts["ok"] += 1
                    counts[status] -= 1
                    print(f"  heavy: case {i} from {name}: {message}", flush=True)
                if status in ("internal", "hang", "memory", "crash"):
                    out.mkdir(parents=True, exist_ok=True)
                    stem = out / f"{kind}-{seed}-{i}-{status}"
                    if data is None:
                        data = _input(kind, seed, i)
                    stem.with_suffix(".bin").write_bytes(data)
                    stem.with_suffix(".txt").write_text(f"{name}\n{message}\n", encoding="utf-8")
                    print(f"  {status}: case {i} from {name}: {message[:160]}", flush=True)
            index = batch[-1] + 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    seconds = time.perf_counter() - started
    return {
        "cases": cases,
        "per_second": cases / seconds if seconds else 0.0,
        "ok": counts["ok"],
        "refused": counts["refused"],
        "internal": counts["internal"],
        "hangs": counts["hang"],
        "memory": counts["memory"],
        "crashes": counts["crash"],
        "peak_mib": peak / 1024,
        "slowest": slowest,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases per format")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds per case before it counts as a hang")
    parser.add_argument("--memory", type=int, default=1 << 30, help="RLIMIT_AS of a worker (bytes)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/juesuan-fuzz"), help="where failing inputs are written")
    args = parser.parse_args()
    print(
        f"{'format':8} {'cases':>7} {'cases/s':>8} {'ok':>6} {'refused':>8} {'internal':>8} {'hangs':>6} {'memory':>6} {'crashes':>7} {'peak MiB':>9} {'slowest s':>9}"
    )
    for kind in args.formats:
        r = run(kind, args.cases, args.workers, args.seed, args.time_limit, args.memory, args.out)
        print(
            f"{kind:8} {r['cases']:>7} {r['per_second']:>8.1f} {r['ok']:>6} {r['refused']:>8} {r['internal']:>8} {r['hangs']:>6}"
            f" {r['memory']:>6} {r['crashes']:>7} {r['peak_mib']:>9.0f} {r['slowest']:>9.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
