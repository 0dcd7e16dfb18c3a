"""Pictures of the staff screens, so a person can check they read well without a touch screen.

    python -m kiosk.admin.screenshots OUT_DIR [--lang en]   # a demo terminal in a temp folder

`capture_admin_screens` grabs the PIN pad and every admin tab at 1920×1080 from
a terminal you pass in; the command builds a demo terminal (embedded hub,
simulated devices) with one refused application and one receipt left unprinted
by a paper-out, so the queue and reprint tabs have something to show; `--lang en`
draws them in English, as staff see them when the kiosk shows English.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from kiosk.runtime import Runtime

SIZE = (1920, 1080)
SETTLE_S = 15.0


def capture_admin_screens(runtime: Runtime, out_dir: Path, config_path: Path | None = None,
                          size: tuple[int, int] = SIZE, lang: str | None = None) -> dict[str, Path]:
    """PNG per screen: pin_pad, then admin_<tab> for every tab; returns name → path.

    `lang` ("en", "zh_CN") is installed for the pictures and the previous language put back after.
    """
    from kiosk.app import make_application
    from kiosk.i18n import install_language, installed_language

    app = make_application()
    before = installed_language()
    if lang is not None and lang != before and not install_language(app, lang):
        raise RuntimeError(f"the {lang} catalog cannot be loaded: run scripts/translations.py update")
    try:
        return _capture(runtime, Path(out_dir), config_path, size)
    finally:
        if installed_language() != before:
            install_language(app, before)


def _capture(
    runtime: Runtime, out_dir: Path, config_path: Path | None, size: tuple[int, int]
) -> dict[str, Path]:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.admin.audit_gate import AuditGate
    from kiosk.admin.panel import TABS, AdminPanel
    from kiosk.admin.pin_pad import PinPad
    from kiosk.staff import StaffFiles
    from kiosk.staff.audit import AuditLog
    from kiosk.staff.pin import PinStore

    out_dir.mkdir(parents=True, exist_ok=True)
    files = StaffFiles(runtime.data_dir)
    audit = AuditGate(AuditLog(files.audit))
    host = QWidget()
    host.setObjectName("Root")
    host.resize(*size)
    host.show()
    saved: dict[str, Path] = {}
    pad = PinPad(PinStore(files.pin), audit, host)
    pad.open_over(host)
    for digit in "12":
        pad.press(digit)
    saved["pin_pad"] = _grab(host, out_dir / "pin_pad.png")
    pad.cancel()
    panel = AdminPanel(runtime, audit, config_path, host)
    panel.open_over(host)
    for tab in TABS:
        panel.show_tab(tab)
        _settle(lambda tab=tab: tab != "diagnostics" or panel.diagnostics_view.report is not None)
        saved[f"admin_{tab}"] = _grab(host, out_dir / f"admin_{tab}.png")
    panel.background.wait(int(SETTLE_S * 1000))
    panel.close_panel("screenshots")
    host.close()
    host.deleteLater()
    QApplication.processEvents()
    return saved


def _settle(done, limit_s: float = SETTLE_S) -> None:
    """Let queued signals and background answers arrive (bounded)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + limit_s
    for _ in range(10_000):
        QApplication.processEvents()
        if done() or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.01)


def _grab(widget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def _stage_demo(runtime: Runtime, lang: str = "zh_CN") -> None:
    """A staff PIN, one refused application and one receipt kept after a paper-out (made-up data;
    the receipt names its theme in `lang`, as the citizen's visit would have)."""
    from devices.errors import PrinterError
    from devices.printer.receipt import Receipt
    from kiosk.i18n import catalog_text
    from kiosk.staff import StaffFiles
    from kiosk.staff.pin import PinStore

    PinStore(StaffFiles(runtime.data_dir).pin).set_pin("3917")

    application_id = runtime.outbox.enqueue("coffee", {"demo": True})
    runtime.outbox.claim_batch(1, 10**7)
    runtime.outbox.mark_dead(application_id, "rejected: field shop_area must be a number")
    printer = runtime.devices.printer
    if printer is not None and hasattr(printer, "set_paper"):
        printer.set_paper("out")
        title = catalog_text(runtime.catalog.theme("coffee"), "title", lang)
        receipt = Receipt(
            hall=runtime.settings.terminal.hall, terminal_id=runtime.settings.terminal.terminal_id,
            printed_at=datetime.now(), theme_title=title,
            application_id="0b7e6a52-7a51-4c1f-9a55-0c6f2f4f7d11", masked_id_number="3101**********0000",
        )  # fmt: skip
        with contextlib.suppress(PrinterError):  # kept for reprint, which is the point
            printer.print_receipt(receipt)
        printer.set_paper("low")


def main(argv: list[str] | None = None) -> int:
    from kiosk.admin.settings_toml import write_settings
    from kiosk.runtime import build_runtime
    from kiosk.settings import load_settings

    args = sys.argv[1:] if argv is None else argv
    lang = "zh_CN"
    if len(args) == 3 and args[1] == "--lang":
        args, lang = args[:1], args[2]
    if len(args) != 1:
        print("usage: python -m kiosk.admin.screenshots OUT_DIR [--lang en]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        settings = load_settings(None, {"hub.embedded": True, "terminal.data_dir": f"{scratch}/data"})
        config_path = Path(scratch) / "kiosk.toml"
        write_settings(config_path, settings)
        runtime = build_runtime(settings, demo=True)
        try:
            _stage_demo(runtime, lang)
            for name, path in capture_admin_screens(runtime, Path(args[0]), config_path, lang=lang).items():
                print(f"{name}: {path}")
        finally:
            runtime.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
