"""A virtual smart card that plugs into vsmartcard's vpcd reader over TCP.

vpcd treats a TCP connection as a card in the reader and the connection's end
as its removal. Every message is a 2-byte big-endian length and a payload; a
1-byte payload is control (00 power off, 01 power on, 02 reset, 04 get ATR —
answered with the ATR), anything else a command APDU answered with a response
APDU. The card holds the demo identity profile (devices.pcsc.profile): an
application selected by AID with EF 0001 (text block) and EF 0002 (photo).

A second card, VirtualSocialSecurityCard, speaks the 社保卡 layout (devices.pcsc.social_security).

Scripted faults: pull the card when the n-th APDU arrives (mid-APDU), answer
READ BINARY through T=0 style 61 xx / GET RESPONSE, and play a card without
the identity application.
"""

from __future__ import annotations

import operator
import socket
import threading
import time
from dataclasses import dataclass, field
from functools import reduce

from devices.pcsc import profile


def _demo_atr() -> bytes:
    """TS 3B, T0 87 (TD1 follows, 7 historical bytes), TD1 01 (T=1), "ONESTOP", TCK = XOR of T0..end."""
    body = bytes([0x87, 0x01]) + b"ONESTOP"
    return b"\x3b" + body + bytes([reduce(operator.xor, body, 0)])


DEMO_ATR = _demo_atr()


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    for _ in range(size + 1):  # bounded: each recv returns at least one byte or ends
        if len(data) == size:
            return data
        # vpcd writes length and payload separately: acknowledge at once, or Nagle on its side
        # waits for our delayed ACK (~40 ms per message)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data if len(data) == size else None


