"""The suite's own guard: a test that logs or makes Qt print an unexpected warning fails."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

HERE = Path(__file__).parent

CASES = '''
import logging, os
import pytest

def test_logs_a_warning():
    logging.getLogger("kiosk.something").warning("printer went away")

def test_qt_prints_a_warning():
    os.write(2, b"[qt.warning] {default} QWidget::setLayout: Attempting to set a layout twice\\n")

def test_known_qt_chatter_is_accepted():
    os.write(2, b"[qt.warning] {qt.qpa.window} This plugin does not support raise()\\n")

def test_looks_at_its_own_records(caplog):
    logging.getLogger("hub").error("refused")
    assert "refused" in caplog.text

@pytest.mark.expect_log(r"hub lookup .* failed")
def test_provokes_one_on_purpose():
    logging.getLogger("flows.journey").warning("hub lookup holdings failed: ConnectionError")

def test_info_is_not_a_warning():
    logging.getLogger("x").info("all good")
'''


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest((HERE / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(logfail=(HERE / "logfail.py").read_text(encoding="utf-8"), test_cases=CASES)
    monkeypatch.setenv("ONESTOP_LOGFAIL", "fail")
    monkeypatch.delenv("ONESTOP_LOGFAIL_SURVEY", raising=False)
    return pytester


def test_unexpected_warnings_fail_and_expected_ones_pass(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess("-p", "no:cacheprovider", "test_cases.py")
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines(["*test_logs_a_warning*", "*test_qt_prints_a_warning*"])
    result.stdout.fnmatch_lines(["*WARNING kiosk.something: printer went away*"])
    result.stdout.fnmatch_lines(["*Qt warning: QWidget::setLayout: Attempting to set a layout twice*"])
