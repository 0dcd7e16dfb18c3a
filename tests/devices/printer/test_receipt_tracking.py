"""The receipt names the application by its short number, printed large, and promises only what exists."""

from __future__ import annotations

import dataclasses

from receipt_bytes_parser import parse_escpos

from devices.printer.profile import get_profile
from devices.printer.receipt import Receipt, layout_receipt
from devices.printer.render import render_receipt

NUMBER = "XH0001-261201-0007-0"
URL = "http://127.0.0.1:8710/track/_Aqfl0TAsQvSzve1F_u09Q"


def numbered(receipt: Receipt, **extra: object) -> Receipt:
    return dataclasses.replace(receipt, application_number=NUMBER, tracking_url=URL, **extra)


def test_the_short_number_is_printed_large_on_one_line(receipt: Receipt) -> None:
    lines = layout_receipt(numbered(receipt), get_profile("cn-80mm").columns)
    big = [line for line in lines if line.text == NUMBER]
    assert len(big) == 1 and big[0].double and big[0].bold and big[0].align == "center"
    parsed = parse_escpos(render_receipt(numbered(receipt), get_profile("cn-80mm")))
    assert NUMBER in parsed.lines
    assert URL in parsed.qr_payloads


def test_on_narrow_paper_the_number_stays_whole(receipt: Receipt) -> None:
    lines = layout_receipt(numbered(receipt), get_profile("cn-58mm").columns)
    assert [line.text for line in lines if NUMBER in line.text] == [NUMBER]


def test_an_sms_is_promised_only_when_the_notifier_is_configured(receipt: Receipt) -> None:
    columns = get_profile("cn-80mm").columns
    without = " ".join(line.text for line in layout_receipt(numbered(receipt), columns))
    with_sms = " ".join(line.text for line in layout_receipt(numbered(receipt, sms_notice=True), columns))
    assert "短信" not in without and "扫码查询进度" in without
    assert "短信" in with_sms
