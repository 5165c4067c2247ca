"""Load on the web app: readers of GET /api/reports while hostile uploads are in flight.

    .venv/bin/python bench/load.py                      # 16 readers, 6 uploaders, 20 s
    .venv/bin/python bench/load.py --readers 16 --uploaders 6 --seconds 30

Starts ``juesuan serve`` on 127.0.0.1 (a free port, a fresh database holding the two
corpus reports), then runs for --seconds (bounded: at most --max-requests reads): first
the readers alone (the baseline), then the readers with the uploaders posting the hostile
fixtures and a real PDF in a loop (uploads beyond the queue are answered 503 at once).
Prints p50/p99/max latency of the reads in both phases, the ratio of the two p99s, and
the uploads' status counts. Never listens beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
UPLOADS = [
    *(
        HOSTILE / name
        for name in ("pdf-stream-bomb-1GB.pdf", "html-spans-many-rows.html", "xlsx-merge-A2-XFD1048576.xlsx", "pdf-40000-ruling-lines.pdf")
    ),
    ROOT / "tests" / "fixtures" / "lianjiang-2023.pdf",  # a real report: a second of parsing
    ROOT / "tests" / "fixtures" / "jiangmen-2024.xlsx",
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int) -> tuple[float, int]:
    started = time.perf_counter()
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        con.request("GET", "/api/reports")
        response = con.getresponse()
        response.read()
        return time.perf_counter() - started, response.status
    finally:
        con.close()


def _post(port: int, path: Path) -> int:
    boundary = uuid.uuid4().hex
    # a unique trailer per upload, so that no upload is answered from the store as known
    data = path.read_bytes() + b"\n" + uuid.uuid4().hex.encode()  # after %%EOF, the zip directory or the text
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    try:
        con.request("POST", "/api/reports", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = con.getresponse()
        response.read()
        return response.status
    finally:
        con.close()


def _readers(port: int, count: int, seconds: float, max_requests: int) -> tuple[list[float], Counter[int]]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) >= max_requests:
                    return
            elapsed, status = _get(port)
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1

    threads = [threading.Thread(target=loop) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--uploaders", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    port = _port()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        juesuan = [sys.executable, "-m", "juesuan"]
        subprocess.run([*juesuan, "ingest", str(ROOT / "examples"), "--db", str(db)], check=True, capture_output=True)
        env = {**os.environ, "JUESUAN_TOKEN": ""}
        server = subprocess.Popen(
            [*juesuan, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            for _ in range(300):
                try:
                    _get(port)
                    break
                except OSError:
                    time.sleep(0.1)
            base, base_status = _readers(port, args.readers, args.seconds / 2, args.max_requests)
            stop = threading.Event()
            uploads: Counter[int] = Counter()
            upload_lock = threading.Lock()

            def upload(k: int) -> None:
                i = k
                while not stop.is_set():
                    status = _post(port, UPLOADS[i % len(UPLOADS)])
                    with upload_lock:
                        uploads[status] += 1
                    i += 1
                    if status == 503:
                        time.sleep(0.2)

            uploaders = [threading.Thread(target=upload, args=(k,)) for k in range(args.uploaders)]
            for thread in uploaders:
                thread.start()
            time.sleep(1.0)  # uploads in flight before the readers start
            loaded, loaded_status = _readers(port, args.readers, args.seconds, args.max_requests)
            stop.set()
            for thread in uploaders:
                thread.join()
        finally:
            server.terminate()
            server.wait(30)
    print(f"{'phase':22} {'reads':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for label, values, statuses in (("readers alone", base, base_status), (f"+ {args.uploaders} hostile uploads", loaded, loaded_status)):
        print(
            f"{label:22} {len(values):>7} {1000 * _quantile(values, 0.5):>8.1f} {1000 * _quantile(values, 0.99):>8.1f}"
            f" {1000 * max(values, default=0):>8.1f}  {dict(statuses)}"
        )
    print(f"p99 ratio (with uploads / alone): {_quantile(loaded, 0.99) / _quantile(base, 0.99):.2f}")
    print(f"upload answers: {dict(sorted(uploads.items()))}")


if __name__ == "__main__":
    main()
