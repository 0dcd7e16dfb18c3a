"""Exactly once under concurrency: two hub instances on one database, many senders of the same batches."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hub_signing import SignedClient, make_item

from hub.server import start_embedded

pytestmark = pytest.mark.hub

SECRET = "concurrent-secret-0123456789"


def test_same_batches_sent_at_once_to_two_hubs_are_stored_once(
    db_url: str, tmp_path: Path, catalog_dir: Path
) -> None:
    key = tmp_path / "hub.key"
    hubs = [
        start_embedded(db_url, terminals={"XH-001": SECRET}, key_path=key, catalog_dir=catalog_dir)
        for _ in range(2)
    ]
    try:
        batches = [[make_item() for _ in range(20)] for _ in range(3)]
        jobs = [(hubs[n % 2].url, batches[n % 3]) for n in range(12)]

        def send(job: tuple[str, list[dict]]) -> list[dict]:
            client = SignedClient(job[0], "XH-001", SECRET)
            try:
                reply = client.post("/v1/applications/batch", {"items": job[1]})
                assert reply.status_code == 200, reply.text
                return reply.json()["results"]
            finally:
                client.close()

        with ThreadPoolExecutor(max_workers=6) as pool:
            all_results = [r for results in pool.map(send, jobs) for r in results]
        created = Counter(r["application_id"] for r in all_results if r["status"] == "created")
        every_id = {i["application_id"] for batch in batches for i in batch}
        assert set(created) == every_id
        assert set(created.values()) == {1}
        assert {r["status"] for r in all_results} <= {"created", "replayed"}
        receipts: dict[str, set[str]] = {}
        for r in all_results:
            receipts.setdefault(r["application_id"], set()).add(r["receipt"])
        assert all(len(v) == 1 for v in receipts.values())
        stored = hubs[0].application_ids("XH-001")
        assert sorted(stored) == sorted(every_id)
    finally:
        for running in hubs:
            running.stop()
