"""Test set-up shared by every rig: headless Qt before any QApplication exists, and no test
passes while the code logs a warning it did not expect (tests/logfail.py)."""

import logging
import os

import logfail
import pytest

from kiosk.qt_messages import QT_MESSAGE_PATTERN

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
# The kiosk's on-screen keyboard, as in production (must be set before any QApplication exists).
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_MESSAGE_PATTERN", QT_MESSAGE_PATTERN)

_collector = logfail.RecordCollector()
_SURVEY = os.environ.get("ONESTOP_LOGFAIL_SURVEY")  # a file: list what would fail instead of failing
_ENFORCED = os.environ.get("ONESTOP_LOGFAIL", "off") != "off"  # TEMPORARY while the suite is cleaned


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expect_log(*patterns): warnings this test provokes on purpose (regular expressions)"
    )
    logging.getLogger().addHandler(_collector)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    _collector.records.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if call.when != "call":
        return
    texts = [] if "caplog" in item.fixturenames else [logfail.record_text(r) for r in _collector.records]
    texts += logfail.qt_warnings(report.capstderr)
    _collector.records.clear()
    bad = logfail.unexpected(texts, item)
    if not bad or report.outcome != "passed" or not (_ENFORCED or _SURVEY):
        return
    if _SURVEY:
        with open(_SURVEY, "a", encoding="utf-8") as survey:
            survey.writelines(f"{item.nodeid}\t{text}\n" for text in bad)
        return
    report.outcome = "failed"
    lines = "\n".join(f"  {text}" for text in bad)
    report.longrepr = f"unexpected warnings (fix them, or mark the test expect_log with the reason):\n{lines}"
