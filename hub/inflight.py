"""Application ids currently being processed, so a second copy of a request is told "in flight".

A terminal that timed out may resend while the first request is still writing. The
single-item endpoint answers such a copy with 409 at once; a batch waits (bounded)
for the first to commit, then sees the stored row and reports it replayed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

Key = tuple[str, str]


class InFlightKeys:
    """A set of (terminal_id, application_id) held by running requests."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._held: set[Key] = set()

    @contextmanager
    def claim(self, keys: Iterable[Key], wait_s: float = 0.0) -> Iterator[bool]:
        """Hold all keys for the block; yields False (holding nothing) if they stay busy past wait_s."""
        wanted = set(keys)
        deadline = time.monotonic() + wait_s
        with self._cond:
            while self._held & wanted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(timeout=remaining)
            acquired = not (self._held & wanted)
            if acquired:
                self._held |= wanted
        try:
            yield acquired
        finally:
            if acquired:
                with self._cond:
                    self._held -= wanted
                    self._cond.notify_all()

    def is_held(self, key: Key) -> bool:
        with self._cond:
            return key in self._held
