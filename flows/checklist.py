"""办事清单: the materials the applicable matters need, deduplicated across matters.

A material the hub's e-licence library already holds (电子证照库) is marked
``held`` and not asked for; one that every requiring matter lets a signed
commitment stand in for (告知承诺, e.g. three fire-safety materials) is marked
``commitment``; the rest the citizen must ``bring``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from msgspec import Struct

from flows.conditions import evaluate
from flows.model import Catalog, MaterialRequirement, Matter

Status = Literal["bring", "held", "commitment"]


class ChecklistItem(Struct, frozen=True):
    """One material on the checklist, the matters that need it, and what the citizen must do."""

    material_id: str
    name_zh: str
    name_en: str
    matters: tuple[str, ...]
    status: Status
    elicence: str | None = None


class Checklist(Struct, frozen=True):
    """The deduplicated checklist; ``requirements_count`` is the materials counted matter by matter."""

    theme_id: str
    items: tuple[ChecklistItem, ...]
    requirements_count: int

    def with_status(self, status: Status) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if i.status == status)

    @property
    def bring_count(self) -> int:
        return len(self.with_status("bring"))


def required_materials(matter: Matter, answers: Mapping[str, Any]) -> list[MaterialRequirement]:
    """The matter's materials whose condition holds for the answers."""
    return [req for req in matter.materials if evaluate(req.when, dict(answers))]


def build_checklist(
    catalog: Catalog,
    theme_id: str,
    matters: Sequence[Matter],
    holdings: Iterable[str],
    answers: Mapping[str, Any] | None = None,
) -> Checklist:
    """The checklist for the matters; ``holdings`` are the e-licence types the hub holds for the citizen.

    ``answers`` decide conditional materials (none given: conditional materials are left out).
    """
    catalog.theme(theme_id)  # unknown theme → UnknownThemeError
    held = set(holdings)
    needs: dict[str, list[tuple[str, bool]]] = {}
    count = 0
    for matter in matters:
        for req in required_materials(matter, answers or {}):
            needs.setdefault(req.material, []).append((matter.id, req.commitment))
            count += 1
    items = tuple(_item(catalog, material_id, uses, held) for material_id, uses in needs.items())
    return Checklist(theme_id, items, count)


def _item(catalog: Catalog, material_id: str, uses: list[tuple[str, bool]], held: set[str]) -> ChecklistItem:
    material = catalog.materials[material_id]
    status: Status = "bring"
    if material.elicence is not None and material.elicence in held:
        status = "held"
    elif all(commitment for _matter, commitment in uses):
        status = "commitment"
    return ChecklistItem(
        material_id, material.name_zh, material.name_en, tuple(m for m, _ in uses), status, material.elicence
    )
