"""Fixtures for the PC/SC tests: a private pcscd with the vpcd reader, and virtual cards.

libpcsclite reads PCSCLITE_CSOCK_NAME once per process, before the first
context, so the private daemon's socket path is fixed here at collection time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rigs.pcscd import READER_NAME, SOCKET_ENV, PrivatePcscd, free_port_pair, unavailable_reason
from rigs.vpcd_card import VirtualIdCard

from devices.idcard.simulator import DEFAULT_CITIZENS_FILE, load_sample_blocks
from devices.pcsc.reader import PcscIdReader

_RIG_DIR = Path(tempfile.gettempdir()) / f"onestop-pcscd-{os.getpid()}"
os.environ[SOCKET_ENV] = str(_RIG_DIR / "ipc" / "pcscd.comm")


@pytest.fixture(scope="session")
def sample_blocks() -> dict[str, bytes]:
    return {key: block for key, (_, block) in load_sample_blocks(DEFAULT_CITIZENS_FILE).items()}


@pytest.fixture(scope="session")
def pcscd_rig() -> Iterator[PrivatePcscd]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    rig = PrivatePcscd(_RIG_DIR, free_port_pair())
    rig.start()
    yield rig
    rig.stop()
    shutil.rmtree(_RIG_DIR, ignore_errors=True)


@pytest.fixture
def pcscd(pcscd_rig: PrivatePcscd) -> PrivatePcscd:
    """The private pcscd, running (restarted if an earlier test stopped it)."""
    pcscd_rig.start()
    return pcscd_rig


@pytest.fixture
def make_card(pcscd: PrivatePcscd, sample_blocks) -> Iterator[Callable[..., VirtualIdCard]]:
    """make_card(key="zhang_wei", **options) -> a VirtualIdCard (not yet inserted); all removed at the end."""
    cards: list[VirtualIdCard] = []

    def make(key: str = "zhang_wei", **options) -> VirtualIdCard:
        options.setdefault("text_block", sample_blocks[key])
        card = VirtualIdCard(pcscd.vpcd_port, **options)
        cards.append(card)
        return card

    yield make
    for card in cards:
        card.remove()


@pytest.fixture
def pcsc_reader(pcscd: PrivatePcscd) -> Iterator[PcscIdReader]:
    reader = PcscIdReader(READER_NAME, poll_interval_s=0.05)
    yield reader
    reader.close()
