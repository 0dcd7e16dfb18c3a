"""Fixtures for the printer tests: a sample receipt and a TCP 9100 listener on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from rigs.printer_listener import PrinterListener

from devices.printer.receipt import Receipt


@pytest.fixture
def receipt() -> Receipt:
    return Receipt(
        hall="徐汇区行政服务中心",
        terminal_id="XH-0001",
        printed_at=datetime(2026, 11, 27, 19, 30),
        theme_title="我要开咖啡店",
        application_id="7f1c2a9e-5b3d-4c1e-9a7b-2d4e6f8a0b1c",
        masked_id_number="3101**********3011",
        matters=["食品经营许可证核发", "公共场所卫生许可证核发"],
        checklist=["身份证", "房屋租赁合同"],
        delivery="物流到付",
        tracking_url="https://ywtb.sh.gov.cn/track/7f1c2a9e-5b3d-4c1e-9a7b-2d4e6f8a0b1c",
        queued=False,
        footer="感谢您使用一网通办自助终端",
    )


@pytest.fixture
def listener() -> Iterator[PrinterListener]:
    rig = PrinterListener().start()
    yield rig
    rig.stop()
