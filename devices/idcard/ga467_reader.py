"""GA 467 SAM module on a serial port: the real resident ID card reader driver.

Speaks the frames of devices.idcard.ga467 over pyserial, survives noise and
split replies, retries a corrupt reply, and reconnects when the port (a USB
serial adapter, a pty in tests) vanishes and comes back. All port access is
serialised by one lock, so the poll loop and a read never interleave frames.
"""

from __future__ import annotations

import logging
import termios
import threading
import time
from typing import Any

import serial

from devices.base import DeviceStatus
from devices.idcard import ga467
from devices.idcard.errors import (
    DamagedReplies,
    FrameError,
    NoReply,
    PortAbsent,
    PortBusy,
    ReaderUnavailable,
    SamFault,
    SamNotAnswering,
    TruncatedReply,
)
from devices.idcard.reader import DEFAULT_POLL_INTERVAL_S, IdCardReader
from devices.idcard.record import CARD_TYPES, IdentityRecord
from devices.idcard.textblock import decode_text_block

log = logging.getLogger(__name__)

REPLY_TIMEOUT_S = 1.0  # the slowest reply (read base info at 115200 Bd) takes well under 0.5 s
FRAME_RETRIES = 2  # a corrupt reply is asked for again this many times

# a vanished USB adapter surfaces as any of these (termios.error is not an OSError)
PORT_ERRORS = (serial.SerialException, OSError, termios.error)


