"""When to try the hub again: full-jitter exponential back-off, overridden by Retry-After.

Full jitter (a uniform wait between 0 and min(cap, base·2^n)) keeps a hall full
of terminals from hammering a hub that has just come back, all at once.
"""

from __future__ import annotations

import random


class Backoff:
    """Counts consecutive failures and turns them into the next wait, in seconds."""

    def __init__(self, base_s: float, cap_s: float, rng: random.Random | None = None) -> None:
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._rng = rng or random.Random()

    def ceiling(self) -> float:
        """The largest wait the next failure may draw."""
        exponent = min(self.failures, 62)
        return min(self.cap_s, self.base_s * (2**exponent))

    def failed(self, retry_after_s: float | None = None) -> float:
        """Record a failure; return how long to wait (Retry-After wins, clamped to the cap)."""
        wait = self._rng.uniform(0, self.ceiling())
        self.failures += 1
        if retry_after_s is not None:
            return min(self.cap_s, max(0.0, retry_after_s))
        return wait

    def succeeded(self) -> None:
        self.failures = 0
