"""How the kiosk presents itself to this citizen: normal, large text, or 长辈模式 (elder-friendly).

China's 适老化 guidance for public-service terminals asks for large type, the highest
contrast, plain words, voice, fewer things to read at once and more time. The choices
of each mode live here, as data (no Qt), so they are tested without a display and the
window only applies them. A mode lasts one visit: the next citizen starts in normal.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Mode(StrEnum):
    NORMAL = "normal"
    LARGE = "large"
    ELDER = "elder"


ELDER_IDLE_FACTOR = 2
"""Elder mode waits this many times longer before the idle warning and the wipe."""
ELDER_MIN_TIMEOUT_S = 180
ELDER_WARNING_S = 30
ELDER_BODY_PX = 32
"""The smallest body text of elder mode (a test measures it on the widgets)."""


class Presentation(Struct, frozen=True):
    mode: Mode
    style_layers: tuple[str, ...]
    """Stylesheets laid over one another in this order (assets/styles)."""
    voice_on: bool = False
    """Voice guidance starts on with this mode (the citizen may still turn it off)."""
    speech_pace: str = "normal"
    one_question_per_screen: bool = False
    """A screen that asks several questions asks them one at a time."""
    tiles_per_row_landscape: int = 3
    tiles_per_row_portrait: int = 2

    def idle_times(self, timeout_s: int, warning_s: int) -> tuple[int, int]:
        """(idle timeout, warning) for this mode from the terminal's configured ones."""
        if self.mode != Mode.ELDER:
            return timeout_s, warning_s
        longer = max(timeout_s * ELDER_IDLE_FACTOR, ELDER_MIN_TIMEOUT_S)
        return longer, min(max(warning_s, ELDER_WARNING_S), longer - 1)

    def tiles_per_row(self, portrait: bool) -> int:
        return self.tiles_per_row_portrait if portrait else self.tiles_per_row_landscape


PRESENTATIONS: dict[Mode, Presentation] = {
    Mode.NORMAL: Presentation(Mode.NORMAL, ("kiosk.qss",)),
    Mode.LARGE: Presentation(Mode.LARGE, ("kiosk.qss", "large.qss")),
    Mode.ELDER: Presentation(Mode.ELDER, ("kiosk.qss", "large.qss", "elder.qss"), voice_on=True,
                             speech_pace="slow", one_question_per_screen=True,
                             tiles_per_row_landscape=2, tiles_per_row_portrait=1),
}


def presentation(mode: Mode | str) -> Presentation:
    return PRESENTATIONS[Mode(mode)]


def toggled(current: Mode, chosen: Mode, on: bool) -> Mode:
    """The mode after the citizen taps a mode button: large text and elder mode exclude each other."""
    if on:
        return chosen
    return Mode.NORMAL if current == chosen else current


__all__ = ["ELDER_BODY_PX", "Mode", "Presentation", "presentation", "toggled"]
