"""The private pcscd rig itself: it never outlives the process that started it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rigs.pcscd import unavailable_reason

pytestmark = pytest.mark.pcsc

ROOT = Path(__file__).resolve().parents[3]

STARTER = """
import sys
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from rigs.pcscd import PrivatePcscd, free_port_pair
rig = PrivatePcscd(Path({workdir!r}), free_port_pair())
rig.start()
print(rig.pid, flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_pcscd_dies_with_a_killed_test_process(tmp_path: Path) -> None:
    if unavailable_reason():
        pytest.skip(unavailable_reason())
    code = STARTER.format(root=str(ROOT), tests=str(ROOT / "tests"), workdir=str(tmp_path))
    starter = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        pcscd_pid = int(starter.stdout.readline())
        assert _alive(pcscd_pid)
        starter.kill()  # SIGKILL: no fixture teardown, no atexit
        starter.wait(10)
        deadline = time.monotonic() + 10
        while _alive(pcscd_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pcscd_pid)
    finally:
        if starter.poll() is None:
            starter.kill()
            starter.wait(10)
        starter.stdout.close()
        starter.stdin.close()
    assert os.path.exists(tmp_path / "pcscd.log")
