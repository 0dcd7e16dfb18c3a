"""The versioned catalog: files read as opaque text, named by content hash, old versions kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hub_signing import SignedClient

from flows.catalog import load_catalog
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


def test_a_restart_does_not_overwrite_what_was_published(
    db_url: str, tmp_path: Path, catalog_dir: Path, hub: EmbeddedHub, client: SignedClient
) -> None:
    """--catalog-dir seeds an empty hub only; later catalogs come through publish-catalog."""
    old = client.get("/v1/catalog/latest").json()
    assert old["number"] == 1
    hub.stop()
    (catalog_dir / "themes" / "open_cafe.yaml").write_text("id: open_cafe\ntitle_zh: 开咖啡店 v2\n", "utf-8")
    again = start_embedded(db_url, key_path=tmp_path / "keys" / "hub.key", catalog_dir=catalog_dir)
    try:
        c = SignedClient(again.url, "XH-001", client.secret)
        assert c.get("/v1/catalog/latest").json()["version"] == old["version"]
        published = again.service.catalog.publish(read_catalog_files(catalog_dir))
        assert (published.changed, published.number) == (True, 2)
        new = c.get("/v1/catalog/latest").json()
        assert (new["version"], new["number"]) == (published.version, 2)
        back = c.get(f"/v1/catalog/{old['version']}")
        assert back.status_code == 200 and back.json()["files"] == old["files"]
        # publishing the old content again is a roll-back: the newest number, same version
        rolled = again.service.catalog.publish(old["files"])
        assert (rolled.version, rolled.number) == (old["version"], 3)
        assert c.get("/v1/catalog/latest").json()["version"] == old["version"]
        assert again.service.catalog.publish(old["files"]).changed is False
    finally:
        again.stop()


def test_an_unchanged_catalog_costs_a_bodiless_304(client: SignedClient) -> None:
    first = client.get("/v1/catalog/latest")
    etag = first.headers["ETag"]
    assert etag == f'"{first.json()["version"]}"'
    again = client.get("/v1/catalog/latest", extra_headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    other = client.get("/v1/catalog/latest", extra_headers={"If-None-Match": '"sha256-0000000000000000"'})
    assert other.status_code == 200 and other.json()["files"]
    named = client.get(f"/v1/catalog/{first.json()['version']}", extra_headers={"If-None-Match": etag})
    assert named.status_code == 304


def test_catalog_requests_are_signed(hub: EmbeddedHub) -> None:
    import requests

    assert requests.get(hub.url + "/v1/catalog/latest", timeout=10).status_code == 401


def test_publish_catalog_checks_numbers_and_refuses_a_broken_one(db_url: str, tmp_path: Path) -> None:
    """The CLI as a department uses it, on SQLite and PostgreSQL: the same checks as `flows check`."""
    from rigs.catalog_copies import catalog_copy, with_new_restaurant_material, with_unknown_material
    from test_hub_cli import REPO

    def publish(directory: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "hub", "publish-catalog", str(directory), "--db", db_url],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )

    first = publish(catalog_copy(tmp_path / "v1"))
    assert first.returncode == 0, first.stderr
    assert "published catalog number 1" in first.stdout
    same = publish(tmp_path / "v1")
    assert same.returncode == 0 and "unchanged" in same.stdout
    changed = publish(with_new_restaurant_material(tmp_path / "v2"))
    assert changed.returncode == 0 and "published catalog number 2" in changed.stdout
    broken = publish(with_unknown_material(tmp_path / "broken"))
    assert broken.returncode == 1
    assert "matters/food_business.yaml:23: materials.6.material: unknown material" in broken.stderr
    assert "unchanged" in broken.stderr and "Traceback" not in broken.stderr
    from hub.catalog import CatalogStore
    from hub.db import open_database

    db = open_database(db_url)
    try:
        latest = CatalogStore(db).latest()
    finally:
        db.close()
    assert latest is not None and latest.number == 2
    assert "kitchen_exhaust_plan" in latest.files["materials.yaml"]
    assert latest.version == load_catalog(tmp_path / "v2").version  # what the terminal will compute


def test_publish_catalog_names_a_missing_folder(tmp_path: Path) -> None:
    from test_hub_cli import REPO

    done = subprocess.run(
        [sys.executable, "main.py", "hub", "publish-catalog", str(tmp_path / "absent"),
         "--db", f"sqlite:///{tmp_path / 'hub.db'}"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and "catalog directory does not exist" in done.stderr


def test_unknown_version_is_404(client: SignedClient) -> None:
    reply = client.get("/v1/catalog/sha256-0000000000000000")
    assert reply.status_code == 404
    assert reply.json()["error"] == "not_found"


@pytest.mark.expect_log(r"does not exist: nothing to seed")
def test_missing_directory_seeds_nothing(tmp_path: Path) -> None:
    assert read_catalog_files(tmp_path / "absent") == {}


def test_binary_catalog_file_is_a_clear_config_error(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(HubConfigError, match="not UTF-8"):
        read_catalog_files(tmp_path)


def test_non_catalog_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.yaml").write_text("a: 1", "utf-8")
    assert read_catalog_files(tmp_path) == {"a.yaml": "a: 1"}