@dataclass
class VirtualIdCard:
    """A card that speaks the demo identity profile in vpcd reader `port`."""

    port: int
    text_block: bytes | None = None
    photo: bytes | None = None
    atr: bytes = DEMO_ATR
    host: str = "127.0.0.1"
    has_identity_app: bool = True
    t0_get_response: bool = False  # answer READ BINARY with 61 xx, data only via GET RESPONSE
    pull_on_apdu: int | None = None  # close the connection when this APDU number (1-based) arrives
    apdus_seen: list[bytes] = field(default_factory=list)
    application = profile.DEMO_AID  # the DF name SELECT by name must carry

    def __post_init__(self) -> None:
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._app_selected = False
        self._ef: bytes | None = None
        self._pending = b""
        self.powered = False

    # -- placing ------------------------------------------------------------------
    def insert(self, timeout_s: float = 5.0) -> VirtualIdCard:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self._sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        self._sock.settimeout(0.1)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="vpcd-card", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self._close()

    def reinsert(self) -> None:
        """Out and straight back in, as fast as a hand can do it."""
        self.remove()
        self.insert()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- serving ------------------------------------------------------------------
    def _close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()

    def _serve(self) -> None:
        sock = self._sock
        assert sock is not None
        while not self._stop.is_set():
            try:
                header = _recv_exact(sock, 2)
                if header is None:
                    break
                payload = _recv_exact(sock, int.from_bytes(header, "big"))
                if payload is None:
                    break
            except TimeoutError:
                continue
            except OSError:
                break
            reply = self._handle(payload)
            if reply is None and len(payload) > 1 and self.pull_on_apdu is not None:
                self._close()  # pulled mid-APDU: the reader gets no answer
                return
            if reply is not None:
                try:
                    sock.sendall(len(reply).to_bytes(2, "big") + reply)
                except OSError:
                    break
        self._close()

    def respond(self, apdu: bytes) -> bytes:
        """The card's answer to one command APDU, without vpcd (profile tests on the same card logic)."""
        return self._apdu(apdu)

    def _handle(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            control = payload[0]
            if control == 0x04:
                return self.atr
            self.powered = control in (0x01, 0x02)
            self._app_selected, self._ef = False, None
            return None
        self.apdus_seen.append(payload)
        if self.pull_on_apdu is not None and len(self.apdus_seen) >= self.pull_on_apdu:
            return None
        return self._apdu(payload)

    def _apdu(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = apdu[:4]
        if cla != 0x00:
            return b"\x6e\x00"
        if ins == 0xA4:
            return self._select(p1, apdu[5 : 5 + apdu[4]] if len(apdu) > 5 else b"")
        if ins == 0xB0:
            return self._read_binary(((p1 & 0x7F) << 8) | p2, apdu[4] if len(apdu) == 5 else 0)
        if ins == 0xC0:
            data, self._pending = self._pending, b""
            return data + b"\x90\x00"
        return b"\x6d\x00"

    def _files(self) -> dict[bytes, bytes]:
        files = {}
        if self.text_block is not None:
            files[profile.EF_TEXT.to_bytes(2, "big")] = self.text_block
        if self.photo is not None:
            files[profile.EF_PHOTO.to_bytes(2, "big")] = self.photo
        return files

    def _select(self, p1: int, data: bytes) -> bytes:
        if p1 == 0x04:
            self._app_selected = self.has_identity_app and data == self.application
            self._ef = None
            return b"\x90\x00" if self._app_selected else b"\x6a\x82"
        if p1 == 0x02 and self._app_selected and data in self._files():
            self._ef = data
            return b"\x90\x00"
        return b"\x6a\x82"

    def _read_binary(self, offset: int, le: int) -> bytes:
        if self._ef is None:
            return b"\x69\x86"
        content = self._files()[self._ef]
        if offset > len(content):
            return b"\x6b\x00"
        data = content[offset : offset + (le or 256)]
        if self.t0_get_response:
            self._pending = data
            return bytes([0x61, len(data) % 256])
        return data + b"\x90\x00"


def _ssc_atr() -> bytes:
    body = bytes([0x86, 0x01]) + b"SSCARD"
    return b"\x3b" + body + bytes([reduce(operator.xor, body, 0)])


SSC_ATR = _ssc_atr()


def _bcd(digits: str, size: int) -> bytes:
    return bytes.fromhex(digits.ljust(size * 2, "F"))


def _an(text: str, size: int) -> bytes:
    return text.encode("gbk").ljust(size, b"\x00")


def social_security_files(
    id_number: str, name: str, sex: str, nation: str, issued: str = "20200601", valid_to: str = "20300601"
) -> dict[int, dict[int, bytes]]:
    """EF05 / EF06 data items of a 社保卡 (V2.0 layout): sex "1"/"2", nation the GB 3304 code "01"."""
    return {
        0xEF05: {0x05: _bcd(issued, 4), 0x06: _bcd(valid_to, 4), 0x07: _an("A00000001", 9)},
        0xEF06: {
            0x08: _an(id_number, 18),
            0x09: _an(name, 30),
            0x0A: _an(sex, 1),
            0x0B: _bcd(nation, 1),
            0x0D: _bcd(id_number[6:14], 4),
        },
    }


@dataclass
class VirtualSocialSecurityCard(VirtualIdCard):
    """A 社保卡 in the national V2.0 layout: SSSE by DF name, EF05/EF06 read record by item id.

    `tlv=False` answers bare values (some cards do); `files` from social_security_files().
    """

    atr: bytes = SSC_ATR
    files: dict[int, dict[int, bytes]] = field(default_factory=dict)
    tlv: bool = True

    application = "sx1.sh.社会保障".encode("gbk")

    def _apdu(self, apdu: bytes) -> bytes:
        if len(apdu) >= 4 and apdu[:2] == b"\x00\xb2":
            return self._read_record(apdu[2])
        return super()._apdu(apdu)

    def _files(self) -> dict[bytes, bytes]:
        return {fid.to_bytes(2, "big"): b"" for fid in self.files}

    def _read_record(self, tag: int) -> bytes:
        if self._ef is None:
            return b"\x69\x86"
        value = self.files[int.from_bytes(self._ef, "big")].get(tag)
        if value is None:
            return b"\x6a\x83"
        return (bytes([tag, len(value)]) + value if self.tlv else value) + b"\x90\x00"
