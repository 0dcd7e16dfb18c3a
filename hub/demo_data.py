"""Demo look-ups served by the reference hub: profiles, e-licence holdings and city-app tokens.

They come from assets/samples/citizens.json (the made-up citizens the ID-card and
camera simulators also use), so a demo citizen's card, licence QR and hub profile
agree. City-app token for citizen `zhang_wei` is `demo-zhang_wei`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows.identifiers import is_valid_id_number, is_valid_uscc
from hub.errors import HubConfigError, HubError

DEFAULT_CITIZENS = Path(__file__).resolve().parents[1] / "assets" / "samples" / "citizens.json"
CITY_APP_PREFIX = "demo-"
CITY_APP_QR_PREFIX = "CITYAPP:"
_CARD_FIELDS = (
    "card_type",
    "name",
    "sex",
    "nation",
    "birth_date",
    "address",
    "id_number",
    "authority",
    "valid_from",
    "valid_to",
    "name_en",
    "nationality",
)


class InvalidIdentifier(HubError):
    status = 422
    code = "invalid_identifier"


def check_id_number(value: str) -> str:
    value = value.strip().upper()
    if not is_valid_id_number(value):
        raise InvalidIdentifier("the ID number is not valid (18 characters with a matching check digit)")
    return value


def check_uscc(value: str) -> str:
    value = value.strip().upper()
    if not is_valid_uscc(value):
        raise InvalidIdentifier(
            "the Unified Social Credit Code is not valid (18 characters with a matching check character)"
        )
    return value

_LINKED_FIELDS = ("uscc", "name", "type", "business_scope")
"""What a person's profile says of each enterprise they represent."""


@dataclass
class DemoDirectory:
    """In-memory look-up tables built from the demo citizens (empty when demo data is off)."""

    persons: dict[str, dict[str, Any]] = field(default_factory=dict)
    enterprises: dict[str, dict[str, Any]] = field(default_factory=dict)
    holdings_by_id: dict[str, list[str]] = field(default_factory=dict)
    holdings_by_uscc: dict[str, list[str]] = field(default_factory=dict)
    city_app: dict[str, dict[str, Any]] = field(default_factory=dict)

    def person(self, id_number: str) -> dict[str, Any] | None:
        return self.persons.get(check_id_number(id_number))

    def enterprise(self, uscc: str) -> dict[str, Any] | None:
        return self.enterprises.get(check_uscc(uscc))

    def holdings(self, id_number: str | None, uscc: str | None) -> list[str]:
        """Material types held for the person, the enterprise, or both (union, sorted)."""
        if not id_number and not uscc:
            raise InvalidIdentifier("give an id_number, a uscc, or both")
        found: set[str] = set()
        if id_number:
            found.update(self.holdings_by_id.get(check_id_number(id_number), []))
        if uscc:
            found.update(self.holdings_by_uscc.get(check_uscc(uscc), []))
        return sorted(found)

    def verify_city_app(self, token: str) -> dict[str, Any] | None:
        """Identity fields for a token; the QR's "CITYAPP:" prefix is tolerated if a terminal sends it."""
        return self.city_app.get(token.strip().removeprefix(CITY_APP_QR_PREFIX))


def load_demo_directory(path: Path = DEFAULT_CITIZENS) -> DemoDirectory:
    """Build the demo tables; HubConfigError names the file when it is missing or malformed."""
    try:
        citizens = json.loads(path.read_text(encoding="utf-8"))["citizens"]
        directory = DemoDirectory()
        for citizen in citizens:
            _add_citizen(directory, citizen)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise HubConfigError(f"cannot load demo citizens from {path}: {exc!r}") from exc
    return directory


def _add_citizen(directory: DemoDirectory, citizen: dict[str, Any]) -> None:
    card = citizen["card"]
    id_number = card["id_number"].upper()
    person = {"id_number": id_number, "name": card["name"], **citizen["person_profile"]}
    directory.persons[id_number] = person
    directory.holdings_by_id[id_number] = list(citizen.get("holdings", []))
    enterprise = citizen.get("enterprise")
    if enterprise and enterprise.get("legal_rep") == card["name"]:
        # 一人一档 lists the enterprises this person represents (关联企业): what the kiosk
        # preselects the business questions from before the licence is scanned.
        person["enterprises"] = [{k: enterprise[k] for k in _LINKED_FIELDS if k in enterprise}]
    if enterprise:
        uscc = enterprise["uscc"].upper()
        directory.enterprises[uscc] = dict(enterprise)
        directory.holdings_by_uscc[uscc] = list(citizen.get("holdings", []))
    identity = {k: card[k] for k in _CARD_FIELDS if k in card}
    identity.setdefault("card_type", "resident")
    directory.city_app[f"{CITY_APP_PREFIX}{citizen['key']}"] = identity
