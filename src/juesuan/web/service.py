"""The app's one door to the store and the parser.

DuckDB connections are not shared between threads, and FastAPI runs routes in a
thread pool: each thread reads through its own view of the store (a cursor: reads see
committed reports and never wait on an upload), and writes are one short transaction
each under the write lock. Parsing happens outside any lock, in a sandboxed child per
file (``worker.Sandbox``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import JuesuanError
from ..model import Finding, Report
from ..model.serialize import loads
from ..store.database import Payload, Store, StoredReport, content_hash
from ..store.series import link
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
    max_pending_uploads: int = 8  # upload requests in flight (parsing or waiting): beyond, 503 + Retry-After
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
        self._write = threading.Lock()  # inserts, one short transaction each
        self._lock = threading.RLock()  # bookkeeping only (views, the model cache): never held across a query
        self._views = threading.local()
        self._opened: list[Store] = []
        self._models: OrderedDict[str, Report] = OrderedDict()

    def close(self) -> None:
        with self._write, self._lock:
            for view in self._opened:
                try:
                    view.close()
                except Exception:  # noqa: BLE001 — a view of a thread that is gone
                    pass
            self.store.close()

    def _reader(self) -> Store:
        """This thread's view of the store."""
        view = getattr(self._views, "store", None)
        if view is None:
            with self._lock:
                view = self.store.view()
                self._opened.append(view)
            self._views.store = view
        return view

    # -- writing -------------------------------------------------------------------------
    def submit(self, data: bytes, filename: str | None) -> Accepted:
        """Validate, parse in the sandbox, store; ApiError when the file is refused."""
        name = label(filename)
        validate(data, name, self.settings.max_upload_bytes)
        reader = self._reader()
        known = reader.has(content_hash(data))
        if known is not None:
            report = reader.get(known)
            assert report is not None
            return Accepted(report, False)
        result = self.sandbox.run(data, name)
        if not isinstance(result, Payload):
            raise ApiError(422, "unreadable", result.message)
        try:
            with self._write:
                report_id, created = self.store.add(result)
                if created:
                    link(self.store, [report_id])  # the department's series: checked against its other years
                stored = self.store.get(report_id)
        except JuesuanError as exc:  # e.g. an amount the store cannot hold exactly: the file is refused, not a 500
            raise ApiError(422, "unstorable", str(exc)[:500]) from exc
        assert stored is not None
        return Accepted(stored, created)

    # -- reading -------------------------------------------------------------------------
    def reports(self, **filters: Any) -> list[StoredReport]:
        return self._reader().reports(**filters)

    def get(self, report_id: str) -> StoredReport:
        found = self._reader().get(report_id) if _plausible(report_id) else None
        if found is None:
            raise ApiError(404, "not_found", f"没有编号为 {report_id[:40]} 的报告")
        return found

    def model_json(self, report_id: str) -> str:
        self.get(report_id)
        row = self._reader().con.execute("SELECT model_json FROM reports WHERE id = ?", [report_id]).fetchone()
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
        return self._reader().findings(report_id)

    def cells(self, report_id: str) -> Iterator[tuple[str, str, str, str, str]]:
        self.get(report_id)
        return iter(list(self._reader().cells(report_id)))

    def choices(self) -> dict[str, list[Any]]:
        """Values for the corpus filters: years, entities, rules present."""
        con = self._reader().con
        years = [r[0] for r in con.execute("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC").fetchall()]
        entities = [r[0] for r in con.execute("SELECT DISTINCT entity FROM reports ORDER BY entity").fetchall()]
        rules = [r[0] for r in con.execute("SELECT DISTINCT rule FROM findings ORDER BY rule").fetchall()]
        return {"years": years, "entities": entities, "rules": rules}

    def run(self, function: Any, *args: Any) -> Any:
        """Call ``function(store, *args)`` on this thread's view (comparisons read only)."""
        return function(self._reader(), *args)


def _plausible(report_id: str) -> bool:
    return 0 < len(report_id) <= 64 and all(c in "0123456789abcdef" for c in report_id)
