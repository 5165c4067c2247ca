"""CPU time of read + check per bundled report (best of N), against read alone."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from juesuan.checks import check
from juesuan.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent


def best(fn, repeat: int) -> float:
    cpu = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        cpu = min(cpu, time.process_time() - start)
    return cpu


def main(repeat: int = 20) -> None:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    check(read_bytes(paths[0].read_bytes(), paths[0].name))  # warm caches and imports
    print(f"{'report':48} {'read ms':>8} {'read+check ms':>14} {'check share':>12}")
    for path in paths:
        data = path.read_bytes()
        read_cpu = best(lambda: read_bytes(data, path.name), repeat)
        both = best(lambda: check(read_bytes(data, path.name)), repeat)
        print(f"{path.name:48} {read_cpu * 1e3:8.1f} {both * 1e3:14.1f} {(both - read_cpu) / both:12.0%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
