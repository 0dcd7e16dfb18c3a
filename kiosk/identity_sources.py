"""Which identity sources a terminal offers, and how one identity step reads them side by side.

Every configured source is offered at once: the ID-card reader (GA 467 or the
simulator), a PC/SC reader with its card profile, and the city app's QR code
under the camera. A citizen uses whichever is at hand; the first source that
delivers an identity wins and the others stop. A card lifted off its reader
while its read is still under way gets a message (put it back); a card lifted
once the identity is read changes nothing, since lifting it is what people do.

Qt-free: the identity screen forwards device signals and read results here and
does what the answers say, so the decisions are tested without a display.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Any

from devices.registry import DeviceSet, UnavailableDevice

CARD_SOURCES = ("idcard", "pcsc")  # the DeviceSet slots (and device names) that read cards
CITY_APP = "city_app"


def offered_sources(devices: DeviceSet, scanner: Any | None) -> list[str]:
    """The sources this terminal offers, in the order the screen lists them.

    A slot configured "none" is not offered; a device that could not be built at all
    (UnavailableDevice: driver missing) is not offered either — diagnostics shows why.
    A device that is built but momentarily offline (pcscd restarting) stays offered:
    it reports again through its events when it is back.
    """
    offered = [name for name in CARD_SOURCES if _built(getattr(devices, name))]
    if scanner is not None and _built(devices.camera):
        offered.append(CITY_APP)
    return offered


def _built(device: Any) -> bool:
    return device is not None and not isinstance(device, UnavailableDevice)


class Verdict(StrEnum):
    """What to do with a read that ended."""

    WON = "won"  # this identity is the visit's now: stop the other sources, look the person up
    IGNORED = "ignored"  # too late (another source won, or the card was lifted meanwhile)
    READ_AGAIN = "read_again"  # no identity, but a card was placed while reading: read once more
    WAIT = "wait"  # no identity; wait for the next card or code


class IdentityRace:
    """The reading of one identity step: which reads are under way and which source won.

    `start(source)` asks whether to start a read now and returns a ticket (None: not now);
    `finished(source, ticket, identity)` says what to do with its result; `card_removed`
    says whether a lifted card deserves a message; `reopen()` lets the citizen try again
    after the winner's identity was refused (an expired card, an invalid code).
    """

    def __init__(self, sources: list[str]) -> None:
        self.sources = tuple(sources)
        self.winner: str | None = None
        self._reading: dict[str, int] = {}
        self._tickets: Counter[str] = Counter()
        self._placed_while_reading: set[str] = set()

    def start(self, source: str) -> int | None:
        """A card was placed on `source` (or the step began): a ticket for a read, or None."""
        if self.winner is not None or source not in self.sources:
            return None
        if source in self._reading:
            self._placed_while_reading.add(source)
            return None
        self._tickets[source] += 1
        self._reading[source] = self._tickets[source]
        return self._tickets[source]

    def reading(self, source: str) -> bool:
        return source in self._reading

    def finished(self, source: str, ticket: int, identity: bool) -> Verdict:
        """A read of `source` ended, with an identity or without (nothing in time, an error)."""
        if self._reading.get(source) != ticket:
            return Verdict.IGNORED  # the card was lifted during this read: its result is stale
        del self._reading[source]
        again = source in self._placed_while_reading
        self._placed_while_reading.discard(source)
        if self.winner is not None:
            return Verdict.IGNORED
        if identity:
            self.winner = source
            return Verdict.WON
        return Verdict.READ_AGAIN if again else Verdict.WAIT

    def card_removed(self, source: str) -> bool:
        """A card left `source`. True: its read was under way, tell the citizen to put it back."""
        self._placed_while_reading.discard(source)
        if self.winner is not None or source not in self._reading:
            return False  # identity already read (lifting the card is expected) or nothing read
        del self._reading[source]  # the read's result will be stale
        return True

    def losers(self) -> list[str]:
        """The sources to stop now that one has won."""
        return [s for s in self.sources if s != self.winner]

    def reopen(self) -> None:
        """The winner's identity was refused: every source may read again."""
        self.winner = None


__all__ = ["CARD_SOURCES", "CITY_APP", "IdentityRace", "Verdict", "offered_sources"]
