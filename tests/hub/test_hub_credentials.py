"""Terminal secrets sealed under the hub key: bound to their terminal, useless without the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.credentials import SecretBox, generate_secret, load_or_create_key
from hub.errors import HubConfigError


def test_sealed_secret_opens_only_for_its_terminal(tmp_path: Path) -> None:
    box = SecretBox(load_or_create_key(tmp_path / "hub.key"))
    sealed = box.seal("XH-001", "the-secret-0123456789")
    assert box.open("XH-001", sealed) == "the-secret-0123456789"
    assert box.open("XH-002", sealed) is None
    assert b"the-secret" not in sealed


def test_another_key_cannot_open_it(tmp_path: Path) -> None:
    sealed = SecretBox(load_or_create_key(tmp_path / "a.key")).seal("XH-001", "the-secret-0123456789")
    assert SecretBox(load_or_create_key(tmp_path / "b.key")).open("XH-001", sealed) is None


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "hub.key"
    first = load_or_create_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_key(path) == first


def test_truncated_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hub.key"
    path.write_bytes(b"short")
    path.chmod(0o600)
    with pytest.raises(HubConfigError, match="32 bytes"):
        load_or_create_key(path)


def test_generated_secrets_are_long_and_distinct() -> None:
    secrets = {generate_secret() for _ in range(20)}
    assert len(secrets) == 20
    assert min(len(s) for s in secrets) >= 40


def test_garbage_sealed_value_does_not_open(tmp_path: Path) -> None:
    box = SecretBox(load_or_create_key(tmp_path / "hub.key"))
    assert box.open("XH-001", b"") is None
    assert box.open("XH-001", b"x" * 40) is None
