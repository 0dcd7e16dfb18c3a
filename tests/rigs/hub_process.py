"""The reference hub as a separate OS process (`python -m hub serve`), killable with SIGKILL.

Hubs made with the same work_dir share its key file, so several can serve one database
(PostgreSQL) as they would behind a reverse proxy. Each hub runs in its own process group, so
`serve --workers N` (a parent and N worker processes) stops as a whole; `worker_pids` and
`socket_owner` read /proc to tell which worker process holds a connection.
"""

from __future__ import annotations

import contextlib
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
                start_new_session=True,  # its own process group: the workers of --workers go with it
            )
        if not wait_for_port(self.port, 60):
            self.kill()
            raise RuntimeError(f"hub did not start on port {self.port}; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL to the whole process group (the chaos case), or the end of a test."""
        if self.process is not None:
            _kill_group(self.process.pid)
            if self.process.poll() is None:
                self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        """SIGTERM and wait (uvicorn finishes open requests, a parent stops its workers), SIGKILL
        past 20 s; anything of its process group still alive then is killed too."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(20)
        self.kill()

    def worker_pids(self) -> list[int]:
        """Processes other than the parent that listen on the hub's port (the workers of --workers)."""
        if self.process is None:
            return []
        listening = _socket_inodes(self.port, listening=True)
        return sorted(
            pid for pid in _group_members(self.process.pid)
            if pid != self.process.pid and _open_sockets(pid) & listening
        )

    def socket_owner(self, client_port: int) -> int | None:
        """The pid (of this hub's processes) holding the server end of the client's connection."""
        if self.process is None:
            return None
        ends = _socket_inodes(self.port, remote_port=client_port)
        for pid in _group_members(self.process.pid):
            if _open_sockets(pid) & ends:
                return pid
        return None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _kill_group(pgid: int) -> None:
    """SIGKILL the hub's process group while a member lives (so the number is still ours)."""
    if _group_members(pgid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _open_sockets(pid: int) -> set[int]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(int(target[8:-1]))
    except OSError:
        pass
    return inodes


def _socket_inodes(local_port: int, listening: bool = False, remote_port: int | None = None) -> set[int]:
    """Inodes of 127.0.0.1 TCP sockets on local_port: listening ones, or the one talking to remote_port."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, state, inode = fields[1], fields[2], fields[3], int(fields[9])
        if int(local.split(":")[1], 16) != local_port:
            continue
        if listening and state == "0A":  # TCP_LISTEN
            found.add(inode)
        elif remote_port is not None and int(remote.split(":")[1], 16) == remote_port and state == "01":
            found.add(inode)  # TCP_ESTABLISHED
    return found
