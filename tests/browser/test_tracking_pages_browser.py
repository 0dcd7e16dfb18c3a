"""The citizen's tracking page and the supervisor's 电子监察 page in Debian's headless Chromium.

An embedded hub with the real catalog; applications arrive as the kiosk sends them; departments
move their matters (one accepted long ago and now overdue, one finished on time, one 不予受理);
a citizen opens the receipt's link; the supervisor logs in, reads the figures, filters by theme
and exports CSV. Any script error or Content-Security-Policy violation fails the test.
"""

from __future__ import annotations

import csv
import io
import secrets
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from flows.application_number import make_number
from hub.catalog import DEFAULT_CATALOG_DIR
from hub.matter_progress import hall_today
from hub.matter_status import Status, StatusChange
from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TERMINAL, TERMINAL_SECRET = "XH-001", "browser-tracking-terminal-0123"
SUPERVISOR, PASSWORD = "li.supervisor", "supervision-password-42"


def send(hub: EmbeddedHub, sequence: int, theme: str, matters: list[str]) -> tuple[str, str, str]:
    """An application as the kiosk's outbox sends it (stored by the hub's own receiving code)."""
    number = make_number(TERMINAL, date(2026, 12, 1), sequence)
    token, application_id = secrets.token_urlsafe(16), str(uuid.uuid4())
    item = {
        "application_id": application_id,
        "theme": theme,
        "created_at": "2026-12-01T02:00:00Z",
        "application_number": number,
        "tracking_token": token,
        "body": {"applicant": {"name": "王小明", "id_number": "110101199003070011"}, "matters": matters},
    }
    [result] = hub.service.applications.receive_batch(TERMINAL, [item])
    assert result.status == "created"
    return number, token, application_id


@pytest.fixture
def busy_hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install -y chromium")
    hub = start_embedded(
        f"sqlite:///{tmp_path / 'hub.db'}",
        terminals={TERMINAL: TERMINAL_SECRET},
        supervisors={SUPERVISOR: PASSWORD},
        catalog_dir=DEFAULT_CATALOG_DIR,
    )
    try:
        yield hub
    finally:
        hub.stop()


def test_tracking_page_and_supervision_page(busy_hub: EmbeddedHub, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    hub = busy_hub
    progress = hub.service.progress
    late, late_token, late_id = send(hub, 1, "restaurant", ["food_business", "fire_safety"])
    done, _, _ = send(hub, 2, "coffee", ["food_business"])
    progress.today = lambda: date(2026, 11, 2)  # accepted a month ago: 7 working days ran out long since
    progress.change(late, "food_business", StatusChange(Status.ACCEPTED), actor="department:amr")
    progress.change(
        late, "fire_safety", StatusChange(Status.NOT_ACCEPTED, "非公众聚集场所"), actor="department:fire"
    )
    progress.today = hall_today
    for change in (
        StatusChange(Status.ACCEPTED),
        StatusChange(Status.REVIEWING),
        StatusChange(Status.DECIDED, outcome="granted"),
    ):
        progress.change(done, "food_business", change, actor="department:amr")
    hub.service.ratings.receive_batch(
        TERMINAL,
        [
            {
                "rating_id": str(uuid.uuid4()),
                "application_id": late_id,
                "theme": "restaurant",
                "stars": 4,
                "rated_at": "2026-12-01T02:05:00Z",
            }
        ],
    )
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": 1400, "height": 1000},
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
                accept_downloads=True,
            )
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))

            page.goto(f"{hub.url}/track/{late_token}")  # the receipt's QR, no login
            expect(page.locator("#number")).to_have_text(late)
            expect(page.locator("#name")).to_have_text("王**")
            food = page.locator('tr[data-matter="food_business"]')
            expect(food.locator("td.status")).to_contain_text("已受理")
            expect(food.locator("td.due")).to_contain_text("已超期")
            expect(page.locator('tr[data-matter="fire_safety"] td.next')).to_contain_text("非公众聚集场所")
            assert "王小明" not in page.content() and "110101" not in page.content()
            page.screenshot(path=str(tmp_path / "tracking.png"), full_page=True)
            page.goto(f"{hub.url}/track/{secrets.token_urlsafe(16)}")
            expect(page.locator("h1")).to_contain_text("未找到")
            problems.clear()  # the 404 of the forged link is the only console line expected so far

            page.goto(hub.url + "/supervision")
            expect(page).to_have_url(hub.url + "/fleet/login")
            page.fill("#name", SUPERVISOR)
            page.fill("#password", PASSWORD)
            page.click("#login")
            expect(page).to_have_url(hub.url + "/fleet")
            page.goto(hub.url + "/supervision")
            expect(page.locator("body")).to_have_attribute("data-loaded", "all")
            expect(page.locator('#stages tr[data-stage="review"] td').nth(1)).to_have_text(
                "1"
            )  # the late one
            expect(page.locator('#stages tr[data-stage="delivery"] td').nth(1)).to_have_text("1")
            amr = page.locator("#departments tbody tr", has_text="徐汇区市场监督管理局")
            expect(amr.locator("td.overdue")).to_have_text("1")
            expect(page.locator("#on-time")).to_have_text("100.0%")
            expect(page.locator("#rating")).to_contain_text("4.00")
            expect(page.locator("#matters tbody tr")).to_have_count(3)
            expect(page.locator("#matters tbody tr.overdue")).to_have_count(1)

            page.select_option("#theme", "coffee")
            page.click("#apply")
            expect(page.locator("body")).to_have_attribute("data-loaded", "theme=coffee")
            expect(page.locator("#matters tbody tr")).to_have_count(1)
            expect(page.locator("#rating")).to_have_text("—")
            with page.expect_download() as download:
                page.click("#csv")
            text = Path(download.value.path()).read_text("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0][:3] == ["办件编号", "主题", "提交时间"]
            assert [r[0] for r in rows[1:]] == [done]
            assert "按期办结" in rows[1]
            page.screenshot(path=str(tmp_path / "supervision.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
