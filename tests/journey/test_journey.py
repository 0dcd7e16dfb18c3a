"""The visit's state machine, without a display: steps, refusals, look-up failures, wipe."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flows.catalog import load_catalog
from flows.journey import Journey, JourneyError, Step
from kiosk.walkthrough import sample_input
from offline_cache.outbox import OutboxStore

ROOT = Path(__file__).resolve().parents[2]
CITIZENS = {c["key"]: c for c in json.loads((ROOT / "assets/samples/citizens.json").read_text())["citizens"]}
TODAY = date(2026, 11, 27)


class SampleHub:
    """The hub's look-ups answered from the shared demo citizens (the port, in memory)."""

    def __init__(self, reachable: bool = True) -> None:
        self.reachable = reachable
        self.calls: list[str] = []

    def _check(self, what: str) -> None:
        self.calls.append(what)
        if not self.reachable:
            raise ConnectionError("hub down")

    def person_profile(self, id_number: str) -> dict[str, Any] | None:
        self._check("person")
        found = [c["person_profile"] for c in CITIZENS.values() if c["card"]["id_number"] == id_number]
        return found[0] if found else None

    def enterprise_profile(self, uscc: str) -> dict[str, Any] | None:
        self._check("enterprise")
        return next((c["enterprise"] for c in CITIZENS.values() if c["enterprise"]["uscc"] == uscc), None)

    def holdings(self, id_number: str, uscc: str) -> list[str]:
        self._check("holdings")
        return next((c["holdings"] for c in CITIZENS.values() if c["enterprise"]["uscc"] == uscc), [])

    def verify_city_app(self, token: str) -> dict[str, Any] | None:
        self._check("city_app")
        key = token.removeprefix("demo-")
        return dict(CITIZENS[key]["card"]) if key in CITIZENS else None


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def new_journey(catalog, hub: SampleHub | None = None) -> Journey:
    return Journey(catalog, hub or SampleHub(), today=lambda: TODAY)


def through_questions(journey: Journey) -> None:
    theme = journey.theme
    for question in journey.business_questions():
        journey.answer(question.id, theme.max_answers.get(question.id, _first(question)))
    journey.finish_business()
    if journey.step == Step.SITUATION:
        for question in journey.situation_questions():
            journey.answer(question.id, theme.max_answers.get(question.id, _first(question)))
        journey.finish_situation()


def _first(question) -> Any:
    if question.kind == "bool":
        return False
    first = question.options[0].id
    return [first] if question.kind == "multi" else first


def to_review(catalog, citizen: str = "zhang_wei", theme: str = "coffee", hub: SampleHub | None = None):
    journey = new_journey(catalog, hub)
    journey.choose_theme(theme)
    journey.accept_consent()
    journey.identify_with_card(CITIZENS[citizen]["card"])
    through_questions(journey)
    assert journey.step == Step.LICENCE
    journey.licence_scanned(CITIZENS[citizen]["enterprise"]["uscc"])
    assert journey.step == Step.REVIEW
    return journey


def test_steps_follow_the_fixed_order(catalog) -> None:
    journey = new_journey(catalog)
    seen: list[Step] = []
    journey.subscribe(seen.append)
    journey.choose_theme("coffee")
    journey.accept_consent()
    journey.identify_with_card(CITIZENS["zhang_wei"]["card"])
    assert seen == [Step.CONSENT, Step.IDENTITY, Step.BUSINESS]


def test_an_expired_card_is_refused_with_a_way_forward(catalog) -> None:
    journey = new_journey(catalog)
    journey.choose_theme("drinks")
    journey.accept_consent()
    with pytest.raises(JourneyError) as refused:
        journey.identify_with_card(CITIZENS["chen_expired"]["card"])
    assert "随申办" in refused.value.message_zh
    assert journey.step == Step.IDENTITY and journey.visit.identity is None


def test_a_card_valid_for_life_is_accepted(catalog) -> None:
    journey = new_journey(catalog)
    journey.choose_theme("grocery")
    journey.accept_consent()
    journey.identify_with_card(CITIZENS["wang_jianguo"]["card"])  # valid_to 长期
    assert journey.step == Step.BUSINESS


