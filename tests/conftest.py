from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(Path(__file__).resolve().parent))

LIANJIANG = EXAMPLES / "lianjiang-medical-security-bureau-2023.txt"
JIANGMEN = EXAMPLES / "jiangmen-medical-security-bureau-2024.txt"
CORPUS = (LIANJIANG, JIANGMEN)


@pytest.fixture(params=CORPUS, ids=lambda p: p.stem.split("-")[0])
def corpus_path(request: pytest.FixtureRequest) -> Path:
    return request.param
