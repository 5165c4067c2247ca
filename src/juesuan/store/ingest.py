"""Batch ingest: read and check many files in parallel, store each report whole.

Each file is read and checked in the sandbox (``juesuan.sandbox``: a child process
per file under the limits of ``juesuan.limits``, dying with its parent), ``workers``
at once; the parent alone writes to the store, one transaction per report, so a crash
or a kill leaves only whole reports. A file that cannot be read, breaks a limit, hits
a bug or cannot be stored is reported with its reason and skipped; it never stops the
batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..errors import JuesuanError
from ..limits import Limits
from ..model import Finding
from ..model.serialize import from_data
from ..sandbox import Parsed, Refused, Sandbox
from .database import Payload, Store, content_hash
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


def to_store(result: Parsed | Refused, source_file: str) -> Payload | Failure:
    """A sandbox answer as what the store takes (a garbled finding is a failed file)."""
    if isinstance(result, Refused):
        return Failure(source_file, result.message)
    try:
        findings = tuple(from_data(Finding, f, f"findings[{i}]") for i, f in enumerate(result.findings))
    except Exception as exc:  # noqa: BLE001 — a garbled answer is a failed file, never a stopped batch
        return Failure(source_file, f"{source_file}：解析进程返回了无法识别的结果（{type(exc).__name__}）")
    return Payload(result.content_hash, source_file, result.model_json, findings)


def process(path: str, limits: Limits | None = None, sandbox: Sandbox | None = None) -> Payload | Failure:
    """Read and check one file in the sandbox: the bytes read once, for the hash and the pipeline."""
    limits = limits or Limits()
    try:
        if Path(path).stat().st_size > limits.max_file_bytes:
            return Failure(path, f"{path}：文件超过上限 {limits.max_file_bytes} 字节，未读取；如确需读取，可用 --max-file-bytes 提高上限")
        data = Path(path).read_bytes()
    except OSError as exc:
        return Failure(path, f"{path}：无法读取（{exc.strerror or exc}）")
    return to_store((sandbox or Sandbox(limits)).run(data, Path(path).name), path)


def _local(paths: Sequence[str], workers: int, limits: Limits) -> Iterator[Payload | Failure]:
    sandbox = Sandbox(replace(limits, concurrent=max(1, workers)))
    if workers <= 1:
        yield from (process(path, limits, sandbox) for path in paths)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:  # threads wait; the children work
        yield from pool.map(partial(process, limits=limits, sandbox=sandbox), paths)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    workers: int = 1,
    engine: str = "local",
    progress: Callable[[str], None] | None = None,
    limits: Limits | None = None,
) -> Summary:
    """Ingest every file; ``progress`` is called once per file handled."""
    limits = limits or Limits()
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

        results: Iterable[Payload | Failure] = run_ray(pending, workers, partial(process, limits=limits), Failure)
    else:
        results = _local(pending, workers, limits)
    for result in results:
        name = result.source_file
        if isinstance(result, Payload):
            try:
                report_id, added = store.add(result)
            except JuesuanError as exc:  # a report the store cannot hold exactly: refused, the batch goes on
                result = Failure(name, str(exc))
            except Exception as exc:  # noqa: BLE001 — never a stopped batch
                result = Failure(name, f"{name}：入库时内部错误（请报告此问题）：{type(exc).__name__}: {str(exc)[:200]}")
            else:
                (summary.added if added else summary.known).append((report_id, name))
        if isinstance(result, Failure):
            summary.failed.append(result)
        if progress:
            progress(name)
    link(store, [report_id for report_id, _ in summary.added])
    return summary
