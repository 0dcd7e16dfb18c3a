"""A whole demo terminal in a temp folder: simulated devices, embedded hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.runtime import Runtime, build_runtime
from kiosk.settings import load_settings


def demo_settings(data_dir: Path, **overrides):
    values = {"hub.embedded": True, "terminal.data_dir": str(data_dir), "terminal.fullscreen": False}
    values.update(overrides)
    return load_settings(None, values)


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    rt = build_runtime(demo_settings(tmp_path / "data"), demo=True)
    rt.start()
    yield rt
    rt.close()


@pytest.fixture
def window(qtbot, runtime: Runtime):
    from kiosk.app import make_application
    from kiosk.window import KioskWindow

    make_application()
    win = KioskWindow(runtime, demo=True)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    yield win
    win.journey.cancel()
    win.close()
    win.background.wait(5000)
