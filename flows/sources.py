"""Turn what the kiosk has read (ID card, licence scan, hub profiles) into data-element values.

These are the records :func:`flows.engine.prefill` takes, one dict per source,
keyed by data element id. They accept the plain dict shapes the other layers
produce (``IdentityRecord.as_dict()``, the hub's profiles as in
assets/samples/citizens.json); anything of the wrong shape is a
:class:`SourceRecordError`, never a crash. Empty values are left out so that the
next source (or the citizen) can fill the element.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flows.address import split_address

ID_TYPE_BY_CARD = {
    "resident": "resident_id",
    "hkmotw": "hkmotw_residence_permit",
    "foreign_2017": "foreign_permanent_residence",
    "foreign_2023": "foreign_permanent_residence",
}
ECONOMIC_NATURE_BY_TYPE = (
    ("个体工商户", "individual"),
    ("农民专业合作社", "collective"),
    ("外商", "foreign"),
    ("港澳台", "foreign"),
    ("国有", "state"),
    ("集体", "collective"),
    ("有限责任公司", "private"),
    ("股份有限公司", "private"),
    ("合伙", "private"),
    ("个人独资", "private"),
)
MAX_VALUE_LENGTH = 500


class SourceRecordError(ValueError):
    """A record from a card or the hub does not have the expected shape."""


def _text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise SourceRecordError(f"field {key!r} should be text, got {type(value).__name__}")
    value = value.strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise SourceRecordError(f"field {key!r} is longer than {MAX_VALUE_LENGTH} characters")
    return value or None


def _require_mapping(record: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(record, Mapping):
        raise SourceRecordError(f"{what} must be a mapping, got {type(record).__name__}")
    return record


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def identity_elements(card: Mapping[str, Any]) -> dict[str, Any]:
    """Element values from an ID card record (the keys of devices' IdentityRecord)."""
    card = _require_mapping(card, "ID card record")
    card_type = _text(card, "card_type") or "resident"
    if card_type not in ID_TYPE_BY_CARD:
        raise SourceRecordError(f"unknown card_type {card_type!r}")
    valid_to = card.get("valid_to")
    nationality = "中国" if card_type in ("resident", "hkmotw") else _text(card, "nationality")
    id_number = _text(card, "id_number")
    return _compact(
        {
            "applicant_name": _text(card, "name") or _text(card, "name_en"),
            "applicant_sex": _text(card, "sex"),
            "applicant_nation": _text(card, "nation"),
            "applicant_birth_date": _text(card, "birth_date"),
            "applicant_domicile": _text(card, "address"),
            "applicant_id_type": ID_TYPE_BY_CARD[card_type],
            "applicant_id_number": id_number.upper() if id_number else None,
            "applicant_id_authority": _text(card, "authority"),
            "applicant_id_valid_from": _text(card, "valid_from"),
            "applicant_id_valid_to": "长期" if valid_to in (None, "", "长期") else _text(card, "valid_to"),
            "applicant_nationality": nationality,
        }
    )


def person_elements(profile: Mapping[str, Any]) -> dict[str, Any]:
    """Element values from the hub's person profile (一人一档)."""
    profile = _require_mapping(profile, "person profile")
    return _compact(
        {
            "applicant_mobile": _text(profile, "phone"),
            "applicant_email": _text(profile, "email"),
            "applicant_postal_address": _text(profile, "postal_address"),
            "applicant_postcode": _text(profile, "postcode"),
            "applicant_education": _education(_text(profile, "education")),
        }
    )


_EDUCATION = {"博士": "doctorate", "硕士": "master", "本科": "bachelor", "大专": "college",
              "高中": "high_school", "中专": "high_school", "初中": "junior_school"}


def _education(value: str | None) -> str | None:
    return _EDUCATION.get(value, "other") if value else None


def enterprise_elements(profile: Mapping[str, Any]) -> dict[str, Any]:
    """Element values from the hub's enterprise profile (一企一档), including the split premises address."""
    profile = _require_mapping(profile, "enterprise profile")
    premises = _text(profile, "business_address")
    registered = _text(profile, "registered_address")
    parts = split_address(premises) if premises else None
    registered_parts = split_address(registered) if registered else None
    uscc = _text(profile, "uscc")
    entity_type = _text(profile, "type")
    return _compact(
        {
            "uscc": uscc.upper() if uscc else None,
            "entity_name": _text(profile, "name"),
            "entity_type": entity_type,
            "economic_nature": economic_nature(entity_type),
            "legal_rep_name": _text(profile, "legal_rep"),
            "registered_address": registered,
            "registered_district": registered_parts.district if registered_parts else None,
            "premises_address": premises,
            "premises_city": parts.city if parts else None,
            "premises_district": parts.district if parts else None,
            "premises_road_number": parts.road_number if parts else None,
            "premises_floor": parts.floor if parts else None,
            "premises_room": parts.room if parts else None,
            "registered_capital": _text(profile, "registered_capital"),
            "established_date": _text(profile, "established"),
            "business_scope": _text(profile, "business_scope"),
            "entity_phone": _text(profile, "phone"),
        }
    )


def economic_nature(entity_type: str | None) -> str | None:
    """经济性质 from the registered entity type (个体工商户 → individual, 有限责任公司 → private…)."""
    if not entity_type:
        return None
    for marker, nature in ECONOMIC_NATURE_BY_TYPE:
        if marker in entity_type:
            return nature
    return None


def licence_elements(uscc: str) -> dict[str, Any]:
    """Element values from a scanned business licence: its Unified Social Credit Code."""
    if not isinstance(uscc, str):
        raise SourceRecordError("the scanned credit code must be text")
    return _compact({"uscc": uscc.strip().upper()})
