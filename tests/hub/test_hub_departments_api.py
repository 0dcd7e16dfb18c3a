"""The departments' API: each department, signed with its own credentials, moves its matters over HTTP.

A real hub on 127.0.0.1 (SQLite and PostgreSQL), the real catalog, requests signed by the
documented rule (tests/hub/hub_signing.py) with X-Department-Id. The service-level rules, the
deadlines and the CLI are in test_hub_tracking.py.
"""

from __future__ import annotations

import secrets
from typing import Any

import requests
from hub_signing import SignedClient
from test_hub_tracking import CITIZEN, TERMINAL, TERMINAL_SECRET, page, submit, terminal, tracking_hub

from hub.server import EmbeddedHub

__all__ = ["terminal", "tracking_hub"]  # the fixtures, shared with the service-level tests


class DepartmentClient(SignedClient):
    """Signs exactly as a terminal does, naming a department instead."""

    def headers(self, *args: Any, **kwargs: Any) -> dict[str, str]:
        signed = super().headers(*args, **kwargs)
        signed["X-Department-Id"] = signed.pop("X-Terminal-Id")
        return signed


def department(hub: EmbeddedHub, name: str, matters: list[str]) -> DepartmentClient:
    secret = hub.service.departments.register(name, matters)
    return DepartmentClient(hub.url, name, secret)


def move(client: DepartmentClient, number: str, matter: str, **change: Any) -> requests.Response:
    return client.post(f"/v1/departments/matters/{number}/{matter}/status", change)


def test_every_stage_reaches_the_tracking_page(tracking_hub: EmbeddedHub, terminal: SignedClient) -> None:
    number, token = submit(terminal)
    amr = department(tracking_hub, "xuhui-amr", ["food_business"])
    fire = department(tracking_hub, "xuhui-fire", ["fire_safety"])

    first = page(tracking_hub, token)
    assert first.status_code == 200
    assert "已提交" in first.text and "张**" in first.text
    assert "张三丰" not in first.text and CITIZEN["id_number"] not in first.text and "0011" not in first.text

    listed = amr.get("/v1/departments/matters").json()["matters"]
    assert [(m["application_number"], m["matter_id"], m["status"]) for m in listed] == [
        (number, "food_business", "submitted")
    ]
    steps: list[tuple[dict[str, Any], str]] = [
        ({"status": "accepted"}, "已受理"),
        ({"status": "reviewing"}, "审查中"),
        ({"status": "needs_supplement", "note": "请补充从业人员健康证明"}, "请补充从业人员健康证明"),
        ({"status": "reviewing", "note": "材料已补齐"}, "审查中"),
        ({"status": "decided", "outcome": "granted"}, "准予许可"),
        (
            {"status": "delivered", "delivery_method": "courier", "courier_number": "SF1234567890"},
            "SF1234567890",
        ),
    ]
    for change, shown in steps:
        reply = move(amr, number, "food_business", **change)
        assert reply.status_code == 200, reply.text
        assert reply.json()["status"] == change["status"]
        assert shown in page(tracking_hub, token).text
    refused = move(fire, number, "fire_safety", status="not_accepted", note="场所不属于公众聚集场所")
    assert refused.status_code == 200 and refused.json()["stage"] == "closed"

    final = page(tracking_hub, token).text
    assert "已送达" in final and "不予受理" in final and "场所不属于公众聚集场所" in final
    delivered = amr.get("/v1/departments/matters?status=delivered").json()["matters"][0]
    assert delivered["accepted_on"] and delivered["due_on"] and delivered["finished_on"]
    assert delivered["timeliness"] == "done_on_time"
    history = tracking_hub.service.progress.events(number)
    moved_by = {(matter, actor) for matter, _, _, actor, _ in history if actor.startswith("department:")}
    assert moved_by == {("food_business", "department:xuhui-amr"), ("fire_safety", "department:xuhui-fire")}
    assert all(at.endswith("Z") for *_, at in history)
    amr.close()
    fire.close()


def test_forged_token_other_department_and_illegal_moves_are_refused(
    tracking_hub: EmbeddedHub, terminal: SignedClient
) -> None:
    number, token = submit(terminal)
    amr = department(tracking_hub, "xuhui-amr", ["food_business"])

    assert page(tracking_hub, secrets.token_urlsafe(16)).status_code == 404
    assert page(tracking_hub, token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 404
    assert page(tracking_hub, "<script>").status_code == 404

    other = move(amr, number, "fire_safety", status="accepted")
    assert other.status_code == 403 and other.json()["error"] == "forbidden"

    early = move(amr, number, "food_business", status="decided", outcome="granted")
    assert early.status_code == 409 and early.json()["error"] == "illegal_transition"
    assert "已受理" in early.json()["message"]
    assert move(amr, number, "food_business", status="not_accepted").status_code == 409  # no reason
    assert move(amr, number, "food_business", status="accepted").status_code == 200
    assert move(amr, number, "food_business", status="accepted").status_code == 409  # twice

    wrong_secret = DepartmentClient(tracking_hub.url, "xuhui-amr", "not-the-department-secret-000")
    assert move(wrong_secret, number, "food_business", status="reviewing").status_code == 401
    as_terminal = SignedClient(tracking_hub.url, TERMINAL, TERMINAL_SECRET)  # a terminal is no department
    assert as_terminal.get("/v1/departments/matters").status_code == 401
    tracking_hub.service.departments.revoke("xuhui-amr")
    assert move(amr, number, "food_business", status="reviewing").status_code == 403
    unknown = move(amr, "XH001-261201-9999-0", "food_business", status="reviewing")
    assert unknown.status_code in (400, 403, 404)
    for client in (amr, wrong_secret, as_terminal):
        client.close()
