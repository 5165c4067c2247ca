"""The command line: thin commands over the library, a module per command group.

``juesuan read|check|claims|rules|version`` (report), ``juesuan profiles …``,
``juesuan render|template`` (render), ``juesuan ingest|export|compare`` (store) and
``juesuan serve`` (web). The stage packages hold no command-line code.
"""

from __future__ import annotations

from . import limits, profiles, render, report, store, web  # noqa: F401 — their commands register on the app
from .app import app, guarded

render.register(app, guarded)
store.register(app, guarded)
web.register(app, guarded)


def main() -> None:
    app()


__all__ = ["app", "main"]
