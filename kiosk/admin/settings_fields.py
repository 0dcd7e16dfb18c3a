"""The staff settings form's declaration, derived from the pydantic settings models.

Every key of `kiosk.settings.settings_reference()` becomes one `SettingField`
with the widget kind it needs on a touch screen (toggle, choice buttons, numeric
field with its range, text), its Chinese and English labels and the English
description as help. The labels are declared beside each setting (pydantic
`title` for English, `json_schema_extra={"label_zh": ...}` for Chinese), so a new
setting brings its own label and nothing here lists keys. `validate_form` turns what staff entered into a new
`KioskSettings` or into one clerk-readable message per field — nothing is
written until every field is right. Qt-free, so the rules are tested without a
display: like kiosk.wording, the words staff read are zh_CN source strings passed
through the caller's `tr` (kiosk.widgets.tr on the form, so they follow the kiosk's
language; the Chinese itself by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from kiosk.settings import KioskSettings, settings_reference
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
    fields = []
    for row in settings_reference():
        section, name = row["key"].split(".", 1)
        section_model = KioskSettings.model_fields[section].annotation
        spec: FieldInfo = section_model.model_fields[name]  # type: ignore[union-attr]
        fields.append(_field(row["key"], section, name, spec))
    return fields


def _field(key: str, section: str, name: str, spec: FieldInfo) -> SettingField:
    annotation, optional = _strip_none(spec.annotation)
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
    minimum, maximum, exclusive = _bounds(spec)
    return SettingField(
        key=key,
        section=section,
        name=name,
        kind=kind,
        label_zh=declared_label_zh(spec) or name,
        label_en=spec.title or name,
        description=spec.description or "",
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        minimum_exclusive=exclusive,
        optional=optional,
        read_only=key in READ_ONLY_KEYS,
    )


def declared_label_zh(spec: FieldInfo) -> str:
    """The Chinese label declared beside a setting or section ("" when none was declared)."""
    extra = spec.json_schema_extra
    return str(extra.get("label_zh", "")) if isinstance(extra, dict) else ""


def section_titles(lang: str) -> dict[str, str]:
    """Section name → its declared title in `lang`, in the order of the settings file."""
    titles = {}
    for name, spec in KioskSettings.model_fields.items():
        titles[name] = (spec.title if lang == "en" else declared_label_zh(spec)) or name
    return titles


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (UnionType, Union):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) != len(get_args(annotation))
    return annotation, False


def _bounds(spec: FieldInfo) -> tuple[float | None, float | None, bool]:
    minimum = maximum = None
    exclusive = False
    for item in spec.metadata:
        if isinstance(item, Ge):
            minimum = item.ge
        elif isinstance(item, Gt):
            minimum, exclusive = item.gt, True
        elif isinstance(item, Le | Lt):
            maximum = item.le if isinstance(item, Le) else item.lt
    return minimum, maximum, exclusive


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def current_values(settings: KioskSettings) -> dict[str, Any]:
    """Every key's value as plain Python (the form's starting point and the diff's base)."""
    values: dict[str, Any] = {}
    for section, content in settings.model_dump().items():
        for name, value in content.items():
            values[f"{section}.{name}"] = value
    return values


def validate_form(
    current: KioskSettings, entered: dict[str, Any], tr: Translate = source_text
) -> KioskSettings:
    """The settings with `entered` (key → value, text as typed) applied, or SettingsFormError.

    Numbers may arrive as text ("80"): pydantic parses them, so "八十" or "8.5" for an
    integer is an error on that field, not a crash. An empty optional path means None.
    The messages are passed through `tr` (the form's translator).
    """
    by_key = {f.key: f for f in setting_fields()}
    data = current.model_dump()
    problems: dict[str, str] = {}
    for key, value in entered.items():
        field = by_key.get(key)
        if field is None:
            problems[key] = tr("没有这个设置项")
            continue
        if field.read_only:
            continue
        data[field.section][field.name] = _prepare(field, value)
    if problems:
        raise SettingsFormError(problems)
    try:
        return KioskSettings.model_validate(data)
    except ValidationError as exc:
        raise SettingsFormError(_messages(exc, tr)) from None


def _prepare(field: SettingField, value: Any) -> Any:
    if isinstance(value, str) and field.kind in ("int", "float"):
        return value.strip()
    if field.kind == "path" and field.optional and isinstance(value, str) and not value.strip():
        return None
    return value


def changed_keys(before: KioskSettings, after: KioskSettings) -> list[str]:
    """Keys whose value differs, in form order."""
    old, new = current_values(before), current_values(after)
    return [key for key in new if old.get(key) != new[key]]


_MESSAGES_ZH = {
    "greater_than_equal": "不能小于 %1",
    "greater_than": "必须大于 %1",
    "less_than_equal": "不能大于 %1",
    "less_than": "必须小于 %1",
    "int_parsing": "请输入整数",
    "int_from_float": "请输入整数",
    "int_type": "请输入整数",
    "float_parsing": "请输入数字",
    "float_type": "请输入数字",
    "finite_number": "请输入有限的数字",
    "string_pattern_mismatch": "格式不正确",
    "string_too_short": "不能为空",
    "string_too_long": "内容太长（最多 %1 个字符）",
    "literal_error": "请从列出的选项中选择",
    "bool_parsing": "请选择开或关",
    "bool_type": "请选择开或关",
    "list_type": "请至少选择一项",
    "missing": "必须填写",
}


_LIMITS = ("ge", "gt", "le", "lt", "max_length")
"""The context key holding the limit a message names (%1), as pydantic reports it."""


def _messages(exc: ValidationError, tr: Translate) -> dict[str, str]:
    """One message per key: our own words for the common cases, the validator's text otherwise."""
    found: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        key = ".".join(loc[:2]) if len(loc) >= 2 else (loc[0] if loc else "settings")
        kind = error["type"]
        ctx = error.get("ctx", {})
        limit = next((ctx[name] for name in _LIMITS if name in ctx), None)
        if kind not in _MESSAGES_ZH:
            text = str(error["msg"]).removeprefix("Value error, ")
        elif "%1" not in _MESSAGES_ZH[kind]:
            text = tr(_MESSAGES_ZH[kind])
        elif limit is not None:
            shown = _number_text(limit) if isinstance(limit, int | float) else str(limit)
            text = fill(tr(_MESSAGES_ZH[kind]), shown)
        else:
            text = str(error["msg"])
        found.setdefault(key, text)
    return found
