"""The `serve` command. Registered by juesuan.cli: ``web_commands.register(app, guarded)``."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..store.database import default_path


def _local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[
        Path | None, typer.Option("--db", help="数据库文件（默认：$JUESUAN_DB 或 ~/.local/share/juesuan/juesuan.duckdb）")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只监听本机")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口")] = 8000,
) -> None:
    """Serve the web app and the /api over the store (until Ctrl-C).

    Uploads need the token $JUESUAN_TOKEN when it is set.
    Example: juesuan serve --db out/juesuan.duckdb
    """
    import uvicorn

    from ..limits import active
    from ..web.app import create_app

    path = db or default_path()
    app = create_app(path, limits=active())
    shown = f"[{host}]" if ":" in host else host
    if not _local(host):
        typer.echo(
            f"注意：监听 {host}，其他机器也能访问" + ("" if os.environ.get("JUESUAN_TOKEN") else "；建议设置 JUESUAN_TOKEN 保护上传"),
            err=True,
        )
    typer.echo(
        f"juesuan 网页：http://{shown}:{port}/  （数据库 {path}；接口 http://{shown}:{port}/api/openapi.json；按 Ctrl-C 停止）", err=False
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer, guarded: Callable[[Callable[..., None]], Callable[..., None]]) -> None:
    app.command()(guarded(serve))
