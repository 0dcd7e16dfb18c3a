"""The kiosk's look: one stylesheet, and the large-text and elder-mode layers over it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

STYLES = Path(__file__).resolve().parents[1] / "assets" / "styles"


@cache
def _read(name: str) -> str:
    return (STYLES / name).read_text(encoding="utf-8")


def stylesheet(*, large: bool = False, layers: tuple[str, ...] | None = None) -> str:
    """kiosk.qss, with large.qss laid over it for the large-text, high-contrast mode.

    ``layers`` names the files in order instead (kiosk.presentation's modes: elder mode
    lays elder.qss over large.qss).
    """
    names = layers or (("kiosk.qss", "large.qss") if large else ("kiosk.qss",))
    return "\n".join(_read(name) for name in names)
