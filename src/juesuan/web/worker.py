"""The web's parsing worker: each upload is read and checked in the one sandbox
(``juesuan.sandbox``), which ``juesuan ingest`` uses too; this module gives the web its
answers as the store's types (a ``Payload`` to store, or a ``Failure`` to show)."""

from __future__ import annotations

from ..limits import Limits
from ..sandbox import DEFAULT_ENTRY
from ..sandbox import Sandbox as _Sandbox
from ..store.database import Payload
from ..store.ingest import Failure, to_store

__all__ = ["Limits", "Sandbox", "DEFAULT_ENTRY"]


class Sandbox(_Sandbox):
    def run(self, data: bytes, name: str) -> Payload | Failure:  # type: ignore[override]
        return to_store(super().run(data, name), name)
