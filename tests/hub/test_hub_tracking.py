"""Every matter moves through its stages; the receipt's token shows it; wrong moves are refused.

A real hub on 127.0.0.1 (SQLite and PostgreSQL) with the real catalog (departments and limits
from flows/catalog/matters). Applications arrive signed, as the kiosk sends them; matters are
moved through the hub's own progress service, the one the departments' API and `hub set-status`
call (the HTTP API of the departments: test_hub_departments_api.py).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests
from hub_signing import SignedClient

from flows.application_number import make_number
from hub import cli
from hub.catalog import DEFAULT_CATALOG_DIR
from hub.errors import HubError
from hub.matter_progress import ChangeRefused, MatterProgress, OtherDepartment
from hub.matter_status import Status, StatusChange
from hub.server import EmbeddedHub, start_embedded

TERMINAL, TERMINAL_SECRET = "XH-001", "tracking-terminal-secret-0123"
CITIZEN = {"name": "张三丰", "id_number": "110101199003070011"}
AMR = frozenset({"food_business"})


@pytest.fixture
def tracking_hub(db_url: str, tmp_path: Path) -> Iterator[EmbeddedHub]:
    running = start_embedded(
        db_url,
        terminals={TERMINAL: TERMINAL_SECRET},
        key_path=tmp_path / "keys" / "hub.key",
        catalog_dir=DEFAULT_CATALOG_DIR,
    )
    yield running
    running.stop()


@pytest.fixture
def terminal(tracking_hub: EmbeddedHub) -> Iterator[SignedClient]:
    client = SignedClient(tracking_hub.url, TERMINAL, TERMINAL_SECRET)
    yield client
    client.close()


def submit(terminal: SignedClient, sequence: int = 1) -> tuple[str, str]:
    """One application as the kiosk's outbox sends it; returns (short number, tracking token)."""
    number = make_number(TERMINAL, date(2026, 12, 1), sequence)
    token = secrets.token_urlsafe(16)
    item = {
        "application_id": str(uuid.uuid4()),
        "theme": "restaurant",
        "created_at": "2026-12-01T02:00:00Z",
        "application_number": number,
        "tracking_token": token,
        "body": {"applicant": CITIZEN, "matters": ["food_business", "fire_safety"]},
    }
    reply = terminal.post("/v1/applications/batch", {"items": [item]})
    assert reply.status_code == 200 and reply.json()["results"][0]["status"] == "created", reply.text
    return number, token


def page(hub: EmbeddedHub, token: str) -> requests.Response:
    return requests.get(f"{hub.url}/track/{token}", timeout=10)


def amr(progress: MatterProgress, number: str, change: StatusChange, matter: str = "food_business") -> None:
    progress.change(number, matter, change, actor="department:xuhui-amr", allowed_matters=AMR)


def test_every_stage_reaches_the_tracking_page(tracking_hub: EmbeddedHub, terminal: SignedClient) -> None:
    number, token = submit(terminal)
    progress = tracking_hub.service.progress
    first = page(tracking_hub, token)
    assert first.status_code == 200 and "已提交" in first.text and "张**" in first.text
    assert "张三丰" not in first.text and CITIZEN["id_number"] not in first.text and "0011" not in first.text
    steps = [
        (StatusChange(Status.ACCEPTED), "已受理"),
        (StatusChange(Status.REVIEWING), "审查中"),
        (StatusChange(Status.NEEDS_SUPPLEMENT, "请补充从业人员健康证明"), "请补充从业人员健康证明"),
        (StatusChange(Status.REVIEWING, "材料已补齐"), "审查中"),
        (StatusChange(Status.DECIDED, outcome="granted"), "准予许可"),
        (
            StatusChange(Status.DELIVERED, delivery_method="courier", courier_number="SF1234567890"),
            "SF1234567890",
        ),
    ]
    for change, shown in steps:
        amr(progress, number, change)
        assert shown in page(tracking_hub, token).text
    progress.change(
        number,
        "fire_safety",
        StatusChange(Status.NOT_ACCEPTED, "场所不属于公众聚集场所"),
        actor="department:xuhui-fire",
        allowed_matters=frozenset({"fire_safety"}),
    )
    final = page(tracking_hub, token).text
    assert "已送达" in final and "不予受理" in final and "场所不属于公众聚集场所" in final
    food = next(r for r in progress.matters_of(number) if r.matter_id == "food_business")
    assert (
        food.accepted_on
        and food.due_on
        and food.finished_on
        and food.timeliness(food.finished_on) == "done_on_time"
    )
    history = progress.events(number)
    assert [s for m, s, *_ in history if m == "food_business"] == [
        "submitted",
        "accepted",
        "reviewing",
        "needs_supplement",
        "reviewing",
        "decided",
        "delivered",
    ]
    assert {actor for _, _, _, actor, _ in history} == {
        f"terminal:{TERMINAL}",
        "department:xuhui-amr",
        "department:xuhui-fire",
    }


