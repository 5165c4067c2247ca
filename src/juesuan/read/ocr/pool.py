"""Scanned pages read in parallel: one process per core, each with its own engine.

Work is bounded: at most ``Limits.max_pages`` pages, at ``Limits.dpi`` (150–300), no
page side beyond ``Limits.max_side`` pixels, and ``Limits.seconds`` per page (a page
that takes longer is left unread and said so, and the pool is stopped).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context

from .engine import OcrUnavailable
from .page import OcrPage

Progress = Callable[[int, int], None]  # (pages done, pages to do)

_PROGRESS: ContextVar[Progress | None] = ContextVar("ocr_progress", default=None)
_LIMITS: ContextVar[Limits | None] = ContextVar("ocr_limits", default=None)


@dataclass(frozen=True, slots=True)
class Limits:
    dpi: int = 200
    max_pages: int = 200
    seconds: float = 120.0  # per page, after the engine is loaded
    max_side: int = 4000  # pixels
    workers: int = 0  # 0: one per core (at most one per page)
    load_seconds: float = 60.0  # allowed on top of the first pages' time while workers load the models

    def __post_init__(self) -> None:
        if not 150 <= self.dpi <= 300:
            raise ValueError(f"dpi {self.dpi} outside 150–300")


def _configured() -> Limits:
    """The OCR bounds of the process's one settings object (juesuan.limits, the --ocr-* flags)."""
    from ...limits import active

    bounds = active()
    return Limits(dpi=bounds.ocr_dpi, max_pages=bounds.ocr_max_pages, seconds=bounds.ocr_page_seconds)


@contextmanager
def progress(callback: Progress) -> Iterator[None]:
    """Report OCR progress to ``callback`` while inside (the CLI's progress bar)."""
    token = _PROGRESS.set(callback)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@contextmanager
def limits(bounds: Limits) -> Iterator[None]:
    """Read scanned pages within ``bounds`` while inside (a benchmark's dpi, a test's)."""
    token = _LIMITS.set(bounds)
    try:
        yield
    finally:
        _LIMITS.reset(token)


def _read_one(data: bytes, index: int, limits: Limits, threads: int) -> OcrPage:
    import pypdfium2 as pdfium

    from . import image
    from .page import read_image

    document = pdfium.PdfDocument(data)
    try:
        pdf_page = document[index - 1]
        width, height = pdf_page.get_size()
        rotation = pdf_page.get_rotation() % 360
        grey = image.render(pdf_page, limits.dpi, limits.max_side)  # rendered as displayed (/Rotate applied)
        if rotation in (90, 270):
            width, height = height, width
        dpi = grey.shape[1] * 72.0 / width  # the scale actually used (max_side may have lowered it)
        pdf_page.close()
    finally:
        document.close()
    return read_image(grey, index, width, height, dpi, threads)


_DATA: bytes = b""


def _init(data: bytes) -> None:
    global _DATA
    _DATA = data
    from .engine import engine

    engine(1)  # load the models once per worker, before the clock of any page starts


def _work(index: int, limits: Limits) -> OcrPage:
    return _read_one(_DATA, index, limits, 1)


def read_scanned(data: bytes, indices: list[int], limits: Limits | None = None) -> list[OcrPage]:
    """The scanned pages ``indices`` (1-based) of a PDF, read; pages beyond the limit or
    too slow come back with ``error`` set."""
    limits = limits or _LIMITS.get() or _configured()
    todo, over = indices[: limits.max_pages], indices[limits.max_pages :]
    report = _PROGRESS.get()
    done: list[OcrPage] = []
    workers = min(limits.workers or os.cpu_count() or 1, len(todo))
    if report is not None:
        report(0, len(todo))
    if workers <= 1:
        for index in todo:
            try:
                done.append(_read_one(data, index, limits, 0))
            except OcrUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 — as _outcome: the page is reported unread
                done.append(OcrPage(index, 0.0, 0.0, error=f"文字识别失败（{type(exc).__name__}）"))
            if report is not None:
                report(len(done), len(todo))
    else:
        done.extend(_parallel(data, todo, limits, workers, report))
    done.extend(OcrPage(index, 0.0, 0.0, error=f"超过文字识别页数上限（{limits.max_pages} 页），未识别") for index in over)
    return sorted(done, key=lambda page: page.index)


def _parallel(data: bytes, todo: list[int], limits: Limits, workers: int, report: Progress | None) -> list[OcrPage]:
    # fork where there is one: spawn would import the caller's main script again in every
    # worker (a script without a __main__ guard would start pools without end). The
    # workers load their own engine after the fork; the parent never loads one for a pool.
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=get_context(method), initializer=_init, initargs=(data,))
    out: list[OcrPage] = []
    stuck = False
    try:
        pending: dict[Future[OcrPage], tuple[int, float]] = {}  # page and its deadline
        queue = list(todo)
        ready = False  # a page has come back: the workers have loaded the engine
        while queue or pending:
            while queue and len(pending) < workers:
                index = queue.pop(0)
                allowance = limits.seconds + (0.0 if ready else limits.load_seconds)
                pending[pool.submit(_work, index, limits)] = (index, time.monotonic() + allowance)
            finished, _ = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
            for future in finished:
                index, _ = pending.pop(future)
                out.append(_outcome(future, index))
                ready = True
                if report is not None:
                    report(len(out), len(todo))
            now = time.monotonic()
            late = [f for f, (_, deadline) in pending.items() if now > deadline]
            if late:
                for future in pending:
                    future.cancel()
                late_pages = sorted(pending[f][0] for f in pending) + queue
                out.extend(OcrPage(i, 0.0, 0.0, error=f"文字识别超过每页 {limits.seconds:g} 秒的上限，未识别") for i in late_pages)
                stuck = True
                break
    except BaseException:
        stuck = True  # interrupted: do not wait for the workers
        raise
    finally:
        if stuck:
            _stop(pool)
        else:
            pool.shutdown(wait=True)
    return out


def _outcome(future: Future[OcrPage], index: int) -> OcrPage:
    """A worker's page, or the page unread with why (a worker that died, an image the
    engine could not take): one page's failure is not the report's."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 — reported on the page, the other pages go on
        return OcrPage(index, 0.0, 0.0, error=f"文字识别失败（{type(exc).__name__}）")


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for the stuck worker."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
