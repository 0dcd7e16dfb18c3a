"""The merged form (多表合一) and its filled state: what the review screen shows and edits.

A merged form is the union of the applicable matters' forms, one field per data
element (a value asked by five forms is asked once), except per-matter fields such
as declarations and signed commitments, which are never merged and get one field
per matter. A field's ``key`` is its element id, or ``element@matter`` for a
per-matter field; :class:`FilledForm` is keyed the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct, field

from flows.model import AUTHORITATIVE_SOURCES, Option


def field_key(element_id: str, matter_id: str, per_matter: bool) -> str:
    """The key of a merged field: the element id, or ``element@matter`` when per matter."""
    return f"{element_id}@{matter_id}" if per_matter else element_id


class MergedField(Struct, frozen=True):
    """One field of the merged form, with every matter that needs it and where its value may come from."""

    key: str
    element_id: str
    label_zh: str
    label_en: str
    kind: str
    required: bool
    sources: tuple[str, ...]
    matters: tuple[str, ...]
    per_matter: bool
    section: str
    options: tuple[Option, ...] = ()
    mask: str = "none"

    @property
    def autofillable(self) -> bool:
        """True when some source other than the citizen's typing can fill it."""
        return any(s != "citizen" for s in self.sources)


class Section(Struct, frozen=True):
    """A titled group of merged fields, in the catalog's section order."""

    id: str
    title_zh: str
    title_en: str
    fields: tuple[MergedField, ...]


class MergedForm(Struct, frozen=True):
    """The merged form of a set of matters."""

    matters: tuple[str, ...]
    sections: tuple[Section, ...]

    @property
    def fields(self) -> tuple[MergedField, ...]:
        return tuple(f for s in self.sections for f in s.fields)

    def field(self, key: str) -> MergedField:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


class ReadOnlyFieldError(ValueError):
    """The citizen tried to change a value that an authoritative source filled."""


class FilledValue(Struct, frozen=True):
    """A value with its provenance; ``editable`` is False for card, licence and hub-profile values."""

    value: Any
    source: str
    editable: bool
    rejected: tuple[str, ...] = ()
    """Sources whose value failed validation and was not used (the kiosk may say so)."""

    @property
    def is_empty(self) -> bool:
        return self.value is None or self.value == "" or self.value == []


class FilledForm(Struct):
    """A merged form with a value (possibly empty) for every field key."""

    merged: MergedForm
    values: dict[str, FilledValue] = field(default_factory=dict)

    def __iter__(self) -> Iterator[tuple[MergedField, FilledValue]]:
        for f in self.merged.fields:
            yield f, self.values[f.key]

    @property
    def autofilled_count(self) -> int:
        """Fields holding a value the citizen did not type (card, licence, profiles, answers)."""
        return sum(1 for v in self.values.values() if not v.is_empty and v.source != "citizen")

    @property
    def manual_count(self) -> int:
        """Fields left to the citizen."""
        return len(self.values) - self.autofilled_count

    def count_from(self, sources: set[str] | frozenset[str]) -> int:
        """How many fields hold a value from one of ``sources``."""
        return sum(1 for v in self.values.values() if not v.is_empty and v.source in sources)

    def set_value(self, key: str, value: Any) -> None:
        """Record what the citizen typed; refuses read-only (authoritative) fields."""
        current = self.values.get(key)
        if current is None:
            raise KeyError(f"the merged form has no field {key!r}")
        if not current.editable:
            raise ReadOnlyFieldError(f"field {key!r} comes from {current.source} and cannot be changed here")
        value = coerce_input(self.merged.field(key).kind, value)
        self.values[key] = FilledValue(value, "citizen", True, current.rejected)


def coerce_input(kind: str, value: Any) -> Any:
    """Turn what a touch-screen text box gives into the element's type ("80" → 80 for numbers).

    A string that is not a number is kept as typed, so validation can say what is wrong.
    """
    if kind == "number" and isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            return value
        if number != number or number in (float("inf"), float("-inf")):
            return value
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if kind in ("id_number", "uscc") and isinstance(value, str):
        return value.strip().upper()
    return value


def is_authoritative(source: str) -> bool:
    return source in AUTHORITATIVE_SOURCES
