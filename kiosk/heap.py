"""The C heap of a kiosk that runs for weeks: fewer malloc arenas, freed memory handed back.

Qt, the keyboard's QML engine and SQLite allocate through glibc malloc. Each thread that
allocates (sync, background work, the QML loader, the embedded hub) gets an arena of its
own, and memory freed inside an arena stays in the process as fragments: resident memory
then climbs visit after visit although nothing leaks. Two arenas and a trim after every
wipe keep what the operating system sees close to what is in use. Without glibc (musl),
both are no-ops.
"""

from __future__ import annotations

import ctypes
import logging
from functools import cache

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc <malloc.h>
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD = 256 * 1024
"""Blocks this large (page images, QML compilation units) get their own mapping, returned the
moment they are freed. Setting it also stops glibc raising the threshold by itself (up to 32 MiB),
after which such blocks land in the heap and their holes stay resident."""


@cache
def _libc() -> ctypes.CDLL | None:
    """glibc's libc by its soname first: ctypes.util.find_library runs ldconfig (~35 ms at start)."""
    for name in ("libc.so.6", None):
        try:
            if name is None:
                from ctypes.util import find_library

                name = find_library("c") or "libc.so.6"
            libc = ctypes.CDLL(name)
            libc.malloc_trim, libc.mallopt  # noqa: B018  # glibc only
        except (OSError, AttributeError):
            continue
        return libc
    return None


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap malloc's arenas and fix the mmap threshold; call before threads start (arenas made
    earlier stay). False without glibc."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas)) and bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def trim() -> bool:
    """Return freed heap pages to the system (glibc malloc_trim(0)); True when some were returned."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))
