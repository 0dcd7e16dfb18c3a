"""The before/after figures of each theme, computed by the engine from the catalog alone.

For each theme, under the answers that make the most matters apply (the theme's
``max_answers``):

- before = the matters done one by one: the sum of their forms' fields, of their
  materials, of their visits and of their committed time limits;
- after = the theme: the merged form's fields; the materials deduplicated, minus
  those the e-licence library can supply and minus those a signed commitment
  (告知承诺) stands in for; one visit; the longest committed time limit inside the
  theme, because the matters are approved in parallel (并联审批).

``materials_after`` assumes a citizen whose every e-licence the catalog knows is in
the hub's library; ``materials_after_no_elicences`` is the same count for a citizen
holding none, so the figures say how much of the saving the library's holdings make.

``fields_autofilled`` counts merged fields some source other than the citizen's
typing can fill (ID card, licence, hub profiles, questionnaire answers);
``fields_manual`` the rest. These figures back ``python main.py flows stats``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flows.checklist import build_checklist, required_materials
from flows.engine import applicable_matters, merge_forms
from flows.model import Catalog, Theme


@dataclass(frozen=True)
class ThemeStats:
    """One row of ``flows stats``; ``as_dict()`` gives exactly the documented JSON keys."""

    theme: str
    title: str
    matters: int
    fields_before: int
    fields_after: int
    fields_autofilled: int
    fields_manual: int
    materials_before: int
    materials_after: int
    materials_after_no_elicences: int
    visits_before: int
    visits_after: int
    days_before: int
    days_after: int

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def elicence_types(catalog: Catalog) -> set[str]:
    """Every e-licence type the catalog's materials can be supplied as."""
    return {m.elicence for m in catalog.materials.values() if m.elicence}


def theme_stats_for(catalog: Catalog, theme: Theme) -> ThemeStats:
    """The figures of one theme under its ``max_answers``."""
    answers = theme.max_answers
    matters = applicable_matters(catalog, theme.id, answers)
    merged = merge_forms(catalog, matters)
    fields = merged.fields
    autofilled = sum(1 for f in fields if f.autofillable)
    checklist = build_checklist(catalog, theme.id, matters, elicence_types(catalog), answers)
    holding_none = build_checklist(catalog, theme.id, matters, set(), answers)
    visits_before = sum(m.visits_before for m in matters)
    return ThemeStats(
        theme=theme.id,
        title=theme.title_zh,
        matters=len(matters),
        fields_before=sum(len(m.form) for m in matters),
        fields_after=len(fields),
        fields_autofilled=autofilled,
        fields_manual=len(fields) - autofilled,
        materials_before=sum(len(required_materials(m, answers)) for m in matters),
        materials_after=checklist.bring_count,
        materials_after_no_elicences=holding_none.bring_count,
        visits_before=visits_before,
        visits_after=min(1, visits_before),
        days_before=sum(m.days_before for m in matters),
        days_after=max((m.days_after for m in matters), default=0),
    )


def theme_stats(catalog: Catalog) -> list[ThemeStats]:
    """The figures of every theme, in catalog order."""
    return [theme_stats_for(catalog, theme) for theme in catalog.themes]
