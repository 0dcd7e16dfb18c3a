"""The versioned catalog: files read as opaque text, named by content hash, old versions kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_signing import SignedClient

from hub.catalog import catalog_version, read_catalog_files
from hub.errors import HubConfigError
from hub.server import EmbeddedHub, start_embedded

pytestmark = pytest.mark.hub


def test_latest_catalog_serves_every_file_as_text(client: SignedClient, catalog_dir: Path) -> None:
    reply = client.get("/v1/catalog/latest")
    assert reply.status_code == 200
    body = reply.json()
    assert set(body["files"]) == {"themes/open_cafe.yaml", "elements.json"}
    assert "我要开咖啡店" in body["files"]["themes/open_cafe.yaml"]
    assert body["version"] == catalog_version(read_catalog_files(catalog_dir))


def test_version_is_a_content_hash() -> None:
    a = catalog_version({"a.yaml": "x: 1"})
    assert a == catalog_version({"a.yaml": "x: 1"})
    assert a != catalog_version({"a.yaml": "x: 2"})
    assert a != catalog_version({"b.yaml": "x: 1"})
    assert a.startswith("sha256-")


def test_earlier_versions_stay_available_after_a_change(
    db_url: str, tmp_path: Path, catalog_dir: Path, hub: EmbeddedHub, client: SignedClient
) -> None:
    old = client.get("/v1/catalog/latest").json()
    hub.stop()
    (catalog_dir / "themes" / "open_cafe.yaml").write_text("id: open_cafe\ntitle_zh: 开咖啡店 v2\n", "utf-8")
    again = start_embedded(db_url, key_path=tmp_path / "keys" / "hub.key", catalog_dir=catalog_dir)
    try:
        c = SignedClient(again.url, "XH-001", client.secret)
        new = c.get("/v1/catalog/latest").json()
        assert new["version"] != old["version"]
        back = c.get(f"/v1/catalog/{old['version']}")
        assert back.status_code == 200
        assert back.json()["files"] == old["files"]
    finally:
        again.stop()


def test_unknown_version_is_404(client: SignedClient) -> None:
    reply = client.get("/v1/catalog/sha256-0000000000000000")
    assert reply.status_code == 404
    assert reply.json()["error"] == "not_found"


def test_missing_directory_gives_an_empty_catalog(tmp_path: Path) -> None:
    assert read_catalog_files(tmp_path / "absent") == {}


def test_binary_catalog_file_is_a_clear_config_error(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(HubConfigError, match="not UTF-8"):
        read_catalog_files(tmp_path)


def test_non_catalog_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.yaml").write_text("a: 1", "utf-8")
    assert read_catalog_files(tmp_path) == {"a.yaml": "a: 1"}
