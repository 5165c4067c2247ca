"""Batch ingest: read and check many files in parallel, store each report whole.

Workers (processes) read and check; the parent alone writes to the store, one
transaction per report, so a crash or a kill leaves only whole reports. A file that
cannot be read is reported and skipped; it never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JuesuanError
from .database import Payload, Store, content_hash, payload_for
from .series import link  # each department's reports across years, checked against each other

INGESTIBLE = frozenset({".txt", ".pdf", ".xlsx", ".xls", ".html", ".htm", ".json"})


@dataclass(frozen=True, slots=True)
class Failure:
    source_file: str
    message: str


@dataclass
class Summary:
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, file)
    known: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.known) + len(self.failed)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and files under directories named (recursive, hidden ones skipped)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in parts) and child.suffix.lower() in INGESTIBLE:
                    found.append(child)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def process(path: str) -> Payload | Failure:
    """Read and check one file (runs in a worker): the bytes read once, for the hash and the pipeline."""
    from ..pipeline import read_and_check

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Failure(path, f"{path}：无法读取（{exc.strerror or exc}）")
    try:
        return payload_for(path, data, read_and_check(data, Path(path).name))
    except JuesuanError as exc:
        return Failure(path, str(exc))
    except Exception as exc:  # noqa: BLE001 — one bad file never stops the batch
        return Failure(path, f"{path}：内部错误 {type(exc).__name__}: {exc}")


def _local(paths: Sequence[str], workers: int) -> Iterator[Payload | Failure]:
    if workers <= 1:
        yield from map(process, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process, paths, chunksize=4)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    workers: int = 1,
    engine: str = "local",
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Ingest every file; ``progress`` is called once per file handled."""
    files = discover(paths)
    summary = Summary()
    pending: list[str] = []
    for file in files:
        try:
            digest = content_hash(file.read_bytes())
        except OSError as exc:
            summary.failed.append(Failure(str(file), f"{file}：无法读取（{exc.strerror or exc}）"))
            if progress:
                progress(str(file))
            continue
        existing = store.has(digest)
        if existing is not None:
            summary.known.append((existing, str(file)))
            if progress:
                progress(str(file))
        else:
            pending.append(str(file))
    if engine == "ray":
        from .ray_engine import run_ray

        results: Iterable[Payload | Failure] = run_ray(pending, workers, process, Failure)
    else:
        results = _local(pending, workers)
    for result in results:
        if isinstance(result, Failure):
            summary.failed.append(result)
            name = result.source_file
        else:
            report_id, added = store.add(result)
            (summary.added if added else summary.known).append((report_id, result.source_file))
            name = result.source_file
        if progress:
            progress(name)
    link(store, [report_id for report_id, _ in summary.added])
    return summary
