"""The kiosk's look: one stylesheet, and the large-text / high-contrast layer over it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

STYLES = Path(__file__).resolve().parents[1] / "assets" / "styles"


@cache
def _read(name: str) -> str:
    return (STYLES / name).read_text(encoding="utf-8")


def stylesheet(*, large: bool = False) -> str:
    """kiosk.qss, with large.qss laid over it for the large-text, high-contrast mode."""
    return _read("kiosk.qss") + ("\n" + _read("large.qss") if large else "")
