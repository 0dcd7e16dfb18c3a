"""The staff screens render at 1920×1080 with real content (not blank), as PNGs a person can check."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.admin.screenshots import capture_admin_screens
from kiosk.admin.settings_toml import write_settings

pytestmark = pytest.mark.gui


def test_every_admin_screen_is_captured(qtbot, runtime, pin_store, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    config_path = tmp_path / "kiosk.toml"
    write_settings(config_path, runtime.settings)
    saved = capture_admin_screens(runtime, tmp_path / "shots", config_path)
    assert list(saved) == [
        "pin_pad", "admin_settings", "admin_queue", "admin_reprint", "admin_diagnostics", "admin_system",
    ]  # fmt: skip
    for name, path in saved.items():
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1920, 1080), name
        colours = {image.pixel(x, y) for x in range(0, 1920, 40) for y in range(0, 1080, 40)}
        assert len(colours) > 3, f"{name} looks blank"
