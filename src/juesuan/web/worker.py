"""Sandboxed parsing: each upload is read and checked in its own child process.

The child gets the bytes on stdin (never a path), runs under resource limits (CPU
seconds, address space) and a wall-clock timeout, and answers with JSON on stdout:
the model, the findings and the content hash, or a Chinese error message. A file
that loops, explodes in memory or crashes the parser kills only its child.

Run as ``python -m juesuan.web.worker MODULE:FUNCTION CPU_SECONDS MEMORY_BYTES``: the child
sets the limits on itself before reading its input. The function takes
(data, name) and returns the answer dict. The entry is fixed by the server's code
(tests point it at hostile functions); nothing from a request chooses it.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the child imports nothing heavy (no DuckDB): only the pipeline
    from ..store.database import Payload
    from ..store.ingest import Failure

DEFAULT_ENTRY = "juesuan.web.worker:parse"
_HEADER_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Limits:
    cpu_seconds: int = 30  # RLIMIT_CPU of the child
    memory_bytes: int = 1536 * 1024 * 1024  # RLIMIT_AS of the child
    wall_seconds: float = 60.0  # killed after this, whatever it is doing
    concurrent: int = 2  # children at once; further uploads wait their turn


def parse(data: bytes, name: str) -> dict[str, Any]:
    """Read and check one upload (runs in the child), through the one pipeline."""
    from ..errors import JuesuanError
    from ..model.serialize import dumps, to_data
    from ..pipeline import read_and_check

    try:
        checked = read_and_check(data, name)
    except JuesuanError as exc:
        return {"ok": False, "message": str(exc)}
    return {
        "ok": True,
        "hash": hashlib.sha256(data).hexdigest(),
        "model": dumps(checked.report),
        "findings": [to_data(finding) for finding in checked.findings],
    }


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    """Hard resource limits on the current process (the child sets them on itself,
    first thing, before it reads a byte of input: no preexec_fn in a threaded server)."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Sandbox:
    """Runs the entry in a limited child per file; at most ``limits.concurrent`` at once."""

    def __init__(self, limits: Limits | None = None, entry: str = DEFAULT_ENTRY) -> None:
        self.limits = limits or Limits()
        self.entry = entry
        self._slots = threading.BoundedSemaphore(self.limits.concurrent)

    def run(self, data: bytes, name: str) -> Payload | Failure:
        with self._slots:
            return self._run(data, name)

    def _run(self, data: bytes, name: str) -> Payload | Failure:
        from ..model import Finding
        from ..model.serialize import from_data
        from ..store.database import Payload
        from ..store.ingest import Failure

        header = json.dumps({"name": name}, ensure_ascii=False).encode("utf-8")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            "PYTHONIOENCODING": "utf-8",
            "OMP_NUM_THREADS": "1",
            "LANG": "C.UTF-8",
        }
        child = subprocess.Popen(
            [sys.executable, "-s", "-m", "juesuan.web.worker", self.entry, str(self.limits.cpu_seconds), str(self.limits.memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd="/",
            start_new_session=True,  # its own process group: killed whole on timeout
        )
        try:
            out, err = child.communicate(header + b"\n" + data, timeout=self.limits.wall_seconds)
        except subprocess.TimeoutExpired:
            _kill(child)
            child.communicate()
            return Failure(name, f"{name}：解析超时（超过 {self.limits.wall_seconds:g} 秒），已中止")
        if child.returncode != 0:
            return Failure(name, _death(name, child.returncode, err, self.limits))
        try:
            answer = json.loads(out.decode("utf-8"))
            if not answer.get("ok"):
                return Failure(name, str(answer.get("message") or f"{name}：无法读取"))
            findings = tuple(from_data(Finding, f, f"findings[{i}]") for i, f in enumerate(answer["findings"]))
            return Payload(str(answer["hash"]), name, str(answer["model"]), findings)
        except Exception as exc:  # noqa: BLE001 — a garbled answer is a failed file, never a server error
            return Failure(name, f"{name}：解析进程返回了无法识别的结果（{type(exc).__name__}）")


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.kill()


def _death(name: str, code: int, err: bytes, limits: Limits) -> str:
    tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    if code == -signal.SIGXCPU:
        return f"{name}：解析超出 CPU 时间限制（{limits.cpu_seconds} 秒），已中止"
    if code == -signal.SIGKILL:
        return f"{name}：解析进程被终止（超出 CPU 时间或内存限制），已中止"
    if "MemoryError" in tail[0] or code == 3:
        return f"{name}：解析超出内存限制（{limits.memory_bytes // (1024 * 1024)} MiB），已中止"
    return f"{name}：解析进程异常退出（代码 {code}）"


def main() -> None:
    entry = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ENTRY
    defaults = Limits()
    cpu = int(sys.argv[2]) if len(sys.argv) > 2 else defaults.cpu_seconds
    memory = int(sys.argv[3]) if len(sys.argv) > 3 else defaults.memory_bytes
    _limit(cpu, memory)
    raw = sys.stdin.buffer.read()
    head, _, data = raw.partition(b"\n")
    if len(head) > _HEADER_LIMIT:
        sys.exit(2)
    name = str(json.loads(head.decode("utf-8")).get("name") or "upload")
    module, _, function = entry.partition(":")
    target = getattr(importlib.import_module(module), function)
    try:
        answer = target(data, name)
    except MemoryError:
        sys.stderr.write("MemoryError\n")
        sys.exit(3)
    except Exception as exc:  # noqa: BLE001 — report, do not dump a traceback
        answer = {"ok": False, "message": f"{name}：内部错误 {type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
