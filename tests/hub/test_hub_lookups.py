"""Demo look-ups: profiles, e-licence holdings and city-app tokens from assets/samples/citizens.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hub_signing import SignedClient

from hub.server import start_embedded

pytestmark = pytest.mark.hub

CITIZENS = json.loads((Path(__file__).parents[2] / "assets/samples/citizens.json").read_text("utf-8"))[
    "citizens"
]
ZHANG = next(c for c in CITIZENS if c["key"] == "zhang_wei")


def test_person_profile_by_id_number(client: SignedClient) -> None:
    reply = client.post("/v1/profiles/person", {"id_number": ZHANG["card"]["id_number"]})
    assert reply.status_code == 200, reply.text
    profile = reply.json()
    assert profile["name"] == ZHANG["card"]["name"]
    assert profile["phone"] == ZHANG["person_profile"]["phone"]


def test_every_demo_citizen_is_served(client: SignedClient) -> None:
    for citizen in CITIZENS:
        person = client.post("/v1/profiles/person", {"id_number": citizen["card"]["id_number"]})
        enterprise = client.post("/v1/profiles/enterprise", {"uscc": citizen["enterprise"]["uscc"]})
        token = client.post("/v1/cityapp/verify", {"token": f"demo-{citizen['key']}"})
        assert (person.status_code, enterprise.status_code, token.status_code) == (200, 200, 200), citizen[
            "key"
        ]
        assert token.json()["id_number"] == citizen["card"]["id_number"]


def test_enterprise_profile_by_credit_code(client: SignedClient) -> None:
    reply = client.post("/v1/profiles/enterprise", {"uscc": ZHANG["enterprise"]["uscc"].lower()})
    assert reply.status_code == 200
    assert reply.json()["name"] == ZHANG["enterprise"]["name"]


def test_holdings_by_person_enterprise_or_both(client: SignedClient) -> None:
    by_id = client.post("/v1/elicences", {"id_number": ZHANG["card"]["id_number"]}).json()
    both = client.post(
        "/v1/elicences", {"id_number": ZHANG["card"]["id_number"], "uscc": ZHANG["enterprise"]["uscc"]}
    ).json()
    assert by_id["holdings"] == sorted(ZHANG["holdings"])
    assert both["holdings"] == sorted(ZHANG["holdings"])


def test_holdings_need_an_identifier(client: SignedClient) -> None:
    reply = client.post("/v1/elicences", {})
    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid_identifier"


def test_city_app_token_gives_card_identity_fields(client: SignedClient) -> None:
    reply = client.post("/v1/cityapp/verify", {"token": "demo-zhang_wei"})
    fields = reply.json()
    assert fields["card_type"] == "resident"
    for key in ("name", "sex", "nation", "birth_date", "address", "id_number", "valid_to"):
        assert fields[key] == ZHANG["card"][key]


def test_city_app_token_may_carry_the_qr_prefix(client: SignedClient) -> None:
    reply = client.post("/v1/cityapp/verify", {"token": "CITYAPP:demo-li_na"})
    assert reply.status_code == 200
    assert reply.json()["name"] == "李娜"


def test_unknown_people_and_tokens_are_404(client: SignedClient) -> None:
    assert client.post("/v1/profiles/person", {"id_number": "11010519491231002X"}).status_code == 404
    assert client.post("/v1/cityapp/verify", {"token": "CITYAPP:forged"}).status_code == 404
    assert client.post("/v1/elicences", {"id_number": "11010519491231002X"}).json() == {"holdings": []}


def test_malformed_identifiers_are_422_with_a_clear_message(client: SignedClient) -> None:
    bad_check = client.post("/v1/profiles/person", {"id_number": "310104198503123012"})
    bad_uscc = client.post("/v1/profiles/enterprise", {"uscc": "91310104MA1FR0000D"})
    assert bad_check.status_code == 422
    assert "check digit" in bad_check.json()["message"]
    assert bad_uscc.status_code == 422


@pytest.mark.expect_log(r"catalog directory .*/none does not exist: nothing to seed")
def test_without_demo_data_nothing_is_found(tmp_path: Path) -> None:
    running = start_embedded(
        f"sqlite:///{tmp_path / 'hub.db'}",
        terminals={"T": "t-secret-0123456789"},
        demo_data=False,
        catalog_dir=tmp_path / "none",
    )
    try:
        c = SignedClient(running.url, "T", "t-secret-0123456789")
        assert c.post("/v1/profiles/person", {"id_number": ZHANG["card"]["id_number"]}).status_code == 404
        assert c.post("/v1/cityapp/verify", {"token": "demo-zhang_wei"}).status_code == 404
    finally:
        running.stop()
