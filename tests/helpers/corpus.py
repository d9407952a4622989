"""The shared photo corpus (../shared/corpus): real photos, tricky valid pictures, broken files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(os.environ.get("LBPMV_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))


def corpus_files(kind: str) -> list[Path]:
    folder = CORPUS / kind
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


needs_corpus = pytest.mark.skipif(
    not (CORPUS / "tricky").is_dir(), reason="the shared photo corpus is not beside the checkout"
)
