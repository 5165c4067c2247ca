"""The packages import one way, along the pipeline: read → model → profiles → claims →
checks → render / store / web, and the command line over all of them.

Each subpackage imports in a fresh interpreter (no import cycle hides behind an import
order), and no module imports a package it may not depend on.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "juesuan"
PACKAGES = sorted(p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists())

# package → the packages it may import (errors is the shared error hierarchy).
ALLOWED: dict[str, set[str]] = {
    "model": {"errors"},
    "catalog": set(),
    "profiles": {"model", "errors"},
    "read": {"model", "profiles", "catalog", "errors"},
    "claims": {"model", "profiles", "errors"},
    "checks": {"model", "profiles", "claims", "catalog", "errors"},
    "render": {"model", "profiles", "claims", "checks", "catalog", "errors"},
    "store": {"model", "profiles", "read", "claims", "checks", "catalog", "errors", "pipeline"},
    "web": {"model", "profiles", "read", "claims", "checks", "render", "store", "catalog", "errors", "pipeline"},
    "cli": set(PACKAGES) | {"errors", "pipeline"},
}
MODULES = {"errors", "pipeline"}  # top-level modules


def test_every_package_has_its_rule():
    assert set(PACKAGES) == set(ALLOWED)


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_in_a_fresh_interpreter(package):
    done = subprocess.run([sys.executable, "-c", f"import juesuan.{package}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def _imported(path: Path, package: str) -> set[str]:
    """The juesuan packages and modules a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(SRC).parts) - 1  # how deep the module sits below juesuan/
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "juesuan" and len(parts) > 1:
                    found.add(parts[1])
                continue
            up = depth - (node.level - 1)  # the package the import is relative to, counted from juesuan/
            if up <= 0:
                target = (node.module or "").split(".")[0]
                names = [target] if target else [alias.name for alias in node.names]
                found.update(names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "juesuan" and len(parts) > 1:
                    found.add(parts[1])
    return (found & (set(PACKAGES) | MODULES)) - {package}


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_only_what_comes_before_it(package):
    wrong = {}
    for path in (SRC / package).rglob("*.py"):
        extra = _imported(path, package) - ALLOWED[package]
        if extra:
            wrong[str(path.relative_to(SRC))] = sorted(extra)
    assert not wrong, wrong


def test_no_stage_package_holds_command_line_code():
    for package in set(PACKAGES) - {"cli"}:
        for path in (SRC / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "import typer" not in text and "from rich" not in text, path
