"""The staff settings form's declaration, derived from the settings' declarations.

Every key of `kiosk.settings.settings_reference()` becomes one `SettingField`
with the widget kind it needs on a touch screen (toggle, choice buttons, numeric
field with its range, text), its Chinese and English labels and the English
description as help. The labels are declared beside each setting (the field's
`Meta(title=...)` for English, `Meta(extra={"label_zh": ...})` for Chinese), so a new
setting brings its own label and nothing here lists keys. `validate_form` turns what staff entered into a new
`KioskSettings` or into one clerk-readable message per field — nothing is
written until every field is right. Qt-free, so the rules are tested without a
display: like kiosk.wording, the words staff read are zh_CN source strings passed
through the caller's `tr` (kiosk.widgets.tr on the form, so they follow the kiosk's
language; the Chinese itself by default).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

import msgspec

from kiosk.settings import (
    DeclaredField,
    KioskSettings,
    declared_fields,
    problem_of,
    section_values,
    settings_reference,
    validated,
)
from kiosk.wording import Translate, fill, source_text

FieldKind = Literal["bool", "choice", "multi", "int", "float", "text", "path"]

READ_ONLY_KEYS = frozenset({"terminal.data_dir"})
"""Shown but not editable at the terminal: moving the data folder would strand the outbox and secrets."""

LANGUAGE_CHOICES = {"zh_CN": "中文", "en": "English"}
"""A language is offered under its own name, in every language (data, not translated)."""
CHOICE_TEXT_ZH = {"simulator": "模拟", "none": "无"}


def choice_text(choice: Any, tr: Translate = source_text) -> str:
    """What a choice button says: a language's own name, a translated word, or the value itself."""
    value = str(choice)
    if value in LANGUAGE_CHOICES:
        return LANGUAGE_CHOICES[value]
    return tr(CHOICE_TEXT_ZH[value]) if value in CHOICE_TEXT_ZH else value


@dataclass(frozen=True)
class SettingField:
    """One form row: where the value lives, which widget edits it, and what staff read."""

    key: str
    section: str
    name: str
    kind: FieldKind
    label_zh: str
    label_en: str
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False
    optional: bool = False
    read_only: bool = False

    def label(self, lang: str) -> str:
        """The label in the staff member's language (Chinese unless English is chosen)."""
        return self.label_en if lang == "en" else self.label_zh

    def range_text(self) -> str:
        """"20 – 1800" for a bounded number, "" otherwise."""
        if self.minimum is None and self.maximum is None:
            return ""
        low = "" if self.minimum is None else _number_text(self.minimum)
        high = "" if self.maximum is None else _number_text(self.maximum)
        if low and high:
            return f"{low} – {high}"
        if low:
            return f"> {low}" if self.minimum_exclusive else f"≥ {low}"
        return f"≤ {high}"


class SettingsFormError(Exception):
    """Some fields are wrong; `errors` maps each key (or a section name) to a message for staff."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {text}" for key, text in errors.items()))
        self.errors = errors


def setting_fields() -> list[SettingField]:
    """One field per row of settings_reference(), in the same order."""
    sections = {section.name: section.type for section in declared_fields(KioskSettings)}
    specs = {
        f"{name}.{spec.name}": spec for name, kind in sections.items() for spec in declared_fields(kind)
    }
    fields = []
    for row in settings_reference():
        section, name = row["key"].split(".", 1)
        fields.append(_field(row["key"], section, name, specs[row["key"]]))
    return fields


def _field(key: str, section: str, name: str, spec: DeclaredField) -> SettingField:
    annotation, optional = _strip_none(spec.type)
    kind: FieldKind
    choices: tuple[Any, ...] = ()
    if annotation is bool:
        kind = "bool"
    elif get_origin(annotation) is Literal:
        kind, choices = "choice", get_args(annotation)
    elif get_origin(annotation) is list and get_origin(get_args(annotation)[0]) is Literal:
        kind, choices = "multi", get_args(get_args(annotation)[0])
    elif annotation is int:
        kind = "int"
    elif annotation is float:
        kind = "float"
    elif annotation is Path:
        kind = "path"
    else:
        kind = "text"  # str, and int | str (a camera index or a file)
    minimum, maximum, exclusive = _bounds(spec.meta)
    return SettingField(
        key=key,
        section=section,
        name=name,
        kind=kind,
        label_zh=spec.label_zh() or name,
        label_en=spec.meta.title or name,
        description=spec.meta.description or "",
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        minimum_exclusive=exclusive,
        optional=optional,
        read_only=key in READ_ONLY_KEYS,
    )


def section_titles(lang: str) -> dict[str, str]:
    """Section name → its declared title in `lang`, in the order of the settings file."""
    return {
        section.name: (section.meta.title if lang == "en" else section.label_zh()) or section.name
        for section in declared_fields(KioskSettings)
    }


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (UnionType, Union):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) != len(get_args(annotation))
    return annotation, False


def _bounds(meta: msgspec.Meta) -> tuple[float | None, float | None, bool]:
    if meta.gt is not None:
        minimum, exclusive = meta.gt, True
    else:
        minimum, exclusive = meta.ge, False
    maximum = meta.le if meta.le is not None else meta.lt
    return minimum, maximum, exclusive


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def current_values(settings: KioskSettings) -> dict[str, Any]:
    """Every key's value as plain Python (the form's starting point and the diff's base)."""
    values: dict[str, Any] = {}
    for section, content in section_values(settings).items():
        for name, value in content.items():
            values[f"{section}.{name}"] = value
    return values


