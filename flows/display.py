"""How a value is shown on screen and paper: masked where its data element says so.

ID numbers show as ``3101**********1234`` (flows.identifiers.mask_id_number),
phones as ``138****0001``, names as ``张*``; options show their label, booleans 是/否.
The kiosk never formats a citizen's value itself, so masking cannot be forgotten.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flows.identifiers import mask_id_number
from flows.model import Catalog, DataElement


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits of a phone number."""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """Keep the first character of a name (张伟 → 张*)."""
    value = value.strip()
    return value[:1] + "*" * (len(value) - 1) if value else value


_MASKS = {"id_number": mask_id_number, "phone": mask_phone, "name": mask_name}

SOURCE_TAGS = {
    "id_card": ("来自身份证", "from ID card"),
    "licence": ("来自营业执照", "from licence"),
    "person_profile": ("来自一人一档", "from your profile"),
    "enterprise_profile": ("来自一企一档", "from the business profile"),
    "answer": ("来自您的选择", "from your answers"),
    "inferred": ("推定", "inferred, please check"),
    "citizen": ("", ""),
}


def source_tag(source: str, lang: str = "zh") -> str:
    """The small tag the merged form shows beside a value ("from ID card"); empty for typed values."""
    zh, en = SOURCE_TAGS.get(source, ("", ""))
    return zh if lang == "zh" else en


def display_value(
    catalog: Catalog, element_id: str, value: Any, lang: str = "zh", masked: bool = True
) -> str:
    """The string to show for ``value`` of ``element_id``; masked unless ``masked`` is False."""
    element = catalog.elements[element_id]
    return format_value(element, value, lang, masked)


def format_value(element: DataElement, value: Any, lang: str = "zh", masked: bool = True) -> str:
    """Format a value for one element (see :func:`display_value`)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("Yes" if value else "No")
    if element.kind in ("enum", "multi"):
        labels = {o.id: (o.text_zh if lang == "zh" else o.text_en) for o in element.options}
        items = value if isinstance(value, list | tuple) else [value]
        return "、".join(labels.get(str(v), str(v)) for v in items) if lang == "zh" else ", ".join(
            labels.get(str(v), str(v)) for v in items
        )
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if masked and element.mask in _MASKS:
        return _MASKS[element.mask](text)
    return text
