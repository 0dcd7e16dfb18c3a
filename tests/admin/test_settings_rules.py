"""The settings form's rules and the TOML writer, without a display."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.admin.settings_fields import (
    SettingsFormError,
    changed_keys,
    setting_fields,
    validate_form,
)
from kiosk.admin.settings_toml import (
    SettingsWriteError,
    settings_toml,
    toml_string,
    write_settings,
)
from kiosk.settings import KioskSettings, load_settings, settings_reference


def test_every_reference_key_has_a_form_field_with_a_chinese_label() -> None:
    keys = [row["key"] for row in settings_reference()]
    fields = setting_fields()
    assert [f.key for f in fields] == keys
    assert all(f.label_zh and f.label_zh != f.name for f in fields)


def test_field_kinds_follow_the_models() -> None:
    by_key = {f.key: f for f in setting_fields()}
    assert by_key["terminal.fullscreen"].kind == "bool"
    assert by_key["terminal.language"].kind == "choice"
    assert by_key["terminal.language"].choices == ("zh_CN", "en")
    assert by_key["terminal.languages"].kind == "multi"
    assert by_key["devices.idcard_baudrate"].choices == (9600, 19200, 38400, 57600, 115200)
    idle = by_key["terminal.idle_timeout_s"]
    assert (idle.kind, idle.minimum, idle.maximum, idle.range_text()) == ("int", 20, 1800, "20 – 1800")
    assert by_key["sync.backoff_base_s"].range_text() == "> 0"
    assert by_key["devices.printer_timeout_s"].kind == "float"
    assert by_key["devices.printer_out_dir"].optional
    assert by_key["terminal.data_dir"].read_only


def test_wrong_values_give_one_chinese_message_per_field() -> None:
    current = KioskSettings()
    with pytest.raises(SettingsFormError) as caught:
        validate_form(
            current,
            {
                "devices.printer_port": "70000",
                "terminal.idle_timeout_s": "八十",
                "hub.url": "ftp://hub",
                "devices.camera_fps": "2",
                "terminal.terminal_id": "",
            },
        )
    errors = caught.value.errors
    assert errors["devices.printer_port"] == "不能大于 65535"
    assert errors["terminal.idle_timeout_s"] == "请输入整数"
    assert errors["hub.url"] == "格式不正确"
    assert errors["devices.camera_fps"] == "不能小于 5"
    assert "terminal.terminal_id" in errors


def test_a_rule_across_fields_is_reported_on_its_section() -> None:
    with pytest.raises(SettingsFormError) as caught:
        validate_form(
            KioskSettings(), {"devices.printer_driver": "usb", "devices.printer_device": "/dev/lp0"}
        )
    assert "VENDOR:PRODUCT" in caught.value.errors["devices"]


def test_unknown_keys_are_refused_and_read_only_keys_ignored(tmp_path: Path) -> None:
    with pytest.raises(SettingsFormError) as caught:
        validate_form(KioskSettings(), {"terminal.nope": "1"})
    assert caught.value.errors == {"terminal.nope": "没有这个设置项"}
    current = KioskSettings()
    same = validate_form(current, {"terminal.data_dir": str(tmp_path)})
    assert same.terminal.data_dir == current.terminal.data_dir


def test_typed_numbers_are_parsed_and_the_change_is_listed() -> None:
    current = KioskSettings()
    new = validate_form(
        current,
        {"terminal.idle_timeout_s": " 120 ", "devices.printer_out_dir": "", "terminal.languages": ["zh_CN"]},
    )
    assert new.terminal.idle_timeout_s == 120
    assert new.devices.printer_out_dir is None
    assert changed_keys(current, new) == ["terminal.languages", "terminal.idle_timeout_s"]


def test_written_file_loads_back_equal_and_holds_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    entered = {"terminal.hall": '徐汇 "A" 厅\\一楼', "devices.printer_port": "9101"}
    new = validate_form(KioskSettings(), entered)
    write_settings(path, new)
    assert load_settings(path) == new
    text = path.read_text(encoding="utf-8")
    assert "secret" not in text.split("# Secrets", 1)[1].split("\n", 1)[1]
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_write_keeps_the_old_file_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[terminal]\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_settings(path, KioskSettings())
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


def test_write_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsWriteError, match="cannot write there"):
        write_settings(tmp_path / "missing" / "kiosk.toml", KioskSettings())


def test_a_key_that_looks_like_a_secret_is_never_written() -> None:
    from kiosk.admin import settings_toml as module

    with pytest.raises(SettingsWriteError, match="secret"):
        module._refuse_secret("hub.terminal_secret")
    with pytest.raises(SettingsWriteError):
        module._refuse_secret("hub.api_key")
    module._refuse_secret("devices.printer_port")  # ordinary keys pass


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(SettingsWriteError):
        toml_string("a\ud800b")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_round_trips_through_toml(text: str) -> None:
    assert tomllib.loads(f"v = {toml_string(text)}\n")["v"] == text


@settings(max_examples=60, deadline=None)
@given(
    hall=st.text(min_size=1, max_size=40),
    timeout=st.integers(20, 1800),
    port=st.integers(1, 65535),
    printer_timeout=st.floats(0.5, 60.0, allow_nan=False),
    languages=st.lists(st.sampled_from(["zh_CN", "en"]), unique=True),
    status_query=st.booleans(),
)
def test_valid_settings_round_trip_through_the_file(
    hall: str, timeout: int, port: int, printer_timeout: float, languages: list[str], status_query: bool
) -> None:
    new = KioskSettings.model_validate(
        {
            "terminal": {"hall": hall, "idle_timeout_s": timeout, "languages": languages},
            "devices": {"printer_port": port, "printer_timeout_s": printer_timeout,
                        "printer_status_query": status_query},
        }
    )
    assert KioskSettings.model_validate(tomllib.loads(settings_toml(new))) == new


_FIELDS = setting_fields()


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f.key for f in _FIELDS if f.kind not in ("bool", "choice", "multi")]),
        st.text(max_size=30),
        max_size=6,
    )
)
def test_anything_typed_gives_settings_or_field_messages_never_a_crash(entered: dict[str, str]) -> None:
    try:
        new = validate_form(KioskSettings(), entered)
    except SettingsFormError as exc:
        assert exc.errors and all(isinstance(text, str) and text for text in exc.errors.values())
        return
    assert KioskSettings.model_validate(tomllib.loads(settings_toml(new))) == new
