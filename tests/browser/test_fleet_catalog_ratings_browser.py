"""The fleet page's catalog and 好差评 columns in a real browser (Debian's headless Chromium)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_fleet_page_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    SUPERVISOR,
    TERMINALS,
    beat,
    signed_post,
)

from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.browser


@pytest.fixture
def rated_hub(tmp_path: Path) -> Iterator[tuple[EmbeddedHub, str]]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install -y chromium")
    (tmp_path / "catalog").mkdir()
    hub = start_embedded(f"sqlite:///{tmp_path / 'hub.db'}", terminals=TERMINALS,
                         supervisors={SUPERVISOR: PASSWORD}, catalog_dir=tmp_path / "catalog")
    try:
        old = hub.service.catalog.publish({"themes/a.yaml": "id: a\n"})
        new = hub.service.catalog.publish({"themes/a.yaml": "id: a\ntitle_zh: 新\n"})
        for terminal_id, version in (("XH-001", old.version), ("XH-002", new.version)):
            report = beat()
            report["versions"]["catalog"] = version
            assert signed_post(hub, terminal_id, "/v1/heartbeat", report) == 204
        items = [
            {"rating_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()), "theme": theme,
             "stars": stars, "rated_at": "2026-12-01T10:00:00Z"}
            for theme, stars in (("open_cafe", 4), ("open_cafe", 5), ("open_restaurant", 2))
        ]
        assert signed_post(hub, "XH-001", "/v1/ratings/batch", {"items": items}) == 200
        yield hub, f"#{new.number}"
    finally:
        hub.stop()


def test_supervisor_sees_who_is_behind_the_catalog_and_the_ratings(
    rated_hub: tuple[EmbeddedHub, str],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    hub, latest = rated_hub
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(hub.url + "/fleet/login")
            page.fill("#name", SUPERVISOR)
            page.fill("#password", PASSWORD)
            page.click("#login")
            expect(page).to_have_url(hub.url + "/fleet")

            behind = page.locator('tr[data-terminal="XH-001"] [data-behind]')
            expect(behind).to_have_count(1)
            expect(behind).to_contain_text(latest)
            expect(page.locator('tr[data-terminal="XH-001"] td.versions')).to_contain_text("目录 #1")
            expect(page.locator('tr[data-terminal="XH-002"] [data-behind]')).to_have_count(0)
            expect(page.locator("#catalog-latest")).to_contain_text(f"{latest} current catalog · 落后 1")

            rating = page.locator('tr[data-terminal="XH-001"] td.rating')
            expect(rating).to_contain_text("★ 3.7")
            expect(rating).to_have_attribute("data-count", "3")
            expect(page.locator('tr[data-terminal="XH-002"] td.rating')).to_have_text("—")
            cafe = page.locator('#ratings-table tr[data-theme="open_cafe"]')
            expect(cafe).to_contain_text("★ 4.5")
            expect(cafe).to_contain_text("2")
        finally:
            browser.close()
    assert problems == []
