"""A private pcscd with the vsmartcard vpcd virtual reader, started and stopped by tests.

Only one pcscd may own /run/pcscd, so the rig runs its own in a private mount
namespace (``unshare -m``, root only): /run gets a fresh tmpfs and /run/pcscd is
a bind mount of a test directory, so the daemon's socket appears at
``<workdir>/ipc/pcscd.comm`` for the test process (PCSCLITE_CSOCK_NAME) and no
system pcscd is touched. vpcd listens on all interfaces on a free port pair
(reader "Virtual PCD 00 00" on `vpcd_port`, "00 01" on the next): a test tool
only, never part of a kiosk install.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
READER_NAME = "Virtual PCD 00 00"
SOCKET_ENV = "PCSCLITE_CSOCK_NAME"


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies, even by SIGKILL.

    unshare and sh exec into pcscd, so the setting reaches the daemon itself.
    """
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


def unavailable_reason() -> str | None:
    """Why this machine cannot run the rig, or None when it can."""
    if shutil.which("pcscd") is None:
        return "pcscd is not installed (Debian package pcscd)"
    if not VPCD_DRIVER.exists():
        return f"vpcd driver {VPCD_DRIVER} missing (Debian package vsmartcard-vpcd)"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    if os.geteuid() != 0:
        return "a private pcscd needs root (unshare -m)"
    return None


def free_port_pair() -> int:
    """A port p with p and p + 1 both free on all interfaces (vpcd binds 0.0.0.0)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("0.0.0.0", 0))
            port = probe.getsockname()[1]
        if port < 65535 and _port_free(port) and _port_free(port + 1):
            return port
    raise RuntimeError("no free TCP port pair for vpcd")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def _listening(port: int) -> bool:
    """True when something listens on `port` (read from /proc: connecting would insert a card)."""
    needle = f":{port:04X} "
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as lines:
            for line in lines:
                parts = line.split()
                if len(parts) > 3 and (parts[1] + " ").endswith(needle) and parts[3] == "0A":
                    return True
    return False


@dataclass
class PrivatePcscd:
    """pcscd in its own mount namespace with one vpcd reader pair."""

    workdir: Path
    vpcd_port: int
    log_lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir)
        self.conf_dir = self.workdir / "reader.conf.d"
        self.ipc_dir = self.workdir / "ipc"
        self.log_path = self.workdir / "pcscd.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        return self.ipc_dir / "pcscd.comm"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _write_config(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        self.ipc_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "vpcd").write_text(
            'FRIENDLYNAME "Virtual PCD"\n'
            f"DEVICENAME   /dev/null:0x{self.vpcd_port:04X}\n"
            f"LIBPATH      {VPCD_DRIVER}\n"
            f"CHANNELID    0x{self.vpcd_port:04X}\n",
            encoding="ascii",
        )
        for stale in self.ipc_dir.iterdir():
            stale.unlink()

    def start(self, timeout_s: float = 10.0) -> None:
        if self.running:
            return
        self._write_config()
        script = (
            "mount -t tmpfs onestop-pcscd /run && mkdir -p /run/pcscd && "
            f"mount --bind '{self.ipc_dir}' /run/pcscd && exec pcscd --foreground -c '{self.conf_dir}'"
        )
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self.running:
                log = self.log_path.read_text(errors="replace")
                raise RuntimeError(f"private pcscd exited at start: {log}")
            if self.socket_path.exists() and _listening(self.vpcd_port):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"private pcscd not ready within {timeout_s:g} s")

    def stop(self, timeout_s: float = 5.0) -> None:
        """SIGTERM (pcscd cleans up), then SIGKILL if it lingers; never leaves a daemon behind."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout_s)

    def kill(self) -> None:
        """pcscd dies without cleaning up (crash, OOM kill)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)

    def restart(self) -> None:
        self.stop()
        self.start()
