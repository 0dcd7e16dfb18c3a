"""Fixtures for the flows tests: the shipped catalog, the demo citizens, and a writable catalog copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.catalog import DEFAULT_DIRECTORY, load_catalog
from flows.model import Catalog

SAMPLES = Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def citizens() -> dict[str, dict]:
    data = json.loads(SAMPLES.read_text(encoding="utf-8"))
    return {c["key"]: c for c in data["citizens"]}


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A copy of the shipped catalog that a test may break."""
    target = tmp_path / "catalog"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    return target
