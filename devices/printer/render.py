"""Receipt → ESC/POS bytes, with every piece of text sent as GB18030 through one path.

python-escpos guesses code pages per string and, for CJK punctuation or mixed
symbols, switches code pages and prints garbage on a printer in Chinese mode
(see FACTS.md). So text never goes through its `text()`: `gb18030_text` is the
one place text becomes bytes, after `FS &` puts the printer into Chinese mode.
python-escpos still does what it does well — styles, native QR (`GS ( k`) and
the cut — on a Dummy printer whose output we collect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.printer.escpos_loader import import_escpos
from devices.printer.profile import PrinterProfile
from devices.printer.receipt import Receipt, ReceiptLine, clean_text, layout_receipt

if TYPE_CHECKING:
    from escpos.printer import Dummy

ESC_INIT = b"\x1b\x40"
FS_CHINESE_ON = b"\x1c\x26"
FS_CHINESE_OFF = b"\x1c\x2e"
GS_SIZE_NORMAL = b"\x1d\x21\x00"
GS_SIZE_DOUBLE = b"\x1d\x21\x11"


def gb18030_text(text: str) -> bytes:
    """The one path from text to printer bytes: control characters dropped, GB18030 encoded."""
    return clean_text(text).encode("gb18030")


def render_receipt(receipt: Receipt, profile: PrinterProfile) -> bytes:
    """The ESC/POS bytes of `receipt` laid out for `profile`."""
    return render_lines(layout_receipt(receipt, profile.columns), profile)


def render_lines(lines: list[ReceiptLine], profile: PrinterProfile) -> bytes:
    """ESC/POS bytes for laid-out lines: init, Chinese mode, styled text, QR, feed and cut.
    python-escpos loads with the first receipt, not with the kiosk."""
    import_escpos()
    from escpos.printer import Dummy

    printer = Dummy(profile=profile.escpos_profile)
    printer._raw(ESC_INIT)
    if profile.chinese_mode:
        printer._raw(FS_CHINESE_ON)
    for line in lines:
        _render_line(printer, line, profile)
    return printer.output


def _render_line(printer: Dummy, line: ReceiptLine, profile: PrinterProfile) -> None:
    if line.kind == "text":
        printer.set(align=line.align, bold=line.bold)
        # GS ! scales hanzi too; python-escpos's sizes use ESC !, which scales ASCII only
        printer._raw(GS_SIZE_DOUBLE if line.double else GS_SIZE_NORMAL)
        printer._raw(gb18030_text(line.text) + b"\n")
        if line.double:
            printer._raw(GS_SIZE_NORMAL)
    elif line.kind == "rule":
        printer.set(align="left", bold=False)
        printer._raw(b"-" * profile.columns + b"\n")
    elif line.kind == "qr" and line.text:
        printer.set(align="center", bold=False)
        printer.qr(line.text, size=profile.qr_module_px, native=True)
        printer._raw(b"\n")
        printer.set(align="left")
    elif line.kind == "feed":
        printer._raw(b"\n\n\n")
    elif line.kind == "cut":
        if profile.cutter:
            printer.cut(feed=True)
        else:
            printer._raw(b"\n\n\n")
