"""Submitting as one operation, without a display: outbox → hub → receipt → print, and what changed.

A whole demo terminal (simulated devices, the embedded hub over real HTTP on
127.0.0.1); the visit is driven through the journey, the submission through
kiosk.submission exactly as the window does it.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import msgspec
import pytest

from flows.journey import Journey, Step
from kiosk.acknowledgements import HubAcknowledgements
from kiosk.submission import Submission, SubmitRefused
from kiosk.walkthrough import sample_input
from kiosk.wording import print_problem_text
from offline_cache.sync import SyncReport

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parents[2]
CITIZENS = {c["key"]: c for c in json.loads((ROOT / "assets/samples/citizens.json").read_text())["citizens"]}
ENGLISH = {  # what Qt Linguist's catalog answers for these source strings
    "快递到付：%1": "Courier, paid on delivery: %1",
    "请携带": "Bring",
    "一网通办 · 一件事一次办": "OneStop · one life event, one visit",
}


def english(text: str) -> str:
    return ENGLISH.get(text, text)


def typed_value(merged_field, catalog):
    """What a citizen would enter in an empty field of the merged form."""
    if merged_field.kind in ("enum", "multi"):
        first = merged_field.options[0].id
        return first if merged_field.kind == "enum" else [first]
    if merged_field.kind == "bool":
        return True
    return sample_input(catalog.elements[merged_field.element_id])


def at_delivery(runtime, citizen: str = "zhang_wei", theme: str = "coffee") -> Journey:
    journey = Journey(runtime.catalog, runtime.hub)
    journey.choose_theme(theme)
    journey.accept_consent()
    journey.identify_with_card(CITIZENS[citizen]["card"])
    for finish, questions in ((journey.finish_business, journey.business_questions),
                              (journey.finish_situation, journey.situation_questions)):
        if journey.step not in (Step.BUSINESS, Step.SITUATION):
            break
        for question in questions():
            first = question.options[0].id if question.options else False
            value = [first] if question.kind == "multi" else (False if question.kind == "bool" else first)
            journey.answer(question.id, journey.theme.max_answers.get(question.id, value))
        finish()
    journey.licence_scanned(CITIZENS[citizen]["enterprise"]["uscc"])
    for merged_field, value in journey.filled:
        if value.editable and value.is_empty:
            journey.set_field(merged_field.key, typed_value(merged_field, runtime.catalog))
    journey.finish_review()
    journey.finish_checklist()
    journey.choose_delivery("courier", "上海市徐汇区漕溪北路1号")
    assert journey.step == Step.DELIVERY
    return journey


def test_submit_reaches_the_hub_prints_and_reports_what_changed(runtime) -> None:
    journey = at_delivery(runtime)
    submission = Submission(runtime)
    submitted = submission.commit(journey)
    assert journey.step == Step.DONE
    assert runtime.outbox.stub(submitted.application_id) is not None  # committed before anything else
    changes = submission.finish(submitted)
    assert changes.application_id == submitted.application_id
    assert (changes.delivered, changes.printed) == (True, True)
    assert changes.print_problem == ""
    assert runtime.outbox.stub(submitted.application_id).state == "acked"
    assert runtime.devices.printer.receipts_printed == 1


def test_the_acknowledgement_comes_from_the_sync_worker_not_from_reading_the_outbox(runtime,
                                                                                       monkeypatch) -> None:
    journey = at_delivery(runtime)
    submission = Submission(runtime)
    submitted = submission.commit(journey)
    reads: list[str] = []
    real_stub = runtime.outbox.stub
    monkeypatch.setattr(runtime.outbox, "stub", lambda i: reads.append(i) or real_stub(i))
    assert submission.finish(submitted).delivered is True
    assert reads == []


def test_a_hub_that_does_not_answer_in_time_means_queued_on_the_receipt(runtime) -> None:
    runtime.sync.stop(10)  # the network is down: nothing is sent
    journey = at_delivery(runtime)
    submission = Submission(runtime, wait_s=0.2)
    submitted = submission.commit(journey)
    changes = submission.finish(submitted)
    assert (changes.delivered, changes.printed) == (False, True)
    assert runtime.outbox.counts()["pending"] == 1  # safe, and sent once the network is back


@pytest.mark.expect_log(r"receipt not printed: PaperOut")
def test_paper_out_loses_nothing_and_says_so(runtime) -> None:
    runtime.devices.printer.set_paper("out")
    journey = at_delivery(runtime)
    submission = Submission(runtime)
    submitted = submission.commit(journey)
    changes = submission.finish(submitted)
    assert (changes.delivered, changes.printed, changes.print_problem) == (True, False, "paper_out")
    assert "打印纸已用完" in print_problem_text(changes.print_problem)
    kept = runtime.devices.printer.unprinted()
    assert [r.application_id for r in kept] == [submitted.application_id]  # staff can reprint it


def test_a_full_queue_refuses_in_the_citizens_language_and_keeps_the_visit(runtime, monkeypatch) -> None:
    journey = at_delivery(runtime)
    full = msgspec.structs.replace(runtime.outbox.config, max_pending_count=0)  # as if 0 may wait
    monkeypatch.setattr(runtime.outbox, "config", full)
    with pytest.raises(SubmitRefused) as refused:
        Submission(runtime).commit(journey)
    assert journey.step == Step.DELIVERY and journey.visit.identity is not None
    assert "人工窗口" in refused.value.text("zh_CN")
    assert "queue" in refused.value.text("en")
    assert runtime.outbox.counts()["pending"] == 0


def test_the_receipt_speaks_the_citizens_language(runtime) -> None:
    journey = at_delivery(runtime)
    submission = Submission(runtime, lang="en", tr=english)
    submitted = submission.commit(journey)
    receipt = submission.receipt(submitted, queued=False)
    assert receipt.theme_title == journey.theme.title_en
    assert receipt.matters == [m.name_en for m in submitted.matters]
    assert receipt.delivery == "Courier, paid on delivery: 上海市徐汇区漕溪北路1号"
    brought = [i for i in submitted.checklist if i.status == "bring"]
    assert f"{brought[0].name_en}（Bring）" in receipt.checklist
    assert receipt.footer == "OneStop · one life event, one visit"
    assert receipt.masked_id_number == "3101**********3011"


def test_waiting_for_an_acknowledgement_wakes_when_the_sync_worker_reports_it() -> None:
    acks = HubAcknowledgements()
    woke: list[float] = []

    def waiter() -> None:
        started = time.monotonic()
        assert acks.wait("a-1", 10.0)
        woke.append(time.monotonic() - started)

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.1)
    acks.note(SyncReport(acked=1, acked_ids=["other"]))
    acks.note(SyncReport(acked=1, acked_ids=["a-1"]))
    thread.join(10)
    assert woke and woke[0] < 10.0
    assert acks.wait("a-1", 0.0)  # remembered for a waiter that comes late
    assert not acks.wait("never", 0.05)
