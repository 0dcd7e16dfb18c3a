"""The embedded server: start, stop, and clear errors when it cannot start."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests

from hub.errors import HubConfigError
from hub.server import bind_socket, start_embedded

pytestmark = pytest.mark.hub


def test_listening_socket_is_tcp_proto_so_asyncio_sets_nodelay() -> None:
    sock = bind_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def test_busy_port_is_a_clear_config_error(tmp_path: Path) -> None:
    taken = bind_socket("127.0.0.1", 0)
    try:
        with pytest.raises(HubConfigError, match="cannot listen"):
            start_embedded(
                f"sqlite:///{tmp_path / 'hub.db'}", port=taken.getsockname()[1], catalog_dir=tmp_path
            )
    finally:
        taken.close()


def test_unknown_database_scheme_is_a_clear_config_error(tmp_path: Path) -> None:
    with pytest.raises(HubConfigError, match="unsupported database URL"):
        start_embedded("mysql://localhost/hub", key_path=tmp_path / "k", catalog_dir=tmp_path)


def test_unreachable_postgres_is_a_clear_config_error(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(HubConfigError, match="PostgreSQL"):
        start_embedded(f"postgresql://nobody@127.0.0.1:{port}/hub?connect_timeout=1", catalog_dir=tmp_path)


def test_stop_closes_the_port_and_can_be_called_twice(tmp_path: Path) -> None:
    running = start_embedded(f"sqlite:///{tmp_path / 'hub.db'}", catalog_dir=tmp_path)
    assert requests.get(running.url + "/v1/health", timeout=5).status_code == 200
    running.stop()
    running.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(running.url + "/v1/health", timeout=5)
