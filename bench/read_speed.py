"""Read speed of the text reader on the bundled reports.

Prints, per report: wall and CPU milliseconds per read (best of N), reports per
second, and the ratio to the floor — decoding the file and tokenising every line
with a regex, which any text reader must do at least.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from juesuan.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\S+")


def best(fn, repeat: int) -> tuple[float, float]:
    """(wall, cpu) seconds of the fastest of ``repeat`` calls."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def floor(data: bytes) -> int:
    return sum(len(_TOKEN.findall(line)) for line in data.decode("utf-8").splitlines())


def main(repeat: int = 30) -> None:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    read_bytes(paths[0].read_bytes(), paths[0].name)  # warm the catalog cache and imports
    print(f"{'report':48} {'wall ms':>8} {'cpu ms':>8} {'reports/s':>10} {'floor ms':>9} {'×floor':>7}")
    total_wall = 0.0
    for path in paths:
        data = path.read_bytes()
        wall, cpu = best(lambda: read_bytes(data, path.name), repeat)
        base, _ = best(lambda: floor(data), repeat)
        total_wall += wall
        print(f"{path.name:48} {wall * 1e3:8.2f} {cpu * 1e3:8.2f} {1 / wall:10.1f} {base * 1e3:9.3f} {wall / base:7.1f}")
    print(f"corpus: {len(paths)} reports, {len(paths) / total_wall:.1f} reports/s (one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
