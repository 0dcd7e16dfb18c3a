"""Settings are declared once and validated before use."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import ConfigError
from kiosk.secrets import SecretFiles
from kiosk.settings import KioskSettings, declared_fields, load_settings, settings_reference


def test_defaults_validate_without_a_file() -> None:
    settings = load_settings(None)
    assert settings.terminal.idle_timeout_s == 90
    assert settings.terminal.idle_warning_s == 15
    assert settings.devices.idcard_driver == "simulator"


def test_file_values_override_defaults(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text('[terminal]\nhall = "徐汇"\nidle_timeout_s = 120\n[devices]\nprinter_driver = "none"\n')
    settings = load_settings(config)
    assert settings.terminal.hall == "徐汇"
    assert settings.terminal.idle_timeout_s == 120
    assert settings.devices.printer_driver == "none"


def test_every_setting_is_documented() -> None:
    rows = settings_reference()
    keys = {row["key"] for row in rows}
    assert {"terminal.idle_timeout_s", "hub.url", "devices.printer_driver", "sync.batch_size"} <= keys
    undocumented = [row["key"] for row in rows if not row["description"]]
    assert undocumented == []
    assert len(rows) == sum(len(declared_fields(s.type)) for s in declared_fields(KioskSettings))


def test_a_secret_readable_by_others_is_refused(tmp_path: Path) -> None:
    secrets = SecretFiles(tmp_path)
    path = secrets.write("hub_secret", "s3cret")
    assert secrets.read("hub_secret") == "s3cret"
    assert path.stat().st_mode & 0o077 == 0
    path.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        secrets.read("hub_secret")


def test_a_missing_required_secret_says_where_to_put_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="hub_secret"):
        SecretFiles(tmp_path).require("hub_secret", "the terminal's hub secret")


def test_readme_configuration_table_matches_the_declarations() -> None:
    from kiosk.settings_doc import settings_table

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings-table")
    body = readme[readme.index("\n", start) + 1 : readme.index("<!-- /settings-table -->")].strip()
    assert body == settings_table(), "README is stale: regenerate with python -m kiosk.settings_doc"
