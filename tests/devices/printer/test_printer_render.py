"""Receipt → ESC/POS bytes, read back by an independent parser: text as GB18030, QR, cut."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from receipt_bytes_parser import parse_escpos

from devices.printer.profile import PROFILES, get_profile
from devices.printer.receipt import QUEUED_NOTICE, Receipt, display_width, layout_receipt, wrap
from devices.printer.render import gb18030_text, render_receipt

CN80 = PROFILES["cn-80mm"]


def test_receipt_text_qr_and_cut(receipt: Receipt) -> None:
    parsed = parse_escpos(render_receipt(receipt, CN80))
    assert parsed.initialised and parsed.chinese_mode
    for expected in (
        "徐汇区行政服务中心",
        "XH-0001",
        "2026-11-27 19:30",
        "我要开咖啡店",
        receipt.application_id,
        "3101**********3011",
        "1. 食品经营许可证核发",
        "[ ] 房屋租赁合同",
        "物流到付",
        "感谢您使用一网通办自助终端",
    ):
        assert expected in parsed.text
    assert parsed.qr_payloads == [receipt.tracking_url]
    assert parsed.cuts == 1
    assert "徐汇区行政服务中心" in parsed.centred_lines and "徐汇区行政服务中心" in parsed.bold_lines
    assert "Queued" not in parsed.text


def test_queued_receipt_says_it_will_be_sent(receipt: Receipt) -> None:
    parsed = parse_escpos(render_receipt(dataclasses.replace(receipt, queued=True), CN80))
    for part in QUEUED_NOTICE.split("\n"):
        assert part in parsed.lines


def test_receipt_never_carries_a_full_id_number(receipt: Receipt) -> None:
    assert b"310104198503123011" not in render_receipt(receipt, CN80)
    unmasked = dataclasses.replace(receipt, masked_id_number="310104198503123011")
    parsed = parse_escpos(render_receipt(unmasked, CN80))
    assert "310104198503123011" not in parsed.text
    assert "3101**********3011" in parsed.text


def test_punctuation_and_symbols_survive_as_gb18030(receipt: Receipt) -> None:
    # python-escpos would send these through code-page switching (garbage on a Chinese printer)
    tricky = "（，。；：“”）€ ¥ 𠀀 喆"
    parsed = parse_escpos(render_receipt(dataclasses.replace(receipt, theme_title=tricky), CN80))
    assert any(tricky in line for line in parsed.lines)
    assert b"\x1bt" not in render_receipt(dataclasses.replace(receipt, theme_title=tricky), CN80)


def test_control_characters_in_data_cannot_inject_commands(receipt: Receipt) -> None:
    evil = dataclasses.replace(
        receipt, theme_title="咖啡\x1dV\x00店\x1b@", tracking_url="https://x/\x1b@track"
    )
    data = render_receipt(evil, CN80)
    parsed = parse_escpos(data)
    assert parsed.cuts == 1
    assert any("咖啡V店@" in line for line in parsed.lines)
    assert parsed.qr_payloads == ["https://x/@track"]


def test_58mm_profile_has_no_cut_and_narrower_lines(receipt: Receipt) -> None:
    profile = get_profile("cn-58mm")
    parsed = parse_escpos(render_receipt(receipt, profile))
    assert parsed.cuts == 0
    assert all(display_width(line) <= profile.columns for line in parsed.lines)


def test_every_line_fits_the_paper(receipt: Receipt) -> None:
    long = dataclasses.replace(receipt, matters=["超长事项名称" * 10], footer="长" * 100)
    for line in layout_receipt(long, CN80.columns):
        if line.kind != "text":
            continue
        limit = CN80.columns // 2 if line.double else CN80.columns
        assert display_width(line.text) <= limit


def test_optional_sections_are_left_out_when_empty(receipt: Receipt) -> None:
    bare = dataclasses.replace(receipt, matters=[], checklist=[], delivery="", tracking_url="", footer="")
    parsed = parse_escpos(render_receipt(bare, CN80))
    assert parsed.qr_payloads == []
    assert "Matters" not in parsed.text and "Checklist" not in parsed.text


def test_wrap_counts_hanzi_as_two_columns() -> None:
    assert wrap("汉字汉字汉", 4) == ["汉字", "汉字", "汉"]
    assert wrap("ab汉c", 3) == ["ab", "汉c"]
    assert wrap("a\nb", 10) == ["a", "b"]


def test_unknown_profile_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="known: cn-80mm"):
        get_profile("tm-9000")


def test_gb18030_text_is_the_one_encoding_path() -> None:
    assert gb18030_text("中文") == "中文".encode("gb18030")
    assert gb18030_text("a\x1bb") == b"ab"


receipt_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=60, deadline=None)
@given(
    title=receipt_texts, hall=receipt_texts, matters=st.lists(receipt_texts, max_size=4), url=receipt_texts
)
def test_fuzz_any_text_renders_and_parses_back(title: str, hall: str, matters: list[str], url: str) -> None:
    receipt = Receipt(
        hall=hall,
        terminal_id="T",
        printed_at=datetime(2026, 1, 1),
        theme_title=title,
        application_id="id",
        masked_id_number="1101**********002X",
        matters=matters,
        checklist=[],
        delivery="",
        tracking_url=url,
        queued=True,
        footer="",
    )
    parsed = parse_escpos(render_receipt(receipt, CN80))  # raises on any stray command byte
    assert parsed.cuts == 1
    if url.strip() and any(c.isprintable() for c in url):
        assert len(parsed.qr_payloads) <= 1