class Ga467Reader(IdCardReader):
    """Resident / permit / foreign permanent resident cards through a GA 467 SAM module."""

    driver = "ga467"

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        name: str = "idcard",
        reply_timeout_s: float = REPLY_TIMEOUT_S,
        poll_interval_s: float = DEFAULT_POLL_INTERVAL_S,
    ) -> None:
        super().__init__(name)
        self.port = port
        self.baudrate = baudrate
        self.reply_timeout_s = reply_timeout_s
        self.poll_interval_s = poll_interval_s
        self._serial: serial.Serial | None = None
        self._io_lock = threading.RLock()
        self._assembler = ga467.ReplyAssembler()
        self.reconnects = 0
        self._sam_silent = False
        self.sam_ok: bool | None = None  # None until the SAM has answered a status or reset
        self._set_status(DeviceStatus.OFFLINE, f"port {port} not opened yet")
        self._try_open()

    def _try_open(self) -> None:
        """Open the port now so status says at once whether it exists; never raises, never blocks long."""
        with self._io_lock:
            try:
                self._ensure_open()
            except ReaderUnavailable as exc:
                log.info("%s: %s", self.name, exc.detail)

    # -- Device ---------------------------------------------------------------------
    def capabilities(self) -> dict[str, Any]:
        return {
            "port": self.port,
            "baudrate": self.baudrate,
            "card_types": list(CARD_TYPES),
            "photo": "wlt-opaque",
            "protocol": "GA 467",
        }

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row.update(port=self.port, baudrate=self.baudrate, reconnects=self.reconnects, sam_ok=self.sam_ok)
        return row

    def reset(self) -> None:
        """Reset the SAM module (10 FF) and check its status (11 FF)."""
        with self._io_lock:
            self._command(ga467.SAM_RESET).raise_for_status()
            self.sam_status()

    def sam_status(self) -> None:
        """Ask the SAM for its self-test status; raises SamFault when it is not healthy."""
        reply = self._command(ga467.SAM_STATUS)
        self.sam_ok = reply.ok
        if not reply.ok:
            self._set_status(DeviceStatus.HARDWARE_ERROR, f"SAM status {reply.sw3:02X}")
        reply.raise_for_status()
        self._mark_online()

    def probe(self) -> None:
        """The SAM's self-test status: a silent, damaged or absent module is known before any card."""
        with self._io_lock:
            self.sam_status()

    def close(self) -> None:
        super().close()
        with self._io_lock:
            self._drop_port("closed")
            self._set_status(DeviceStatus.OFFLINE, "closed")

    # -- IdCardReader ---------------------------------------------------------------
    def card_present(self) -> bool:
        with self._io_lock:
            return self._acquire_card()

    def read_card(self, timeout_s: float) -> IdentityRecord | None:
        def attempt() -> IdentityRecord | None:
            with self._io_lock:
                return self._read_base_info() if self._acquire_card() else None

        # FrameError was already retried frame by frame: the line or the module is at fault.
        return self._poll_read(timeout_s, attempt, fatal=(FrameError,))

    # -- protocol steps -------------------------------------------------------------
    def _find_card(self) -> bool:
        reply = self._command(ga467.FIND_CARD)
        if reply.sw3 == ga467.Sw3.FIND_FAILED:
            return False
        reply.raise_for_status()
        return True

    def _acquire_card(self) -> bool:
        """Find and select a card. A card that was already read no longer answers find
        but still answers select, so select decides; a found card that cannot be
        selected has moved (SamCardError)."""
        found = self._find_card()
        reply = self._command(ga467.SELECT_CARD)
        if reply.sw3 == ga467.Sw3.SELECT_FAILED and not found:
            return False
        reply.raise_for_status()
        return True

    def _read_base_info(self) -> IdentityRecord:
        reply = self._command(ga467.READ_BASE_INFO)
        reply.raise_for_status()
        info = ga467.parse_base_info(reply.data)
        return decode_text_block(info.text, info.photo, source="ga467")

    # -- transport ------------------------------------------------------------------
    def _command(self, command: ga467.Command) -> ga467.Reply:
        """Send one command and return its reply, retrying corrupt replies and SAM-side checksum errors."""
        frame = ga467.build_command(command)
        last_error: Exception | None = None
        silent = 0
        for _ in range(1 + FRAME_RETRIES):
            try:
                reply = self._exchange(frame)
            except NoReply as exc:
                last_error, silent = exc, silent + 1
                continue
            except FrameError as exc:
                last_error = exc
                log.info("%s corrupt reply to %02X %02X, retrying", self.name, command.cmd, command.para)
                continue
            if self._sam_silent:
                self._sam_silent = False
                self._mark_online()
            if reply.sw3 in (ga467.Sw3.CHECKSUM_ERROR, ga467.Sw3.LENGTH_ERROR):
                detail = f"SW3 {reply.sw3:02X}: {reply.info.message}"
                last_error = SamFault(reply.sw3, reply.info.status, detail)
                continue
            return reply
        if silent == 1 + FRAME_RETRIES:
            self._sam_silent = True
            self._set_status(DeviceStatus.HARDWARE_ERROR, "SAM module not answering")
            raise SamNotAnswering(
                f"no reply from the SAM module on {self.port} at {self.baudrate} Bd "
                f"({silent} attempts); check its power and baud rate"
            )
        if isinstance(last_error, FrameError):  # it answers, but never a whole, valid frame
            self._set_status(DeviceStatus.HARDWARE_ERROR, "SAM replies damaged")
            raise DamagedReplies(
                f"the SAM module on {self.port} answers, but {1 + FRAME_RETRIES - silent} of "
                f"{1 + FRAME_RETRIES} replies to {command.cmd:02X} {command.para:02X} were damaged "
                f"({last_error.detail}); check the serial cable and connectors, or the module"
            )
        assert last_error is not None
        raise last_error

    def _exchange(self, frame: bytes) -> ga467.Reply:
        port = self._ensure_open()
        try:
            port.reset_input_buffer()
            self._assembler.clear()
            port.write(frame)
            port.flush()
            return self._read_reply(port)
        except PORT_ERRORS as exc:
            self._drop_port("port lost")
            self._set_status(DeviceStatus.NO_DEVICE, f"port {self.port} lost")
            raise PortAbsent(f"serial port {self.port} lost: {type(exc).__name__}") from exc

    def _read_reply(self, port: serial.Serial) -> ga467.Reply:
        """The next valid reply; NoReply when not one byte came (silent), TruncatedReply when bytes
        came but no whole frame (the difference between "check power" and "check the cable")."""
        deadline = time.monotonic() + self.reply_timeout_s
        received = 0
        while True:
            reply = self._assembler.next_reply()
            if reply is not None:
                return reply
            if time.monotonic() >= deadline:
                if received:
                    raise TruncatedReply(f"{received} bytes, no whole reply in {self.reply_timeout_s:g} s")
                raise NoReply(f"no reply within {self.reply_timeout_s:g} s")
            chunk = port.read(max(1, port.in_waiting))
            if chunk:
                received += len(chunk)
                self._assembler.feed(chunk)

    def _ensure_open(self) -> serial.Serial:
        if self._serial is not None and self._serial.is_open:
            return self._serial
        try:
            # exclusive: a second program (diag while the kiosk runs) must not interleave frames
            self._serial = serial.Serial(
                self.port, self.baudrate, timeout=0.05, write_timeout=1.0, exclusive=True
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            self._serial = None
            if "lock" in str(exc).lower():
                self._set_status(DeviceStatus.DEVICE_BUSY, f"port {self.port} held by another program")
                raise PortBusy(
                    f"serial port {self.port} is in use by another program (is the kiosk running?)"
                ) from exc
            self._set_status(DeviceStatus.NO_DEVICE, f"port {self.port} unavailable")
            raise PortAbsent(f"cannot open serial port {self.port}: {type(exc).__name__}") from exc
        if self.status in (DeviceStatus.NO_DEVICE, DeviceStatus.DEVICE_BUSY):
            self.reconnects += 1
            log.info("%s reconnected on %s", self.name, self.port)
        self._mark_online()
        return self._serial

    def _drop_port(self, why: str) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except PORT_ERRORS:
                log.debug("%s closing a lost port failed (%s)", self.name, why)
