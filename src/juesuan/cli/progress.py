"""The progress bar of OCR on the command line (Rich, on stderr)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def ocr_progress() -> Iterator[None]:
    """While inside, scanned pages being recognised show a bar on stderr (nothing when no
    page is scanned: the bar starts with the first report of progress)."""
    from ..read.ocr.pool import progress
    from .app import stderr

    bar: Progress | None = None
    task = None

    def report(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            bar = Progress(
                TextColumn("文字识别（OCR）"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("页"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            )
            bar.start()
            task = bar.add_task("ocr", total=total)
        assert task is not None
        bar.update(task, completed=done, total=total)

    try:
        with progress(report):
            yield
    finally:
        if bar is not None:
            bar.stop()