def test_city_app_code_identifies_through_the_hub(catalog) -> None:
    journey = new_journey(catalog)
    journey.choose_theme("coffee")
    journey.accept_consent()
    journey.identify_with_city_app("demo-li_na")
    assert journey.visit.identity["name"] == "李娜"
    assert journey.visit.identity["source"] == "city_app"


def test_unknown_city_app_code_is_refused(catalog) -> None:
    journey = new_journey(catalog)
    journey.choose_theme("coffee")
    journey.accept_consent()
    with pytest.raises(JourneyError, match="not valid"):
        journey.identify_with_city_app("forged-token")


def test_a_wrong_credit_code_is_refused_before_any_lookup(catalog) -> None:
    hub = SampleHub()
    journey = new_journey(catalog, hub)
    journey.choose_theme("coffee")
    journey.accept_consent()
    journey.identify_with_card(CITIZENS["zhang_wei"]["card"])
    through_questions(journey)
    hub.calls.clear()
    with pytest.raises(JourneyError):
        journey.licence_scanned("91310104MA1FR0000D")
    assert hub.calls == [] and journey.step == Step.LICENCE


def test_most_of_the_form_is_filled_from_card_licence_and_profiles(catalog) -> None:
    journey = to_review(catalog)
    filled = journey.filled
    assert filled.autofilled_count > filled.manual_count
    sources = {v.source for v in filled.values.values() if not v.is_empty}
    assert {"id_card", "enterprise_profile"} <= sources
    assert all(not v.editable for v in filled.values.values() if v.source in ("id_card", "licence"))


@pytest.mark.expect_log(r"hub lookup (person-profile|enterprise|holdings) failed: ConnectionError")
def test_hub_down_still_reaches_review_with_less_prefilled(catalog) -> None:
    online = to_review(catalog)
    offline = to_review(catalog, hub=SampleHub(reachable=False))
    assert offline.visit.person_profile is None and offline.visit.enterprise_profile is None
    assert offline.filled.autofilled_count < online.filled.autofilled_count
    assert offline.filled.autofilled_count > 0  # the card and the licence still count


def test_review_refuses_until_required_fields_are_valid(catalog) -> None:
    journey = to_review(catalog)
    assert journey.problems(), "the demo visit leaves required fields to the citizen"
    with pytest.raises(JourneyError):
        journey.finish_review()
    assert journey.step == Step.REVIEW
    for merged_field, value in journey.filled:
        if value.editable and value.is_empty:
            journey.set_field(merged_field.key, _valid_sample(merged_field, catalog))
    assert journey.problems() == {}
    journey.finish_review()
    assert journey.step == Step.CHECKLIST


def _valid_sample(merged_field, catalog) -> Any:
    if merged_field.kind == "enum":
        return merged_field.options[0].id
    if merged_field.kind == "multi":
        return [merged_field.options[0].id]
    if merged_field.kind == "bool":
        return True
    return sample_input(catalog.elements[merged_field.element_id])


def test_submit_commits_to_the_outbox_and_wipe_forgets_everything(catalog, tmp_path: Path) -> None:
    journey = to_review(catalog)
    for merged_field, value in journey.filled:
        if value.editable and value.is_empty:
            journey.set_field(merged_field.key, _valid_sample(merged_field, catalog))
    journey.finish_review()
    journey.finish_checklist()
    assert journey.visit.delivery.address == CITIZENS["zhang_wei"]["person_profile"]["postal_address"]
    journey.choose_delivery("courier", journey.visit.delivery.address)
    outbox = OutboxStore(tmp_path / "o.sqlite", tmp_path / "key")
    submitted = journey.submit(outbox)
    assert outbox.counts()["pending"] == 1
    assert submitted.masked_id_number == "3101**********3011"
    assert journey.step == Step.DONE
    journey.cancel()
    assert journey.step == Step.ATTRACT
    assert journey.visit.identity is None and journey.filled is None and journey.visit.typed == {}
    outbox.close()


def test_back_from_business_forgets_the_card(catalog) -> None:
    journey = new_journey(catalog)
    journey.choose_theme("coffee")
    journey.accept_consent()
    journey.identify_with_card(CITIZENS["zhang_wei"]["card"])
    journey.back()
    assert journey.step == Step.IDENTITY and journey.visit.identity is None


def test_a_step_out_of_order_is_refused(catalog) -> None:
    journey = new_journey(catalog)
    with pytest.raises(JourneyError):
        journey.licence_scanned("91310104MA1FR0000C")