def validate_form(
    current: KioskSettings, entered: dict[str, Any], tr: Translate = source_text
) -> KioskSettings:
    """The settings with `entered` (key → value, text as typed) applied, or SettingsFormError.

    Numbers may arrive as text ("80"): a whole number typed for an integer and any finite
    number for a decimal are read as numbers, anything else stays text, so "八十" or "8.5" for
    an integer is an error on that field, not a crash. An empty optional path means None. The
    messages are passed through `tr` (the form's translator). Validation reports only its
    first problem, so each entered field is checked on its own (against the current values of
    the others) before the rules across fields are: every wrong field gets its own message.
    """
    by_key = {f.key: f for f in setting_fields()}
    unknown = {key: tr("没有这个设置项") for key in entered if key not in by_key}
    if unknown:
        raise SettingsFormError(unknown)
    changes = [(by_key[key], _prepare(by_key[key], value)) for key, value in entered.items()
               if not by_key[key].read_only]
    problems = {}
    for field, value in changes:  # each field on its own, so every wrong field gets its message
        found = _problem(_with(current, [(field, value)]))
        if found is not None and found[0] == field.key:
            problems[field.key] = _message(found[1], tr)
    data = _with(current, changes)
    found = None if problems else _problem(data)  # then the rules across fields (a usb id)
    if found is not None:
        problems[found[0]] = _message(found[1], tr)
    if problems:
        raise SettingsFormError(problems)
    return validated(KioskSettings, data)


def _with(current: KioskSettings, changes: list[tuple[SettingField, Any]]) -> dict[str, dict[str, Any]]:
    data = section_values(current)
    for field, value in changes:
        data[field.section][field.name] = value
    return data


def _problem(data: dict[str, dict[str, Any]]) -> tuple[str, str] | None:
    """(key, message) of the first problem in `data`, None when they are valid settings."""
    try:
        validated(KioskSettings, data)
    except msgspec.ValidationError as exc:
        return problem_of(exc)
    return None


_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def _prepare(field: SettingField, value: Any) -> Any:
    if isinstance(value, str) and field.kind == "int":
        text = value.strip()
        return int(text) if _WHOLE_NUMBER.fullmatch(text) else text
    if isinstance(value, str) and field.kind == "float":
        return _decimal(value.strip())
    if field.kind == "path" and field.optional and isinstance(value, str) and not value.strip():
        return None
    return value


def _decimal(text: str) -> float | str:
    """A finite number typed as text, as a float; anything else stays text (and is refused)."""
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def changed_keys(before: KioskSettings, after: KioskSettings) -> list[str]:
    """Keys whose value differs, in form order."""
    old, new = current_values(before), current_values(after)
    return [key for key in new if old.get(key) != new[key]]


_MESSAGES_ZH = {
    r"^Expected `(?:int|float)` >= (?P<limit>\S+)$": "不能小于 %1",
    r"^Expected `(?:int|float)` > (?P<limit>\S+)$": "必须大于 %1",
    r"^Expected `(?:int|float)` <= (?P<limit>\S+)$": "不能大于 %1",
    r"^Expected `(?:int|float)` < (?P<limit>\S+)$": "必须小于 %1",
    r"^Expected `int`, got ": "请输入整数",
    r"^Expected `float`, got ": "请输入数字",
    r"^Expected `str` matching regex ": "格式不正确",
    r"^Expected `str` of length >= 1$": "不能为空",
    r"^Expected `str` of length <= (?P<limit>\d+)$": "内容太长（最多 %1 个字符）",
    r"^Invalid enum value ": "请从列出的选项中选择",
    r"^Expected `bool`, got ": "请选择开或关",
    r"^Expected `array`, got ": "请至少选择一项",
    r"^Object missing required field ": "必须填写",
}
"""msgspec's wording of the common problems (a pattern) → our own words for staff (%1: the limit)."""


def _message(message: str, tr: Translate) -> str:
    """Our own words for the common cases, the validator's text otherwise."""
    for pattern in _MESSAGES_ZH:
        found = re.match(pattern, message)
        if found is None:
            continue
        limit = found.groupdict().get("limit")
        if limit is None:
            return tr(_MESSAGES_ZH[pattern])
        return fill(tr(_MESSAGES_ZH[pattern]), _number_text(float(limit)))
    return message
