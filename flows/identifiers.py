"""Check digits of the two identifiers every form leans on.

A wrong digit typed or scanned is caught here, before a clerk or a hub sees it:
GB 11643 (resident ID number, ISO 7064 MOD 11-2) and GB 32100 (Unified Social
Credit Code). Pure functions, no I/O, shared by devices, flows and the hub.
"""

from __future__ import annotations

import re

_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_RE = re.compile(rf"^[{USCC_CHARSET}]{{18}}$")


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    """True for an 18-character resident ID number whose check digit matches."""
    value = value.strip().upper()
    if not _ID_RE.match(value):
        return False
    return id_check_digit(value[:17]) == value[17]


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    """True for an 18-character Unified Social Credit Code whose check character matches."""
    value = value.strip().upper()
    if not _USCC_RE.match(value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def mask_id_number(value: str) -> str:
    """Mask an ID number for screen and paper: first 4 and last 4 kept (3101**********1234)."""
    value = value.strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
