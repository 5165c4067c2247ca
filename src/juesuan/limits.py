"""Bounds on the work one input may cause: one settings object for every entry point.

The command line, batch ingest and the web read untrusted files; each file may ask for
at most this much. Readers bound what they build (cells, spans, ruling segments,
unpacked bytes) by ``active()``; the sandbox bounds the child process that reads a file
(CPU seconds, address space, wall clock). The defaults are far above any real report
(docs/limits.md) and each has a command-line flag to raise it.

A reader that meets a limit raises ``LimitExceeded`` through ``exceeded()``: one Chinese
line naming what was too large, the limit, and the flag that raises it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from .errors import LimitExceeded

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may cost. Field names are the flag names (``--max-cells``…)."""

    max_file_bytes: int = 200 * MIB  # the input file itself
    max_pages: int = 2000  # PDF pages, workbook sheets
    max_cells: int = 1_000_000  # cells of one workbook sheet or HTML table, blanks included
    max_span: int = 1000  # columns one HTML cell may span (its rows: those that exist)
    max_merges: int = 100_000  # merged ranges of one sheet
    max_ruling_segments: int = 20_000  # ruling segments drawn on one PDF page
    max_unpacked_bytes: int = 64 * MIB  # one part of an XLSX, one PDF stream, once inflated
    cpu_seconds: int = 60  # RLIMIT_CPU of the child that reads one file
    memory_bytes: int = 1536 * MIB  # RLIMIT_AS of that child
    wall_seconds: float = 120.0  # the child is killed after this, whatever it is doing
    concurrent: int = 2  # children at once (web); ingest uses --workers
    ocr_dpi: int = 200  # scanned pages are rendered at this resolution (150–300) for OCR
    ocr_max_pages: int = 200  # scanned pages read by OCR in one file
    ocr_page_seconds: float = 120.0  # one scanned page, once the engine is loaded
    # onnxruntime reserves far more address space than it uses: while the OCR engine runs the
    # child may reserve this much (its input is bounded by the page count and image size)
    ocr_memory_bytes: int = 4096 * MIB

    def raised(self, **changes: int | float | None) -> Limits:
        """These limits with the given ones changed (None leaves a limit as it is)."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})  # type: ignore[arg-type]


FLAGS: dict[str, str] = {  # limit → the flag that raises it (cli/limits.py defines them)
    f.name: "--" + f.name.replace("_", "-") for f in fields(Limits)
}

_ACTIVE: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("juesuan_limits", default=None)
_process = Limits()  # what every thread obeys outside an ``applied`` block


def active() -> Limits:
    """The limits readers in this context obey."""
    return _ACTIVE.get() or _process


@contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    """Readers inside the block obey ``limits``."""
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def use(limits: Limits) -> None:
    """Set the limits for the rest of this process, every thread (the CLI and a sandbox child)."""
    global _process
    _process = limits


def exceeded(name: str, what: str, limit: str, found: int | None = None) -> LimitExceeded:
    """The one-line error for a file that asks for more than ``limit`` allows."""
    value = getattr(active(), limit)
    seen = f"（{found}）" if found is not None else ""
    return LimitExceeded(f"{name}：{what}{seen}超过上限 {value}，已停止读取；如确需读取，可用 {FLAGS[limit]} 提高上限")


@contextmanager
def bounded(name: str) -> Iterator[None]:
    """Read one file in this process within the CPU, memory and wall-clock limits (the
    command line; ingest and the web read in the sandbox's child instead).

    Soft rlimits and a timer, restored afterwards so that the next file gets its own
    allowance; going over raises ``LimitExceeded`` naming the flag. Python signal handlers
    run between bytecodes, so a long call inside a C library ends at its next return. Off
    the main thread (signals cannot be handled there) only the readers' own bounds apply."""
    import resource
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    limits = active()
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (resource.RLIMIT_CPU, resource.getrlimit(resource.RLIMIT_CPU))
    memory = (resource.RLIMIT_AS, resource.getrlimit(resource.RLIMIT_AS))

    def over(what: str, limit: str) -> LimitExceeded:
        value = getattr(limits, limit)
        return LimitExceeded(f"{name}：读取超出{what}上限（{value}），已中止；如确需读取，可用 {FLAGS[limit]} 提高上限")

    def on_cpu(signum: int, frame: object) -> None:
        raise over("CPU 时间（秒）", "cpu_seconds")

    def on_clock(signum: int, frame: object) -> None:
        raise over("时间（秒）", "wall_seconds")

    handlers = signal.signal(signal.SIGXCPU, on_cpu), signal.signal(signal.SIGALRM, on_clock)
    try:
        for kind, (_soft, hard), wanted in (
            (*cpu, int(used.ru_utime + used.ru_stime) + limits.cpu_seconds),
            (*memory, limits.memory_bytes),
        ):
            if hard == resource.RLIM_INFINITY or wanted < hard:
                resource.setrlimit(kind, (wanted, hard))
        signal.setitimer(signal.ITIMER_REAL, limits.wall_seconds)
        try:
            yield
        except MemoryError:
            raise over("内存（字节）", "memory_bytes") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for kind, (soft, hard) in (cpu, memory):
            resource.setrlimit(kind, (soft, hard))
        signal.signal(signal.SIGXCPU, handlers[0])
        signal.signal(signal.SIGALRM, handlers[1])


__all__ = ["Limits", "FLAGS", "MIB", "active", "applied", "use", "exceeded", "bounded", "LimitExceeded"]
