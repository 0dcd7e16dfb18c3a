"""What differs between printer models: paper width, Chinese mode, cutter, native QR.

The common 80 mm Chinese thermal printers (Xprinter XP-80 series, Gprinter
GP-80 series and their many rebadges) print 48 columns of 12x24 ASCII, 24
columns of 24x24 hanzi, decode GB18030 after `FS &` (Chinese mode), cut with
`GS V`, and draw QR codes natively with `GS ( k`. `escpos_profile` names the
python-escpos capability profile used for everything that is not text.
"""

from __future__ import annotations

from msgspec import Struct

from devices.config import PrinterProfileName


class PrinterProfile(Struct, frozen=True):
    name: str
    description: str
    escpos_profile: str
    columns: int
    """ASCII columns of font A; a hanzi takes two."""
    chinese_mode: bool
    """Send `FS &` so GB18030 bytes print as hanzi (Chinese firmware)."""
    cutter: bool
    qr_module_px: int
    paper_mm: int


PROFILES: dict[str, PrinterProfile] = {
    "cn-80mm": PrinterProfile(
        name="cn-80mm",
        description="common 80 mm Chinese thermal printer (Xprinter XP-80 / Gprinter GP-80 class)",
        escpos_profile="TM-T88V",  # GS V cut and GS ( k QR, like these printers' ESC/POS firmware
        columns=48,
        chinese_mode=True,
        cutter=True,
        qr_module_px=6,
        paper_mm=80,
    ),
    "cn-58mm": PrinterProfile(
        name="cn-58mm",
        description="58 mm Chinese thermal printer without cutter (POS-5890 class)",
        escpos_profile="POS-5890",
        columns=32,
        chinese_mode=True,
        cutter=False,
        qr_module_px=4,
        paper_mm=58,
    ),
    "epson-tm-t88v": PrinterProfile(
        name="epson-tm-t88v",
        description="Epson TM-T88V, Chinese model (GB18030 font)",
        escpos_profile="TM-T88V",
        columns=42,
        chinese_mode=True,
        cutter=True,
        qr_module_px=6,
        paper_mm=80,
    ),
}


def get_profile(name: PrinterProfileName | str) -> PrinterProfile:
    """The profile called `name`; ValueError naming the known ones otherwise."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown printer profile {name!r}; known: {', '.join(PROFILES)}") from None
