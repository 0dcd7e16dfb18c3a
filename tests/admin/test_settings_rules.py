"""The settings form's rules and the TOML writer, without a display."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.admin.settings_fields import (
    SettingsFormError,
    changed_keys,
    section_titles,
    setting_fields,
    validate_form,
)
from kiosk.admin.settings_toml import SettingsWriteError, updated_toml, write_settings
from kiosk.settings import KioskSettings, load_settings, settings_reference, validated


def test_every_setting_declares_its_chinese_and_english_label_beside_itself() -> None:
    keys = [row["key"] for row in settings_reference()]
    fields = setting_fields()
    assert [f.key for f in fields] == keys
    unlabelled = [f.key for f in fields if f.label_zh == f.name or f.label_en == f.name]
    assert unlabelled == [], "declare Meta(title=..., extra={'label_zh': ...}) on these settings"
    assert all(re.search(r"[\u4e00-\u9fff]", f.label_zh) for f in fields)
    assert not any(re.search(r"[\u4e00-\u9fff]", f.label_en) for f in fields)
    by_key = {f.key: f for f in fields}
    assert by_key["devices.printer_port"].label("en") == "Network printer port"
    assert by_key["devices.printer_port"].label("zh_CN") == "网络打印机端口"


def test_section_titles_come_from_the_declaration_in_both_languages() -> None:
    assert section_titles("zh_CN") == {"terminal": "终端", "hub": "中心平台", "devices": "设备",
                                       "sync": "同步（技术人员）"}
    assert list(section_titles("en").values())[:2] == ["Terminal", "Hub"]


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
    assert "secret" not in text.split("under secrets/.", 1)[1]
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


def test_lone_surrogates_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[terminal]\nhall = \"一楼\"\n", encoding="utf-8")
    with pytest.raises(SettingsWriteError, match="broken character"):
        write_settings(path, validated(KioskSettings, {"terminal": {"hall": "a\ud800b"}}))
    assert path.read_text(encoding="utf-8") == "[terminal]\nhall = \"一楼\"\n"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_any_text_round_trips_through_toml(text: str) -> None:
    new = validated(KioskSettings, {"terminal": {"hall": text}})
    assert tomllib.loads(updated_toml(new))["terminal"]["hall"] == text


TECHNICIAN_FILE = """\
# 徐汇 hall, terminal by the door — installed 2026-11-02 by Wang (ext. 4411)

[terminal]
hall = "徐汇区行政服务中心"   # as printed on the receipts
terminal_id = "XH-0007"
idle_timeout_s = 90

# the reader sits on the second USB port
[devices]
idcard_driver = "ga467"
idcard_port = "/dev/ttyUSB1"
printer_driver = "network"
printer_host = "10.0.3.20"
"""


def test_only_the_changed_key_is_rewritten_and_the_comments_stay() -> None:
    before = validated(KioskSettings, tomllib.loads(TECHNICIAN_FILE))
    after = validate_form(before, {"terminal.idle_timeout_s": "120"})
    written = updated_toml(after, TECHNICIAN_FILE)
    old_lines, new_lines = TECHNICIAN_FILE.splitlines(), written.splitlines()
    assert len(new_lines) == len(old_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [("idle_timeout_s = 90", "idle_timeout_s = 120")]
    assert validated(KioskSettings, tomllib.loads(written)) == after


def test_a_key_missing_from_the_file_is_added_only_when_it_differs_from_the_default() -> None:
    before = validated(KioskSettings, tomllib.loads(TECHNICIAN_FILE))
    assert updated_toml(before, TECHNICIAN_FILE) == TECHNICIAN_FILE
    after = validate_form(before, {"devices.printer_port": "9101", "sync.batch_size": "20"})
    written = updated_toml(after, TECHNICIAN_FILE)
    assert written.startswith(TECHNICIAN_FILE.rstrip("\n"))
    loaded = tomllib.loads(written)
    assert loaded["devices"]["printer_port"] == 9101
    assert loaded["sync"] == {"batch_size": 20}
    assert "data_dir" not in written  # defaults are not spelled out


def test_clearing_an_optional_value_removes_its_line(tmp_path: Path) -> None:
    text = TECHNICIAN_FILE + 'printer_out_dir = "/var/receipts"\n'
    before = validated(KioskSettings, tomllib.loads(text))
    after = validate_form(before, {"devices.printer_out_dir": ""})
    written = updated_toml(after, text)
    assert "printer_out_dir" not in written
    assert written.rstrip("\n") == TECHNICIAN_FILE.rstrip("\n")


def test_a_file_broken_by_hand_since_the_start_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[terminal\nhall = 1\n", encoding="utf-8")
    with pytest.raises(SettingsWriteError, match="no longer valid TOML"):
        write_settings(path, KioskSettings())
    assert path.read_text(encoding="utf-8") == "[terminal\nhall = 1\n"


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
    new = validated(KioskSettings,
        {
            "terminal": {"hall": hall, "idle_timeout_s": timeout, "languages": languages},
            "devices": {"printer_port": port, "printer_timeout_s": printer_timeout,
                        "printer_status_query": status_query},
        }
    )
    assert validated(KioskSettings, tomllib.loads(updated_toml(new))) == new


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
    assert validated(KioskSettings, tomllib.loads(updated_toml(new))) == new
