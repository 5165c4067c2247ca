"""The app's one door to the store and the parser.

DuckDB connections are not shared between threads, and FastAPI runs routes in a
thread pool, so every store access holds one lock. Parsing happens outside the lock,
in a sandboxed child per file (``worker.Sandbox``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Finding, Report
from ..model.serialize import loads
from ..store.database import Payload, Store, StoredReport, content_hash
from .errors import ApiError
from .uploads import label, validate
from .worker import Limits, Sandbox


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path
    token: str | None = None  # required by write endpoints when set
    max_upload_bytes: int = 20 * 1024 * 1024  # one file
    max_request_bytes: int = 100 * 1024 * 1024  # one request (several files)
    max_files: int = 20  # files in one page upload
    limits: Limits = Limits()
    worker_entry: str = "juesuan.sandbox:parse"


@dataclass(frozen=True, slots=True)
class Accepted:
    report: StoredReport
    created: bool


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.db_path)
        self.sandbox = Sandbox(settings.limits, settings.worker_entry)
        self._lock = threading.RLock()
        self._models: OrderedDict[str, Report] = OrderedDict()

    def close(self) -> None:
        with self._lock:
            self.store.close()

    # -- writing -------------------------------------------------------------------------
    def submit(self, data: bytes, filename: str | None) -> Accepted:
        """Validate, parse in the sandbox, store; ApiError when the file is refused."""
        name = label(filename)
        validate(data, name, self.settings.max_upload_bytes)
        with self._lock:
            known = self.store.has(content_hash(data))
            if known is not None:
                report = self.store.get(known)
                assert report is not None
                return Accepted(report, False)
        result = self.sandbox.run(data, name)
        if not isinstance(result, Payload):
            raise ApiError(422, "unreadable", result.message)
        with self._lock:
            report_id, created = self.store.add(result)
            stored = self.store.get(report_id)
        assert stored is not None
        return Accepted(stored, created)

    # -- reading -------------------------------------------------------------------------
    def reports(self, **filters: Any) -> list[StoredReport]:
        with self._lock:
            return self.store.reports(**filters)

    def get(self, report_id: str) -> StoredReport:
        with self._lock:
            found = self.store.get(report_id) if _plausible(report_id) else None
        if found is None:
            raise ApiError(404, "not_found", f"没有编号为 {report_id[:40]} 的报告")
        return found

    def model_json(self, report_id: str) -> str:
        self.get(report_id)
        with self._lock:
            row = self.store.con.execute("SELECT model_json FROM reports WHERE id = ?", [report_id]).fetchone()
        assert row is not None  # get() found the report, and a stored report is never removed
        return str(row[0])

    def model(self, report_id: str) -> Report:
        with self._lock:
            cached = self._models.get(report_id)
            if cached is not None:
                self._models.move_to_end(report_id)
                return cached
        report = loads(self.model_json(report_id))
        with self._lock:
            self._models[report_id] = report
            while len(self._models) > 32:
                self._models.popitem(last=False)
        return report

    def findings(self, report_id: str) -> tuple[Finding, ...]:
        self.get(report_id)
        with self._lock:
            return self.store.findings(report_id)

    def cells(self, report_id: str) -> Iterator[tuple[str, str, str, str, str]]:
        self.get(report_id)
        with self._lock:
            return iter(list(self.store.cells(report_id)))

    def choices(self) -> dict[str, list[Any]]:
        """Values for the corpus filters: years, entities, rules present."""
        with self._lock:
            con = self.store.con
            years = [r[0] for r in con.execute("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC").fetchall()]
            entities = [r[0] for r in con.execute("SELECT DISTINCT entity FROM reports ORDER BY entity").fetchall()]
            rules = [r[0] for r in con.execute("SELECT DISTINCT rule FROM findings ORDER BY rule").fetchall()]
        return {"years": years, "entities": entities, "rules": rules}

    def run(self, function: Any, *args: Any) -> Any:
        """Call ``function(store, *args)`` under the lock (comparisons)."""
        with self._lock:
            return function(self.store, *args)


def _plausible(report_id: str) -> bool:
    return 0 < len(report_id) <= 64 and all(c in "0123456789abcdef" for c in report_id)
