"""A whole demo terminal in a temp folder: simulated devices, embedded hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rigs.demo_terminal import demo_runtime, kiosk_window

from kiosk.runtime import Runtime


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    with demo_runtime(tmp_path / "data") as rt:
        yield rt


@pytest.fixture
def window(qtbot, runtime: Runtime):
    with kiosk_window(qtbot, runtime) as win:
        yield win
