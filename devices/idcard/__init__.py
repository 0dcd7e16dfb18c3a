"""ID-card readers: GA 467 SAM serial driver, simulator, and the shared record and decoders.

The names below load on first use (PEP 562): importing one submodule (the simulator, the
errors) no longer loads the serial driver and pyserial with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "Ga467Reader": "devices.idcard.ga467_reader",
    "IdCardReader": "devices.idcard.reader",
    "IdentityRecord": "devices.idcard.record",
    "SimulatedIdCardReader": "devices.idcard.simulator",
}

__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)
