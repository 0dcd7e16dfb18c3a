"""The logging layer refuses records carrying personal data, by value, by object and by shape."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from devices.idcard.record import IdentityRecord
from kiosk.logs import LOG_FORMAT, PersonalDataFormatter

CITIZEN = IdentityRecord(
    card_type="resident", name="欧阳娜娜", sex="女", nation="汉", birth_date=date(1991, 7, 14),
    address="上海市静安区南京西路1601号", id_number="310106199107140028", authority="上海市公安局静安分局",
    valid_from=date(2015, 1, 1), valid_to=date(2035, 1, 1),
)


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[tuple[logging.Logger, Path]]:
    path = tmp_path / "kiosk.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(PersonalDataFormatter(LOG_FORMAT))
    logger = logging.getLogger("test.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, path
    logger.removeHandler(handler)
    handler.close()


def test_values_objects_and_shapes_are_refused(logged: tuple[logging.Logger, Path]) -> None:
    logger, path = logged
    logger.warning("reading card of %s", CITIZEN.name)  # a free-text name: no pattern knows it
    logger.warning("lives at " + CITIZEN.address)
    logger.warning("born %s", "1991年7月14日")
    logger.warning("record %r", CITIZEN)  # the object itself, however it renders
    logger.warning("call 13816620001")  # no live holder: caught by its shape
    try:
        raise ValueError(f"lookup failed for {CITIZEN.id_number}")
    except ValueError:
        logger.exception("hub error")
    logger.warning("printer paper low; uscc 91310104MA1FR0000C")
    text = path.read_text(encoding="utf-8")
    for value in (*filter(None, CITIZEN.personal_values()), "13816620001", "1991年7月14日"):
        assert value not in text
    assert text.count("log record refused: it carried personal data (test.privacy") == 6
    assert "test_logs_privacy.py:" in text and "printer paper low; uscc 91310104MA1FR0000C" in text


def test_refusing_a_record_leaves_the_record_itself_alone(logged: tuple[logging.Logger, Path]) -> None:
    """The refusal is written in the file only: a record kept by someone else is not rewritten."""
    logger, path = logged
    kept: list[logging.LogRecord] = []
    keeper = logging.Handler()
    keeper.emit = kept.append  # type: ignore[method-assign]
    logger.addHandler(keeper)
    try:
        logger.warning("reading card of %s", CITIZEN.name)
    finally:
        logger.removeHandler(keeper)
    assert "log record refused" in path.read_text(encoding="utf-8")
    assert [r.getMessage() for r in kept] == [f"reading card of {CITIZEN.name}"]
