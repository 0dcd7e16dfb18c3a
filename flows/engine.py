"""The flow engine: answers → matters → merged form → prefill → validation → checklist → per-matter split.

Pure functions over a loaded :class:`~flows.model.Catalog`; no Qt, no I/O. The
kiosk calls them in this order as the citizen moves through the screens.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from flows.answers import AnswerError, check_answers, visible_questions
from flows.checklist import Checklist, ChecklistItem, build_checklist
from flows.conditions import ConditionError, evaluate
from flows.merged_form import FilledForm, FilledValue, MergedField, MergedForm, Section, field_key
from flows.model import AUTHORITATIVE_SOURCES, Catalog, Matter
from flows.sources import SourceRecordError
from flows.validation import REQUIRED_MESSAGE, value_problem

__all__ = [
    "AnswerError",
    "Checklist",
    "ChecklistItem",
    "FilledForm",
    "FilledValue",
    "MergedField",
    "MergedForm",
    "Section",
    "applicable_matters",
    "build_checklist",
    "merge_forms",
    "prefill",
    "split_to_matters",
    "validate",
    "visible_questions",
]

DECLARATIONS_SECTION = "declarations"
log = logging.getLogger(__name__)


def applicable_matters(catalog: Catalog, theme_id: str, answers: Mapping[str, Any]) -> list[Matter]:
    """The theme's matters whose rule holds for the answers, in the theme's order.

    Raises :class:`AnswerError` when an answer is not one the question allows.
    """
    theme = catalog.theme(theme_id)
    data = check_answers(theme, answers)
    return [catalog.matters[rule.matter] for rule in theme.matters if evaluate(rule.when, data)]


def merge_forms(catalog: Catalog, matters: Sequence[Matter]) -> MergedForm:
    """Merge the matters' forms: one field per data element, per-matter fields kept apart.

    Order is stable: sections in catalog order, fields within a section in the
    dictionary's element order (whatever order the matters come in), per-matter
    fields last, in matter order.
    """
    merged: dict[str, dict[str, Any]] = {}
    for matter in matters:
        for form_field in matter.form:
            key = field_key(form_field.element, matter.id, form_field.per_matter)
            entry = merged.setdefault(key, {"field": form_field, "matters": [], "required": False})
            entry["matters"].append(matter.id)
            entry["required"] = entry["required"] or form_field.required
    element_rank = {element_id: i for i, element_id in enumerate(catalog.elements)}
    matter_rank = {m.id: i for i, m in enumerate(matters)}

    def order(key: str) -> tuple[int, int]:
        entry = merged[key]
        if entry["field"].per_matter:
            return matter_rank[entry["matters"][0]], element_rank[entry["field"].element]
        return 0, element_rank[entry["field"].element]

    sections = []
    for section in catalog.sections:
        keys = sorted((k for k, e in merged.items() if _section_of(catalog, e) == section.id), key=order)
        fields = tuple(_merged_field(catalog, key, merged[key]) for key in keys)
        if fields:
            sections.append(Section(section.id, section.title_zh, section.title_en, fields))
    return MergedForm(tuple(m.id for m in matters), tuple(sections))


def _section_of(catalog: Catalog, entry: dict[str, Any]) -> str:
    if entry["field"].per_matter:
        return DECLARATIONS_SECTION
    return catalog.elements[entry["field"].element].section


def _merged_field(catalog: Catalog, key: str, entry: dict[str, Any]) -> MergedField:
    form_field = entry["field"]
    element = catalog.elements[form_field.element]
    return MergedField(
        key=key,
        element_id=form_field.element,
        label_zh=element.label_zh,
        label_en=element.label_en,
        kind=element.kind,
        required=entry["required"],
        sources=tuple(dict.fromkeys(s.source for s in element.source_entries())),
        matters=tuple(entry["matters"]),
        per_matter=form_field.per_matter,
        section=_section_of(catalog, entry),
        options=element.options,
        mask=element.mask,
    )


def prefill(catalog: Catalog, merged: MergedForm, records: Mapping[str, Mapping[str, Any]]) -> FilledForm:
    """Fill each field from the first of its element's sources that has a value, recording provenance.

    ``records`` maps a source (id_card, licence, person_profile, enterprise_profile,
    answer, citizen) to element values; ``citizen`` is keyed by field key. Values
    from card, licence and hub profiles are read-only; the rest stay editable.
    """
    if not isinstance(records, Mapping):
        raise SourceRecordError("records must map a source name to element values")
    data = {name: dict(values) for name, values in records.items() if isinstance(values, Mapping)}
    filled = FilledForm(merged)
    for merged_field in merged.fields:
        filled.values[merged_field.key] = _first_value(catalog, merged_field, data)
    return filled


def _first_value(catalog: Catalog, merged_field: MergedField, data: dict[str, dict[str, Any]]) -> FilledValue:
    element = catalog.elements[merged_field.element_id]
    rejected: list[str] = []
    for entry in element.source_entries():
        record = data.get(entry.source, {})
        if entry.source == "citizen":
            value = record.get(merged_field.key)
        else:
            value = record.get(entry.element or merged_field.element_id)
        if value is None or value == "" or value == []:
            continue
        if not _holds(entry.when, data, merged_field.key):
            continue
        authoritative = entry.source in AUTHORITATIVE_SOURCES
        if authoritative and value_problem(element, value) is not None:
            # A read-only value that fails validation would trap the citizen: ask instead.
            rejected.append(entry.source)
            continue
        return FilledValue(value, entry.source, not authoritative, tuple(rejected))
    return FilledValue(None, "citizen", True, tuple(rejected))


def _holds(rule: Any, data: dict[str, dict[str, Any]], key: str) -> bool:
    try:
        return evaluate(rule, data)
    except ConditionError:
        log.warning("source rule for field %s could not be evaluated; the source is skipped", key)
        return False


def validate(catalog: Catalog, filled: FilledForm) -> dict[str, str]:
    """Problems by field key (empty dict = the form may be submitted)."""
    problems: dict[str, str] = {}
    for merged_field, value in filled:
        if value.is_empty:
            if merged_field.required:
                problems[merged_field.key] = REQUIRED_MESSAGE
            continue
        message = value_problem(catalog.elements[merged_field.element_id], value.value)
        if message is not None:
            problems[merged_field.key] = message
    return problems


def split_to_matters(filled: FilledForm, matters: Sequence[Matter]) -> dict[str, dict[str, Any]]:
    """Each matter's own form rebuilt from the merged values: {matter_id: {field_id: value}}."""
    return {
        matter.id: {
            f.id: filled.values[field_key(f.element, matter.id, f.per_matter)].value for f in matter.form
        }
        for matter in matters
    }
