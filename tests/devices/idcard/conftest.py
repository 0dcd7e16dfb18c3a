"""Fixtures for the ID-card tests: sample text blocks and a GA 467 SAM emulated on a pty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rigs.sam_emulator import SamEmulator

from devices.idcard.ga467_reader import Ga467Reader
from devices.idcard.simulator import DEFAULT_CITIZENS_FILE, load_sample_blocks


@pytest.fixture(scope="session")
def sample_blocks() -> dict[str, bytes]:
    """key -> 256-byte text block of each shared demo citizen."""
    return {key: block for key, (_, block) in load_sample_blocks(DEFAULT_CITIZENS_FILE).items()}


@pytest.fixture
def sam(tmp_path: Path) -> Iterator[SamEmulator]:
    emulator = SamEmulator(tmp_path).start()
    yield emulator
    emulator.stop()


@pytest.fixture
def ga467_reader(sam: SamEmulator) -> Iterator[Ga467Reader]:
    reader = Ga467Reader(sam.port, reply_timeout_s=1.0, poll_interval_s=0.02)
    yield reader
    reader.close()
