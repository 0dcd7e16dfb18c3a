"""HAProxy from Debian in front of hub processes, on free ports of 127.0.0.1, from deploy's own example.

    proxy = start_haproxy([hub1_port, hub2_port], work_dir)   # runs deploy/haproxy/onestop-hub.cfg
    proxy.url                                                   # http://127.0.0.1:PORT
    proxy.stop()

The example config names ports 8700 (frontend), 8701 and 8702 (the hubs); they are rewritten to
free ports, nothing else changes, so what the test runs is what deploy/ documents.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "haproxy" / "onestop-hub.cfg"
START_TIMEOUT_S = 15.0


def haproxy_available() -> bool:
    return shutil.which("haproxy") is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class HaproxyServer:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGUSR1)  # soft stop: finish open requests
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_haproxy(backend_ports: list[int], work_dir: Path) -> HaproxyServer:
    if len(backend_ports) != 2:
        raise ValueError("the example config has exactly two hub servers")
    port = _free_port()
    text = EXAMPLE.read_text("utf-8")
    for old, new in (("127.0.0.1:8700", port), ("127.0.0.1:8701", backend_ports[0]),
                     ("127.0.0.1:8702", backend_ports[1])):
        assert old in text, f"{EXAMPLE} no longer names {old}"
        text = text.replace(old, f"127.0.0.1:{new}")
    work_dir.mkdir(parents=True, exist_ok=True)
    config = work_dir / "haproxy.cfg"
    config.write_text(text, "utf-8")
    log_path = work_dir / "haproxy.log"
    check = subprocess.run(["haproxy", "-c", "-q", "-f", str(config)], capture_output=True, timeout=30)
    if check.returncode != 0:
        raise RuntimeError(f"haproxy refused {config}: {check.stderr.decode(errors='replace')[-500:]}")
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
    server = HaproxyServer(port, process, log_path)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"haproxy exited at start; see {log_path}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"haproxy did not listen within {START_TIMEOUT_S} s; see {log_path}")
