"""The reference hub as a separate OS process (`python -m hub serve`), killable with SIGKILL.

Hubs made with the same work_dir share its key file, so several can serve one database
(PostgreSQL) as they would behind a reverse proxy.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from rigs.fault_proxy import wait_for_port

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["PYTHONPATH"] = str(ROOT)
    return env


class HubProcess:
    def __init__(
        self,
        db_url: str,
        work_dir: Path,
        port: int | None = None,
        name: str = "hub",
        terminals: dict[str, str] | None = None,
        serve_args: tuple[str, ...] = (),
    ) -> None:
        self.db_url = db_url
        self.work_dir = work_dir
        self.port = port or free_port()
        self.key_path = work_dir / "hub.key"
        self.catalog_dir = work_dir / "hub-catalog"
        self.catalog_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = work_dir / f"{name}.log"
        self.serve_args = serve_args
        self.process: subprocess.Popen[bytes] | None = None
        for terminal_id, secret in (terminals or {}).items():
            self.run_cli("add-terminal", terminal_id, "--secret", secret)

    def _common(self) -> list[str]:
        return ["--db", self.db_url, "--key-file", str(self.key_path)]

    def run_cli(
        self, command: str, *args: str, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "hub", command, *args, *self._common()],
            check=True, cwd=ROOT, env=child_env(), capture_output=True, timeout=60, input=stdin,
        )

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "hub", "serve", *self._common(),
                    "--host", "127.0.0.1", "--port", str(self.port),
                    "--catalog-dir", str(self.catalog_dir), "--no-demo", *self.serve_args,
                ],
                cwd=ROOT, env=child_env(), stdout=log, stderr=subprocess.STDOUT,
            )
        if not wait_for_port(self.port, 60):
            self.kill()
            raise RuntimeError(f"hub did not start on port {self.port}; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL (the chaos case), or the end of a test."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        """SIGTERM and wait (uvicorn finishes open requests), SIGKILL past 20 s."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"
