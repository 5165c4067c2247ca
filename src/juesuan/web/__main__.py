"""``python -m juesuan.web [--db] [--host] [--port]``: the same as ``juesuan serve``."""

import typer

from .commands import serve

if __name__ == "__main__":
    typer.run(serve)
