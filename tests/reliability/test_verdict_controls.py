"""The verdict of the fault tests can fail: each kind of breakage, planted by hand, is reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from reliability_harness import CITIZENS, KioskFiles, verdict

from offline_cache.outbox import Acknowledgement, OutboxStore

pytestmark = pytest.mark.reliability


def delivered_outbox(tmp_path: Path, n: int = 3) -> tuple[KioskFiles, list[str]]:
    files = KioskFiles(tmp_path)
    files.db.parent.mkdir(parents=True)
    store = OutboxStore(files.db, files.key)
    ids = [store.enqueue("open_cafe", {"seq": i, "name": CITIZENS[0]["card"]["name"]}) for i in range(n)]
    store.claim_batch(50, 10**6)
    store.mark_acked([Acknowledgement(i, "R") for i in ids])
    store.close()
    files.ledger.write_text("".join(f"{i} {app_id}\n" for i, app_id in enumerate(ids)))
    files.log.write_text("sync ok\n")
    return files, ids


def test_clean_run_passes(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    assert verdict(files, ids).ok


def test_missing_at_hub_is_lost(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    result = verdict(files, ids[:-1])
    assert result.lost == [ids[-1]] and not result.ok


def test_twice_at_hub_is_duplicated(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    result = verdict(files, [*ids, ids[0]])
    assert result.duplicated == {ids[0]: 2} and not result.ok


def test_acked_row_with_body_is_reported(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    conn = sqlite3.connect(files.db)
    conn.execute("UPDATE outbox SET body = x'00' WHERE application_id = ?", (ids[0],))
    conn.commit()
    conn.close()
    result = verdict(files, ids)
    assert result.acked_with_body == 1 and not result.ok


def test_pii_in_the_log_is_reported(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    files.log.write_text(f"oops {CITIZENS[1]['card']['id_number']}\n")
    result = verdict(files, ids)
    assert result.pii_hits == [f"{CITIZENS[1]['key']}.id_number"] and not result.ok


def test_unsent_rows_are_reported(tmp_path: Path) -> None:
    files, ids = delivered_outbox(tmp_path)
    store = OutboxStore(files.db, files.key)
    extra = store.enqueue("open_cafe", {"seq": 99})
    store.close()
    result = verdict(files, ids)
    assert result.not_acked == {"pending": 1} and result.lost == [extra] and result.orphans == 1
