"""A printer that writes each receipt as ESC/POS bytes and a PNG picture to a folder.

The demo and the tests use it like the real printer: the same status check
runs first, and `set_paper` / `set_online` make it refuse exactly as a printer
out of paper or with its cover open would.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from devices.errors import PrinterError
from devices.printer.printer import PaperState, ReceiptPrinter
from devices.printer.profile import PROFILES, PrinterProfile

if TYPE_CHECKING:
    from devices.printer.receipt import Receipt


class SimulatedPrinter(ReceiptPrinter):
    """Writes receipt_<n>.bin and receipt_<n>.png (n counts from 1) into `out_dir`."""

    driver = "simulator"

    def __init__(
        self,
        out_dir: Path,
        profile: PrinterProfile = PROFILES["cn-80mm"],
        name: str = "printer",
        preview: bool = True,
    ) -> None:
        super().__init__(name, profile)
        self.out_dir = Path(out_dir)
        self.preview = preview
        self._paper: PaperState = "ok"
        self._online = True
        self._counter_lock = threading.Lock()
        self._count = 0
        self.last_paths: tuple[Path, Path | None] | None = None
        self.paper_status()

    def set_paper(self, state: Literal["ok", "low", "out"]) -> None:
        if state not in ("ok", "low", "out"):
            raise ValueError("paper state is ok, low or out")
        self._paper = state
        self.paper_status()

    def set_online(self, online: bool) -> None:
        self._online = bool(online)
        self.paper_status()

    def _query(self) -> tuple[bool, PaperState]:
        return self._online, self._paper

    def _send(self, data: bytes, receipt: Receipt) -> None:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            with self._counter_lock:
                self._count = self._next_number()
                number = self._count
            bin_path = self.out_dir / f"receipt_{number}.bin"
            bin_path.write_bytes(data)
            png_path = None
            if self.preview:
                from devices.printer.preview import save_preview  # PIL and segno: with the first receipt
                from devices.printer.receipt import layout_receipt

                png_path = self.out_dir / f"receipt_{number}.png"
                save_preview(layout_receipt(receipt, self.profile.columns), self.profile, png_path)
        except OSError as exc:
            raise PrinterError(f"cannot write receipt to {self.out_dir}: {exc.strerror}") from None
        self.last_paths = (bin_path, png_path)

    def _next_number(self) -> int:
        existing = [
            int(p.stem.split("_", 1)[1])
            for p in self.out_dir.glob("receipt_*.bin")
            if p.stem.split("_", 1)[1].isdigit()
        ]
        return max([self._count, *existing]) + 1

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["ports"] = [str(self.out_dir)]
        return row
