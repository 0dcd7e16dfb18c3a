"""The fleet page in a real browser: Playwright drives Debian's headless Chromium against an embedded hub.

Three terminals report (one printer out of paper, one calling staff), applications arrive,
the supervisor logs in through the form, and the page must show the rows, the alert and the
chart, then pick up a new heartbeat by itself. A screenshot is saved in the test's temp dir.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from hub.auth import sign
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
TERMINALS = {
    "XH-001": "browser-terminal-one-0123456789",
    "XH-002": "browser-terminal-two-0123456789",
    "XH-003": "browser-terminal-three-012345678",
}
SUPERVISOR, PASSWORD = "li.supervisor", "fleet-page-password-42"
ALERT_TEXT = "2号机旁有市民需要帮助 (a citizen needs help)"
HOSTILE_DETAIL = '<img src="x" onerror="document.title=1">'  # a terminal's text must stay text
REFRESH_WAIT_MS = 30_000  # the page refreshes every 10 s; allow three rounds on a busy machine
SCREENSHOT_COPY = os.environ.get("ONESTOP_FLEET_SCREENSHOT")  # optional extra copy (docs)


def beat(
    software: str = "1.4.2", printer_paper: str = "ok", alerts: list | None = None, camera_detail: str = ""
) -> dict:
    return {
        "devices": [
            {"name": "idcard", "kind": "idcard", "driver": "ga467", "status": "online", "detail": ""},
            {"name": "printer", "kind": "printer", "driver": "escpos", "status": "online",
             "paper": printer_paper, "detail": ""},
            {"name": "camera", "kind": "camera", "driver": "opencv", "status": "online",
             "detail": camera_detail},
        ],
        "queue": {"pending": 2, "sending": 0, "acked": 40, "dead": 0,
                  "oldest_pending_at": "2026-11-27T09:30:00Z"},
        "versions": {"software": software, "catalog": "sha256-5d41402abc4b2a76"},
        "alerts": alerts or [],
    }


def signed_post(hub: EmbeddedHub, terminal_id: str, path: str, body: dict, **headers: str) -> int:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    timestamp, nonce = str(int(time.time())), secrets.token_urlsafe(16)
    if path == "/v1/heartbeat":
        body = {**body, "sequence": time.time_ns()}
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    reply = requests.post(
        hub.url + path,
        data=raw,
        headers={
            "Content-Type": "application/json",
            "X-Terminal-Id": terminal_id,
            "X-Timestamp": timestamp,
            "X-Nonce": nonce,
            "X-Signature": sign(TERMINALS[terminal_id], "POST", path, timestamp, nonce, raw),
            **headers,
        },
        timeout=30,
    )
    return reply.status_code


def send_application(hub: EmbeddedHub, terminal_id: str, theme: str) -> None:
    item = {
        "application_id": str(uuid.uuid4()),
        "theme": theme,
        "created_at": "2026-11-27T19:00:00+08:00",
        "body": {"answers": {"form": "llc"}},
    }
    key = {"Idempotency-Key": item["application_id"]}
    assert signed_post(hub, terminal_id, "/v1/applications", item, **key) == 201


@pytest.fixture
def reporting_hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install -y chromium")
    (tmp_path / "catalog").mkdir()
    hub = start_embedded(
        f"sqlite:///{tmp_path / 'hub.db'}",
        terminals=TERMINALS,
        supervisors={SUPERVISOR: PASSWORD},
        catalog_dir=tmp_path / "catalog",
    )
    try:
        assert signed_post(hub, "XH-001", "/v1/heartbeat", beat(printer_paper="out")) == 204
        call_staff = [{"kind": "call_staff", "at": "2026-11-27T11:02:00Z", "message": ALERT_TEXT}]
        assert signed_post(hub, "XH-002", "/v1/heartbeat", beat(alerts=call_staff)) == 204
        assert signed_post(hub, "XH-003", "/v1/heartbeat", beat(camera_detail=HOSTILE_DETAIL)) == 204
        for terminal_id, theme in [("XH-001", "open_cafe")] * 3 + [("XH-002", "newborn")] * 2 + [
            ("XH-003", "open_cafe")
        ]:
            send_application(hub, terminal_id, theme)
        yield hub
    finally:
        hub.stop()


def test_supervisor_sees_rows_alert_chart_and_a_live_refresh(
    reporting_hub: EmbeddedHub, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    hub = reporting_hub
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="zh-CN",
                                    timezone_id="Asia/Shanghai")
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))

            page.goto(hub.url + "/fleet")
            expect(page).to_have_url(hub.url + "/fleet/login")  # not logged in yet
            page.fill("#name", SUPERVISOR)
            page.fill("#password", PASSWORD)
            page.click("#login")
            expect(page).to_have_url(hub.url + "/fleet")

            rows = page.locator("#terminal-rows tr")
            expect(rows).to_have_count(3)
            assert rows.locator("td.terminal").all_inner_texts() == ["XH-001", "XH-002", "XH-003"]

            printer = page.locator('tr[data-terminal="XH-001"] [data-device="printer"]')
            expect(printer).to_contain_text("paper out")
            expect(printer).to_have_attribute("data-severity", "error")
            expect(page.locator('tr[data-terminal="XH-003"] [data-severity="error"]')).to_have_count(0)
            expect(page.locator('tr[data-terminal="XH-001"] td.queue')).to_contain_text("2")
            expect(page.locator('tr[data-terminal="XH-001"] td.versions')).to_contain_text("1.4.2")

            alerts = page.locator("#alerts")
            expect(alerts).to_be_visible()
            expect(alerts.locator('li[data-terminal="XH-002"]')).to_contain_text(ALERT_TEXT)
            camera = page.locator('tr[data-terminal="XH-003"] [data-device="camera"]')
            expect(camera).to_have_attribute("title", HOSTILE_DETAIL)  # shown as text ...
            expect(page.locator("main img")).to_have_count(0)  # ... never as markup
            expect(page.locator('tr[data-terminal="XH-002"]')).to_have_class("has-alert")

            bars = page.locator("#hours-svg rect.bar")
            expect(bars).to_have_count(24)
            counts = [int(c) for c in bars.evaluate_all("bars => bars.map(b => b.dataset.count)")]
            assert sum(counts) == 6
            theme_bars = page.locator("#themes-svg rect.bar")
            expect(theme_bars).to_have_count(2)
            assert theme_bars.evaluate_all("bars => bars.map(b => [b.dataset.theme, b.dataset.count])") == [
                ["open_cafe", "4"], ["newborn", "2"],
            ]

            first_update = page.locator("#updated").get_attribute("data-generated-at")
            assert signed_post(hub, "XH-003", "/v1/heartbeat", beat(software="2.0.0")) == 204
            expect(page.locator('tr[data-terminal="XH-003"] td.versions')).to_contain_text(
                "2.0.0", timeout=REFRESH_WAIT_MS
            )  # no reload: the page fetched it by itself
            assert page.locator("#updated").get_attribute("data-generated-at") != first_update

            shot = tmp_path / "fleet.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            if SCREENSHOT_COPY:
                shutil.copyfile(shot, SCREENSHOT_COPY)

            page.click("#logout")
            expect(page).to_have_url(hub.url + "/fleet/login")
            page.goto(hub.url + "/fleet")
            expect(page).to_have_url(hub.url + "/fleet/login")  # the session is gone
        finally:
            browser.close()
    assert problems == []  # no script errors, no Content-Security-Policy violations
