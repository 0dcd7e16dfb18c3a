"""Fuzzing the batch intake with arbitrary JSON: every item gets a status, nothing crashes."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.applications import ApplicationStore
from hub.db import SqliteDatabase
from hub.inflight import InFlightKeys
from hub.schema import create_schema

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
plausible_items = st.fixed_dictionaries(
    {
        "application_id": st.uuids().map(str) | st.text(max_size=40),
        "theme": st.text(max_size=70),
        "created_at": st.datetimes().map(lambda d: d.isoformat()) | st.text(max_size=30),
        "body": st.dictionaries(st.text(max_size=8), json_values, max_size=5) | json_values,
    }
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    db = SqliteDatabase(Path(tmp_path_factory.mktemp("fuzz")) / "hub.db")
    create_schema(db)
    yield ApplicationStore(db, InFlightKeys())
    db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(plausible_items | json_values, max_size=8))
def test_every_item_gets_one_status(store: ApplicationStore, items: list) -> None:
    terminal = f"T-{uuid.uuid4().hex[:8]}"
    results = store.receive_batch(terminal, items)
    assert len(results) == len(items)
    for raw, result in zip(items, results, strict=True):
        assert result.status in ("created", "replayed", "conflict", "rejected")
        if result.status == "rejected":
            assert result.error
        else:
            assert result.application_id == str(uuid.UUID(raw["application_id"]))
    created = [r.application_id for r in results if r.status == "created"]
    assert sorted(store.ids_for(terminal)) == sorted(created)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_the_same_body_always_replays_and_any_other_body_conflicts(
    store: ApplicationStore, body: dict
) -> None:
    terminal = f"T-{uuid.uuid4().hex[:8]}"
    item = {
        "application_id": str(uuid.uuid4()),
        "theme": "t",
        "created_at": "2026-01-01T00:00:00Z",
        "body": body,
    }
    assert store.receive_batch(terminal, [item])[0].status == "created"
    assert store.receive_batch(terminal, [dict(item)])[0].status == "replayed"
    other = {**item, "body": {**body, "\x00extra": 1}}
    assert store.receive_batch(terminal, [other])[0].status == "conflict"
