"""A returning citizen is asked less: the business questions start from the enterprise their
profile names, the delivery screen from their last application at the (real, embedded) hub."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QAbstractButton

from flows.journey import Step
from kiosk.walkthrough import Walker, typical_answers

pytestmark = [pytest.mark.gui, pytest.mark.hub]

ZHANG = "310104198503123011"  # zhang_wei of assets/samples/citizens.json: represents a coffee company


def checked(walker: Walker, name: str) -> bool:
    button = walker.find(name)
    return isinstance(button, QAbstractButton) and button.isChecked()


def wait_until_the_hub_remembers(window, method: str) -> None:
    """The outbox sends on its own thread; ask the hub as the next visit will (bounded)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        profile = window.journey.lookups.person_profile(ZHANG) or {}
        if profile.get("last_delivery_method") == method:
            return
        Walker(window).pump(0.2)
    raise AssertionError(f"the hub never recorded {method!r} for the citizen")


def test_the_second_visit_starts_from_the_enterprise_and_the_last_delivery(window) -> None:
    walker = Walker(window)
    theme = window.journey.catalog.theme("coffee")
    walker.walk_to_delivery("coffee", "zhang_wei", typical_answers(theme))
    delivery = window.screens[Step.DELIVERY]
    assert checked(walker, "delivery-pickup") and not delivery.remembered.isVisible()
    walker.finish_visit("courier")
    wait_until_the_hub_remembers(window, "courier")

    walker.tap("theme-coffee")
    walker.wait_step(Step.CONSENT)
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-zhang_wei")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    # 经营范围 "餐饮服务；食品销售；咖啡制品零售", 有限责任公司（自然人独资）: chosen, still changeable
    assert checked(walker, "q-business_items-drinks") and checked(walker, "q-business_items-prepackaged")
    assert not checked(walker, "q-business_items-pastry")
    assert checked(walker, "q-economic_nature-private")
    walker.tap("q-business_items-prepackaged")
    assert window.journey.visit.answers["business_items"] == ["drinks"]
    walker.tap("CancelButton")
    walker.wait_step(Step.ATTRACT)

    result = Walker(window)
    result.walk_to_delivery("coffee", "zhang_wei", typical_answers(theme))
    assert checked(result, "delivery-courier") and delivery.remembered.isVisible()
    assert result.find("DeliveryAddress").text()  # the address from the profile, not typed
    taps_before, typed_before = result.result.taps, result.result.typed_chars
    result.finish_visit("courier")
    assert result.result.taps - taps_before == 3  # submit, 5 stars, done: no tap for the method
    assert result.result.typed_chars == typed_before  # nor a typed address