def test_forged_token_other_department_and_illegal_moves_are_refused(
    tracking_hub: EmbeddedHub, terminal: SignedClient
) -> None:
    number, token = submit(terminal)
    progress = tracking_hub.service.progress
    assert page(tracking_hub, secrets.token_urlsafe(16)).status_code == 404
    assert page(tracking_hub, token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 404
    assert page(tracking_hub, "<script>").status_code == 404
    with pytest.raises(OtherDepartment):
        amr(progress, number, StatusChange(Status.ACCEPTED), matter="fire_safety")
    with pytest.raises(ChangeRefused) as early:
        amr(progress, number, StatusChange(Status.DECIDED, outcome="granted"))
    assert "已受理" in early.value.message and early.value.status == 409
    with pytest.raises(ChangeRefused):
        amr(progress, number, StatusChange(Status.NOT_ACCEPTED))  # no reason given
    amr(progress, number, StatusChange(Status.ACCEPTED))
    with pytest.raises(ChangeRefused):
        amr(progress, number, StatusChange(Status.ACCEPTED))
    with pytest.raises(HubError):
        amr(progress, number[:-1] + ("Q" if number[-1] != "Q" else "R"), StatusChange(Status.REVIEWING))


def test_the_kiosk_asks_by_number_and_the_id_numbers_last_four(
    tracking_hub: EmbeddedHub, terminal: SignedClient
) -> None:
    number, token = submit(terminal)
    found = terminal.post(
        "/v1/tracking/lookup", {"application_number": number.lower().replace("-", " "), "id_last4": "0011"}
    )
    assert found.status_code == 200 and found.json()["application_number"] == number
    assert found.json()["masked_name"] == "张**"
    assert terminal.post("/v1/tracking/lookup", {"token": token}).json()["application_number"] == number
    wrong = terminal.post("/v1/tracking/lookup", {"application_number": number, "id_last4": "0012"})
    assert wrong.status_code == 404
    garbage = terminal.post(
        "/v1/tracking/lookup", {"application_number": "XH001-garbage", "id_last4": "0011"}
    )
    assert garbage.status_code == 404
    assert terminal.post("/v1/tracking/lookup", {"id_last4": "0011"}).status_code == 422
    unsigned = requests.post(f"{tracking_hub.url}/v1/tracking/lookup", json={"token": token}, timeout=10)
    assert unsigned.status_code == 401


def test_the_limit_runs_from_acceptance_across_the_spring_festival(
    tracking_hub: EmbeddedHub, terminal: SignedClient
) -> None:
    number, _ = submit(terminal)
    progress = tracking_hub.service.progress
    progress.today = lambda: date(2026, 2, 13)  # Friday before 春节 2026
    amr(progress, number, StatusChange(Status.ACCEPTED))
    progress.change(number, "fire_safety", StatusChange(Status.ACCEPTED), actor="department:xuhui-fire")
    rows = {r.matter_id: r for r in progress.matters_of(number)}
    # food_business: 7 working days → 14 Feb (Sat 调休), 24, 25, 26, 27, 28 (Sat 调休), 2 March
    assert (rows["food_business"].days_after, rows["food_business"].due_on) == (7, date(2026, 3, 2))
    assert rows["food_business"].due_exact
    assert (rows["fire_safety"].days_after, rows["fire_safety"].due_on) == (1, date(2026, 2, 14))
    food = rows["food_business"]
    assert food.timeliness(date(2026, 2, 26)) == "on_time"  # 27, 28 (Sat 调休), 2 March left: 3
    assert food.timeliness(date(2026, 2, 27)) == "due_soon"  # 28 (Sat 调休), 2 March left: 2
    assert food.timeliness(date(2026, 3, 3)) == "overdue"
    progress.today = lambda: date(2026, 3, 3)
    amr(progress, number, StatusChange(Status.REVIEWING))
    amr(progress, number, StatusChange(Status.DECIDED, "布局不符合要求", outcome="denied"))
    late = next(r for r in progress.matters_of(number) if r.matter_id == "food_business")
    assert late.timeliness(date(2026, 3, 3)) == "done_late"


def test_hall_staff_do_the_same_from_the_command_line(
    tracking_hub: EmbeddedHub,
    terminal: SignedClient,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    number, token = submit(terminal)
    base = ["--db", db_url, "--key-file", str(tmp_path / "keys" / "hub.key")]
    assert cli.main(["add-department", "xuhui-amr", "--matters", "food_business,public_hygiene", *base]) == 0
    assert len(capsys.readouterr().out.strip()) >= 32  # the secret, printed once
    assert cli.main(["list-departments", *base]) == 0
    assert "food_business,public_hygiene" in capsys.readouterr().out
    assert cli.main(["set-status", number.lower(), "food_business", "已受理", *base]) == 0
    assert "已受理" in capsys.readouterr().out
    assert cli.main(["set-status", number, "food_business", "decided", *base]) == 1
    assert "已受理" in capsys.readouterr().err  # refused, with what may come next
    assert cli.main(["set-status", number[:-1] + "Q", "food_business", "reviewing", *base]) == 1
    assert "校验位" in capsys.readouterr().err
    assert (
        cli.main(
            [
                "set-status",
                number,
                "food_business",
                "needs_supplement",
                "--note",
                "缺健康证明",
                "--staff",
                "wang",
                *base,
            ]
        )
        == 0
    )
    assert cli.main(["show-application", number, *base]) == 0
    assert "staff:wang" in capsys.readouterr().out
    assert "缺健康证明" in page(tracking_hub, token).text
