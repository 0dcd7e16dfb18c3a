"""Test set-up shared by every rig: headless Qt before any QApplication exists, and no test
passes while the code logs a warning it did not expect (tests/logfail.py)."""

import faulthandler
import logging
import os
import sys
import threading

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
_ENFORCED = os.environ.get("ONESTOP_LOGFAIL", "on") != "off"  # off: only to bisect a failure


MEMORY_ALARM_KIB = 8 * 1024 * 1024  # far above any test's need (the kiosk runs in < 0.5 GiB)


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)


def _memory_alarm(stop: threading.Event) -> None:
    """Once the test process passes MEMORY_ALARM_KIB, print every thread's stack to stderr, so a
    runaway test names itself in the CI log before the kernel's OOM killer ends the run silently."""
    while not stop.wait(2.0):
        if _rss_kib() > MEMORY_ALARM_KIB:
            print(f"\nMEMORY ALARM: the test process holds {_rss_kib() // 1024} MiB", file=sys.stderr)
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            return


_alarm_stop = threading.Event()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expect_log(*patterns): warnings this test provokes on purpose (regular expressions)"
    )
    logging.getLogger().addHandler(_collector)
    threading.Thread(target=_memory_alarm, args=(_alarm_stop,), name="memory-alarm", daemon=True).start()


def pytest_unconfigure(config: pytest.Config) -> None:
    _alarm_stop.set()


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
