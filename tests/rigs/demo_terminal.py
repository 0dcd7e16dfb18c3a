"""A whole demo terminal for a test: settings, a started runtime and a shown kiosk window.

One home for what many GUI tests need (simulated devices, the embedded hub on 127.0.0.1,
the window at 1920×1080 on the offscreen platform), so a change to how a terminal is put
together is made once. Tests about what fits a real screen use tests/rigs/xvfb.py instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.runtime import Runtime, build_runtime
from kiosk.settings import KioskSettings, load_settings


def demo_settings(data_dir: Path, **overrides: Any) -> KioskSettings:
    """Demo settings (embedded hub, windowed) with data under `data_dir` and these keys changed."""
    values = {"hub.embedded": True, "terminal.data_dir": str(data_dir), "terminal.fullscreen": False}
    return load_settings(None, {**values, **overrides})


@contextmanager
def demo_runtime(data_dir: Path, **overrides: Any) -> Iterator[Runtime]:
    """A started demo runtime, closed (hub stopped, devices released) when the block ends."""
    runtime = build_runtime(demo_settings(data_dir, **overrides), demo=True)
    runtime.start()
    try:
        yield runtime
    finally:
        runtime.close()


@contextmanager
def kiosk_window(qtbot: Any, runtime: Runtime, *, locked: bool = False,
                 config_path: Path | None = None) -> Iterator[Any]:
    """The kiosk window shown at 1920×1080 (`config_path` as `--config` gives it, for the admin
    panel's settings form); the visit is cancelled and late work drained after, and the
    application's language is Chinese again (its translator outlives the window)."""
    from kiosk.app import make_application
    from kiosk.i18n import install_language
    from kiosk.window import KioskWindow

    app = make_application()
    window = KioskWindow(runtime, demo=True, locked=locked, config_path=config_path)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    try:
        yield window
    finally:
        if locked:
            window.leave_kiosk_mode()
        window.journey.cancel()
        window.background.invalidate()
        window.background.wait(5000)
        window.close()
        install_language(app, "zh_CN")
