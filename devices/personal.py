"""Personal data by construction: which fields are personal, how they may appear, which values are live.

Two things a pattern can never do reliably — know that "张伟" is a name or
"黄浦区中山南路 1 号" an address — are decided here from the data's own shape:

- Report shapes (diagnostics results) are dataclasses whose every field is
  declared `public()` or `personal(mask)`. `report_of()` writes public fields
  as they are and personal ones only through their mask; a mask may return
  None (never shown, e.g. the birth date) and an undeclared field is an error,
  so nobody can add a field without deciding.
- Objects that carry a citizen's data (IdentityRecord) register themselves
  with `track()`; `live_values()` yields the personal values of every such
  object still alive. The logging layer refuses any record containing one of
  them, and the support bundle refuses to include one. The registry holds weak
  references only: when the visit's record is dropped, its values leave with it,
  so nothing here keeps a citizen's data longer than the visit does.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

MIN_VALUE_CHARS = 2  # a one-character value ("男") would match everywhere and identifies nobody

Mask = Callable[[Any], Any]


PUBLIC = {"personal": False}  # field(metadata=PUBLIC), where a default-less call would upset linters


def public() -> Any:
    """A field that may be written as it is (status, card type, counts)."""
    import dataclasses  # here, not at the top: the logs load this module before the first frame

    return dataclasses.field(metadata=PUBLIC)


def personal(mask: Mask) -> Any:
    """A personal field: written only as `mask(value)`; a mask returning None hides it entirely."""
    import dataclasses

    return dataclasses.field(metadata={"personal": True, "mask": mask})


def stars(value: str) -> str:
    """Only the length survives: "张伟" → "**"."""
    return "*" * len(value)


def length_only(value: str) -> str:
    return f"<{len(value)} characters>" if value else ""


def never(value: Any) -> None:
    """Not even a mask: the value would combine with others (a birth date beside a masked ID)."""
    return None


def report_of(shape: Any) -> dict[str, Any]:
    """The JSON-safe dict of a report dataclass, personal fields masked or left out."""
    from dataclasses import fields, is_dataclass

    if not is_dataclass(shape):
        raise TypeError(f"{type(shape).__name__} is not a report dataclass")
    out: dict[str, Any] = {}
    for item in fields(shape):
        if "personal" not in item.metadata:
            raise TypeError(f"{type(shape).__name__}.{item.name} is not declared public() or personal()")
        value = getattr(shape, item.name)
        if item.metadata["personal"]:
            value = item.metadata["mask"](value)
            if value is None:
                continue
        out[item.name] = report_of(value) if is_dataclass(value) else value
    return out


class CarriesPersonalData(Protocol):
    def personal_values(self) -> Iterable[str]: ...


# keyed by id(): two equal records (one card read twice) are still two holders
_live: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
_lock = threading.Lock()


def track(holder: CarriesPersonalData) -> None:
    """Register an object whose `personal_values()` must never reach a log or a bundle."""
    with _lock:
        _live[id(holder)] = holder


def live_values() -> Iterator[str]:
    """Every personal value of every tracked object still alive (each long enough to mean something)."""
    with _lock:
        holders = list(_live.values())
    for holder in holders:
        for value in holder.personal_values():
            if value and len(value) >= MIN_VALUE_CHARS:
                yield value


def is_tracked(obj: Any) -> bool:
    with _lock:
        return _live.get(id(obj)) is obj


def find_live_value(text: str) -> bool:
    """True when `text` contains a personal value of a live holder."""
    return any(value in text for value in live_values())


# -- the second net: shapes ---------------------------------------------------------------
_REDACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"CITYAPP:[A-Za-z0-9._~-]+|([?&]token=)[A-Za-z0-9._~%-]+", re.IGNORECASE), "<token>"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "<id-number>"),
    (re.compile(r"(?<!\d)\d{15}(?!\d)"), "<id-number>"),  # first-generation 15-digit numbers
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "<phone>"),
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), "<phone>"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
]


def redact_text(text: str) -> str:
    """A second net for log text: ID numbers, phones, e-mails and city-app tokens by their shape.

    The first net is the logging layer (kiosk/logs.py), which refuses records carrying a live
    citizen's values; names and addresses have no shape a pattern could know."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(lambda m, r=replacement: _replace(m, r), text)
    return text


def has_personal_shape(text: str) -> bool:
    """True when `text` holds something shaped like an ID number, phone, e-mail or token."""
    return any(pattern.search(text) for pattern, _ in _REDACTIONS)


def _replace(match: re.Match[str], replacement: str) -> str:
    if replacement == "<token>" and match.group(1):
        return match.group(1) + "<token>"
    return match.expand(replacement)
