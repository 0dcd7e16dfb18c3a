"""A GA 467 SAM module emulated on a pty pair, for driving the real serial driver in tests.

The driver opens a stable path (a symlink to the pty's slave end), exactly as it
would open /dev/ttyUSB0; the emulator answers on the master end like a real
module: find / select / read base info / SAM status / reset, with the card's
"already read" state (find fails, select still works) and scripted faults —
any SW3 error, garbage bytes, replies split into pieces, a bad checksum, no
reply, and a port that vanishes mid-reply and comes back; `garble(command)`
makes a module that answers every other command but damages every reply to
that one (truncated, or noise), as a loose connector or a failing module does.
"""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from devices.idcard import ga467


@dataclass
class Fault:
    """One scripted misbehaviour, applied to the next reply (optionally only to one command)."""

    command: ga467.Command | None = None
    sw3: int | None = None  # reply with this SW3 and no data
    garbage: bytes = b""  # sent before the reply
    chunks: int = 1  # reply written in this many pieces
    chunk_delay_s: float = 0.0
    corrupt_checksum: bool = False
    silent: bool = False  # no reply at all
    vanish_after_bytes: int | None = None  # write this many reply bytes, then the port disappears
    raw: bytes | None = None  # sent instead of the real reply (fuzzing the driver end to end)


@dataclass
class SamEmulator:
    """Serve GA 467 on a pty; `port` is the path the driver opens."""

    link_dir: Path
    link_name: str = "ttyGA467"
    card_text: bytes | None = None
    card_photo: bytes = bytes(1024)
    commands_seen: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._master: int | None = None
        self._slave: int | None = None
        self._card_read = False
        self._assembler = ga467.FrameAssembler(min_len=3)
        self._garbled: dict[ga467.Command, str] = {}
        self.port = str(Path(self.link_dir) / self.link_name)

    # -- lifecycle ----------------------------------------------------------------
    def start(self) -> SamEmulator:
        self._open_pty()
        self._thread = threading.Thread(target=self._serve, name="sam-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self._close_pty()

    def __enter__(self) -> SamEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scene --------------------------------------------------------------------
    def place_card(self, text: bytes, photo: bytes | None = None) -> None:
        with self._lock:
            self.card_text = text
            if photo is not None:
                self.card_photo = photo
            self._card_read = False

    def remove_card(self) -> None:
        with self._lock:
            self.card_text = None
            self._card_read = False

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._garbled.clear()

    def garble(self, command: ga467.Command, how: str = "truncate") -> None:
        """Every reply to `command` arrives damaged until clear_faults(): "truncate" (the first
        half of the frame, then nothing) or "noise" (bytes that never form a frame)."""
        with self._lock:
            self._garbled[command] = how

    def vanish(self) -> None:
        """The USB adapter is pulled: pty closed, path gone."""
        with self._lock:
            self._close_pty()

    def come_back(self) -> None:
        """The adapter is plugged in again: a new pty behind the same path."""
        with self._lock:
            self._open_pty()

    @property
    def present(self) -> bool:
        return self._master is not None

    # -- pty ----------------------------------------------------------------------
    def _open_pty(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        self._master, self._slave = master, slave
        self._assembler.clear()
        link = Path(self.port)
        tmp = link.with_suffix(".new")
        if tmp.is_symlink():
            tmp.unlink()
        tmp.symlink_to(os.ttyname(slave))
        tmp.replace(link)

    def _close_pty(self) -> None:
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None
        link = Path(self.port)
        if link.is_symlink():
            link.unlink()

    # -- serving ------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            master = self._master
            if master is None:
                time.sleep(0.01)
                continue
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except OSError:  # closed under us by vanish(), or no reader on the slave side yet
                time.sleep(0.01)
                continue
            self._assembler.feed(data)
            self._answer_all()

    def _answer_all(self) -> None:
        for _ in range(64):  # bounded: at most this many queued commands per read
            try:
                body = self._assembler.next_body()
            except ga467.FrameError:
                self._send(ga467.build_reply(ga467.Sw3.CHECKSUM_ERROR), None)
                continue
            if body is None:
                return
            command = ga467.Command(body[0], body[1]) if len(body) >= 2 else ga467.Command(0, 0)
            self.commands_seen.append((command.cmd, command.para))
            fault = self._take_fault(command)
            garbled = self._garbled.get(command)
            if garbled is not None:
                reply = self._reply_to(command)
                self._write(reply[: len(reply) // 2] if garbled == "truncate" else bytes(len(reply) % 97 + 3))
            elif fault is not None and fault.raw is not None:
                self._write(fault.raw)
            elif fault is not None and fault.sw3 is not None:
                self._send(ga467.build_reply(fault.sw3), fault)
            else:
                self._send(self._reply_to(command), fault)

    def _take_fault(self, command: ga467.Command) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.command is None or fault.command == command:
                    self._faults.remove(fault)
                    return fault
        return None

    def _reply_to(self, command: ga467.Command) -> bytes:
        with self._lock:
            card, photo = self.card_text, self.card_photo
            if command == ga467.FIND_CARD:
                if card is None or self._card_read:
                    return ga467.build_reply(ga467.Sw3.FIND_FAILED)
                return ga467.build_reply(ga467.Sw3.FOUND, bytes(4))
            if command == ga467.SELECT_CARD:
                if card is None:
                    return ga467.build_reply(ga467.Sw3.SELECT_FAILED)
                return ga467.build_reply(ga467.Sw3.OK, bytes(8))
            if command == ga467.READ_BASE_INFO:
                if card is None:
                    return ga467.build_reply(ga467.Sw3.READ_FAILED)
                self._card_read = True
                return ga467.build_reply(ga467.Sw3.OK, ga467.build_base_info(card, photo))
            if command in (ga467.SAM_STATUS, ga467.SAM_RESET):
                return ga467.build_reply(ga467.Sw3.OK)
        return ga467.build_reply(ga467.Sw3.BAD_COMMAND)

    def _send(self, reply: bytes, fault: Fault | None) -> None:
        if fault is not None and fault.silent:
            return
        if fault is not None and fault.corrupt_checksum:
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        payload = (fault.garbage if fault else b"") + reply
        if fault is not None and fault.vanish_after_bytes is not None:
            self._write(payload[: fault.vanish_after_bytes])
            self.vanish()
            return
        pieces = max(1, fault.chunks if fault else 1)
        size = -(-len(payload) // pieces)
        for start in range(0, len(payload), size):
            self._write(payload[start : start + size])
            if fault is not None and fault.chunk_delay_s:
                time.sleep(fault.chunk_delay_s)

    def _write(self, data: bytes) -> None:
        master = self._master
        if master is None:
            return
        view = memoryview(data)
        for _ in range(1000):  # bounded: a 1.3 kB reply needs one or two writes
            if not view:
                return
            try:
                written = os.write(master, view)
            except OSError:
                return
            view = view[written:]
