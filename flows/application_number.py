"""The short application number (办件编号) a citizen can read out to a clerk.

`XH0001-261201-0007-B`: the terminal's code (its registered id without punctuation, so
numbers from two terminals never collide and no terminal has to ask the hub), the local
date, the terminal's sequence of that day, and an ISO 7064 MOD 37,36 check character
(python-stdnum), which catches a single wrong or two swapped characters when staff type it.
The UUID stays the idempotency key between terminal and hub; this number is for people.
Pure functions shared by the terminal (which makes numbers) and the hub (which looks them up).
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.iso7064 import mod_37_36

MAX_PREFIX = 12
MAX_SEQUENCE = 9999
_PARTS_RE = re.compile(r"^([A-Z0-9]{1,12})(\d{6})(\d{4})([0-9A-Z])$")


class ApplicationNumberError(ValueError):
    """A typed number that cannot be one of ours; `message_zh` for the screen or the clerk."""

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh


def terminal_code(terminal_id: str) -> str:
    """The terminal id as the number's prefix: letters and digits only, upper case."""
    code = re.sub(r"[^A-Za-z0-9]", "", terminal_id).upper()[:MAX_PREFIX]
    if not code:
        raise ApplicationNumberError(
            f"terminal id {terminal_id!r} has no letters or digits for an application number",
            "终端编号无法生成办件编号",
        )
    return code


def make_number(terminal_id: str, day: date, sequence: int) -> str:
    """The number for the `sequence`-th application of `day` on this terminal (1-based)."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ApplicationNumberError(
            f"more than {MAX_SEQUENCE} applications on one day at one terminal",
            "本终端今日办件数已达上限",
        )
    code, stamp, seq = terminal_code(terminal_id), f"{day:%y%m%d}", f"{sequence:04d}"
    check = mod_37_36.calc_check_digit(code + stamp + seq)
    return f"{code}-{stamp}-{seq}-{check}"


def normalize(text: str) -> str:
    """A number as typed or read out (any case, spaces or dashes) in its printed form; raises if wrong."""
    compact = re.sub(r"[\s\-_.·]", "", str(text)).upper()
    found = _PARTS_RE.match(compact)
    if found is None:
        raise ApplicationNumberError(
            "not an application number: it looks like XH0001-261201-0007-B",
            "办件编号格式不对，应类似 XH0001-261201-0007-B",
        )
    if not mod_37_36.is_valid(compact):
        raise ApplicationNumberError(
            "the application number's check character does not match: please check it again",
            "办件编号校验位不符，请核对后重新输入",
        )
    return "-".join(found.groups())


def is_application_number(text: str) -> bool:
    try:
        normalize(text)
    except ApplicationNumberError:
        return False
    return True
