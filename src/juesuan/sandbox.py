"""Read and check an untrusted file in a child process with resource limits.

The one sandbox of every entry point that reads files it did not write: ``juesuan
ingest`` (each file, whatever the engine) and every web upload. The child is forked
from a fork server that has imported the pipeline once (a file costs a fork, not an
interpreter start), sets hard limits on itself before it touches the input (CPU
seconds, address space, no core), dies with the process that started it (a pidfd
watch, and PR_SET_PDEATHSIG for the fork server), obeys the
reader limits of ``juesuan.limits`` and answers through a pipe. A file that loops,
explodes in memory or crashes a parser kills only its child; the parent kills a child
that outlives the wall-clock limit.

An unexpected exception in the child becomes a one-line "内部错误" naming the file and
the exception, never a traceback and never a stopped batch.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass
from typing import Any

from .limits import MIB, Limits, use

DEFAULT_ENTRY = "juesuan.sandbox:parse"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class Parsed:
    """A file read and checked: its content hash, the model's JSON and the findings as data."""

    content_hash: str
    name: str
    model_json: str
    findings: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Refused:
    """A file that could not be read, with the one-line Chinese reason."""

    name: str
    message: str


def parse(data: bytes, name: str) -> dict[str, Any]:
    """Read and check one file through the one pipeline (runs in the child)."""
    from .errors import JuesuanError
    from .model.serialize import dumps, to_data
    from .pipeline import read_and_check

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


def guarded(entry: str, data: bytes, name: str) -> dict[str, Any]:
    """``entry(data, name)`` with every unexpected exception turned into an answer that
    names the file: the same guard in the child and in-process."""
    module, _, function = entry.partition(":")
    try:
        answer: dict[str, Any] = getattr(importlib.import_module(module), function)(data, name)
    except MemoryError:
        return {"ok": False, "message": f"{name}：解析超出内存限制，已中止", "memory": True}
    except RecursionError:
        return {"ok": False, "message": f"{name}：文件结构嵌套过深，无法读取"}
    except Exception as exc:  # noqa: BLE001 — a bug in a reader is one failed file, never a stopped batch
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        return {"ok": False, "message": f"{name}：内部错误（请报告此问题）：{type(exc).__name__}: {detail}"}
    return answer


def _die_with(owner: int) -> None:
    """End this child when the process that asked for it (``owner``) dies, or when the
    fork server does. The fork server outlives its clients while any child holds its
    "alive" pipe, so its death alone is not enough: a thread waits on the owner's pidfd
    (or polls, where there is none) and PR_SET_PDEATHSIG covers the server."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        try:
            import select

            handle = os.pidfd_open(owner)
            select.select([handle], [], [])
        except (AttributeError, OSError):
            while True:
                try:
                    os.kill(owner, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                threading.Event().wait(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _limit(limits: Limits) -> None:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    # soft limit for parsing; the OCR engine alone may raise it to the hard one (read/ocr/engine.py)
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, max(limits.memory_bytes, limits.ocr_memory_bytes)))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(connection: Any, entry: str, data: bytes, name: str, limits: Limits, owner: int) -> None:
    _die_with(owner)
    _limit(limits)
    use(limits)
    answer = guarded(entry, data, name)
    data = b""
    try:
        connection.send(answer)
    except MemoryError:
        os._exit(3)
    connection.close()


_CONTEXT_LOCK = threading.Lock()
_context: Any = None


def _fork_server() -> Any:
    """The fork-server context, the pipeline preloaded in the server (started once)."""
    global _context
    with _CONTEXT_LOCK:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["juesuan.pipeline", "juesuan.sandbox"])
            _context = context
        return _context


class Sandbox:
    """Runs ``entry`` in a limited child per file; at most ``limits.concurrent`` at once."""

    def __init__(self, limits: Limits | None = None, entry: str = DEFAULT_ENTRY) -> None:
        self.limits = limits or Limits()
        self.entry = entry
        self._slots = threading.BoundedSemaphore(max(1, self.limits.concurrent))

    def run(self, data: bytes, name: str) -> Parsed | Refused:
        if len(data) > self.limits.max_file_bytes:
            return Refused(
                name,
                f"{name}：文件大小（{len(data)} 字节）超过上限 {self.limits.max_file_bytes}，未读取；如确需读取，可用 --max-file-bytes 提高上限",
            )
        with self._slots:
            return self._run(data, name)

    def _run(self, data: bytes, name: str) -> Parsed | Refused:
        context = _fork_server()
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(sender, self.entry, data, name, self.limits, os.getpid()), daemon=True)
        child.start()
        sender.close()
        try:
            ready = receiver.poll(self.limits.wall_seconds)
            answer = receiver.recv() if ready else None
        except (EOFError, OSError):
            answer = None
        finally:
            receiver.close()
        if answer is None and not ready:
            child.kill()
            child.join()
            return Refused(
                name, f"{name}：解析超时（超过 {self.limits.wall_seconds:g} 秒），已中止；如确需读取，可用 --wall-seconds 提高上限"
            )
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
        if answer is None:
            return Refused(name, _death(name, child.exitcode, self.limits))
        return _answer(name, answer, self.limits)


def _answer(name: str, answer: Any, limits: Limits) -> Parsed | Refused:
    try:
        if not answer.get("ok"):
            if answer.get("memory"):
                return Refused(name, _memory(name, limits))
            return Refused(name, str(answer.get("message") or f"{name}：无法读取"))
        return Parsed(str(answer["hash"]), name, str(answer["model"]), tuple(answer["findings"]))
    except Exception as exc:  # noqa: BLE001 — a garbled answer is a failed file, never a server error
        return Refused(name, f"{name}：解析进程返回了无法识别的结果（{type(exc).__name__}）")


def _memory(name: str, limits: Limits) -> str:
    return f"{name}：解析超出内存限制（{limits.memory_bytes // MIB} MiB），已中止；如确需读取，可用 --memory-bytes 提高上限"


def _death(name: str, code: int | None, limits: Limits) -> str:
    if code == -signal.SIGXCPU:
        return f"{name}：解析超出 CPU 时间限制（{limits.cpu_seconds} 秒），已中止；如确需读取，可用 --cpu-seconds 提高上限"
    if code == -signal.SIGKILL:
        return f"{name}：解析进程被终止（超出 CPU 时间或内存限制），已中止"
    if code == 3:
        return _memory(name, limits)
    return f"{name}：解析进程异常退出（代码 {code}）"


__all__ = ["Sandbox", "Parsed", "Refused", "parse", "guarded", "DEFAULT_ENTRY"]
