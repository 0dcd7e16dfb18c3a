"""GA 467 SAM serial protocol: frame building, frame parsing and status words.

Pure bytes in, typed values out: no serial port, no threads, so the parser can
be fuzzed and reused by the pty emulator in tests.

Frame: ``AA AA AA 96 69 | LEN (2, big-endian) | body | CHK``. LEN counts the
body plus the checksum byte; CHK is the XOR of the two LEN bytes and the body.
A command body is ``CMD PARA [DATA]``; a reply body is ``SW1 SW2 SW3 [DATA]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import reduce
from typing import NamedTuple

from devices.idcard.errors import FrameError, SamCardError, SamFault

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
MAX_LEN = 0x0A00  # the longest reply (base info + fingerprint) is 0x0909; anything larger is noise
MIN_REPLY_LEN = 4  # SW1 SW2 SW3 CHK
TEXT_LEN = 256
PHOTO_LEN = 1024


class Command(NamedTuple):
    """A (CMD, PARA) pair; bytes(command) is its two header bytes."""

    cmd: int
    para: int


FIND_CARD = Command(0x20, 0x01)
SELECT_CARD = Command(0x20, 0x02)
READ_BASE_INFO = Command(0x30, 0x01)
SAM_STATUS = Command(0x11, 0xFF)
SAM_RESET = Command(0x10, 0xFF)


class Sw3(IntEnum):
    """SW3 result codes of a SAM reply (GA 467)."""

    OK = 0x90
    NO_CONTENT = 0x91
    FOUND = 0x9F
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    BAD_COMMAND = 0x21
    NOT_AUTHORISED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    VERIFY_FAILED = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81


@dataclass(frozen=True)
class StatusInfo:
    """What an SW3 code means: a short status name, who is at fault and a message."""

    status: str
    side: str  # "ok" | "no_card" | "card" | "reader"
    message: str


_UNKNOWN = StatusInfo("unknown", "reader", "the SAM module returned an unknown status")

SW3_TABLE: dict[int, StatusInfo] = {
    Sw3.OK: StatusInfo("ok", "ok", "operation succeeded"),
    Sw3.NO_CONTENT: StatusInfo("no_content", "ok", "the card holds no content for this item"),
    Sw3.FOUND: StatusInfo("found", "ok", "card found"),
    Sw3.CHECKSUM_ERROR: StatusInfo("checksum_error", "reader", "the SAM got a frame with a bad checksum"),
    Sw3.LENGTH_ERROR: StatusInfo("length_error", "reader", "the SAM received a frame with a bad length"),
    Sw3.BAD_COMMAND: StatusInfo("bad_command", "reader", "the SAM does not know this command"),
    Sw3.NOT_AUTHORISED: StatusInfo("not_authorised", "reader", "operation not permitted by the SAM"),
    Sw3.UNKNOWN_ERROR: StatusInfo("unknown_error", "reader", "the SAM reported an unrecognised error"),
    Sw3.CARD_AUTH_SAM_FAILED: StatusInfo("auth_failed", "card", "the card did not authenticate the SAM"),
    Sw3.SAM_AUTH_CARD_FAILED: StatusInfo("auth_failed", "card", "the SAM did not authenticate the card"),
    Sw3.VERIFY_FAILED: StatusInfo("verify_failed", "card", "the card data failed verification"),
    Sw3.UNKNOWN_CARD_TYPE: StatusInfo("unknown_card_type", "card", "this is not a supported ID card"),
    Sw3.READ_FAILED: StatusInfo("read_failed", "card", "reading the card failed; the card may have moved"),
    Sw3.RANDOM_FAILED: StatusInfo("random_failed", "card", "the card did not return a challenge"),
    Sw3.SAM_SELF_TEST_FAILED: StatusInfo("self_test_failed", "reader", "the SAM module failed its self-test"),
    Sw3.SAM_NOT_AUTHORISED: StatusInfo("sam_not_authorised", "reader", "the SAM module is not authorised"),
    Sw3.FIND_FAILED: StatusInfo("no_card", "no_card", "no card on the reader"),
    Sw3.SELECT_FAILED: StatusInfo("select_failed", "card", "card could not be selected; it may have moved"),
}


def status_info(sw3: int) -> StatusInfo:
    """The meaning of an SW3 code; unknown codes are a reader-side fault."""
    return SW3_TABLE.get(sw3, _UNKNOWN)


@dataclass(frozen=True)
class Reply:
    """A checked SAM reply."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def info(self) -> StatusInfo:
        return status_info(self.sw3)

    @property
    def ok(self) -> bool:
        return self.info.side == "ok"

    def raise_for_status(self) -> None:
        """Raise SamCardError or SamFault for a failing SW3; no-card is left to the caller."""
        info = self.info
        detail = f"SW3 {self.sw3:02X}: {info.message}"
        if info.side == "card":
            raise SamCardError(self.sw3, info.status, detail)
        if info.side == "reader":
            raise SamFault(self.sw3, info.status, detail)


def xor_checksum(data: bytes) -> int:
    return reduce(lambda acc, b: acc ^ b, data, 0)


def build_frame(body: bytes) -> bytes:
    """Wrap a body (command or reply) in preamble, length and checksum."""
    if len(body) + 1 > 0xFFFF:
        raise FrameError(f"frame body of {len(body)} bytes is too long")
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([xor_checksum(length + body)])


def build_command(command: Command, data: bytes = b"") -> bytes:
    """The frame for one command, e.g. build_command(FIND_CARD) == AA AA AA 96 69 00 03 20 01 22."""
    return build_frame(bytes(command) + data)


def build_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reply frame as a SAM module sends it (used by the emulator and tests)."""
    return build_frame(bytes([sw1, sw2, sw3]) + data)


def parse_reply(frame: bytes) -> Reply:
    """Parse exactly one complete reply frame; raise FrameError on anything malformed."""
    if not frame.startswith(PREAMBLE):
        raise FrameError("reply does not start with the GA 467 preamble")
    if len(frame) < len(PREAMBLE) + 2:
        raise FrameError("reply is shorter than its header")
    length = int.from_bytes(frame[5:7], "big")
    if length < MIN_REPLY_LEN or length > MAX_LEN:
        raise FrameError(f"reply length field {length} is out of range")
    if len(frame) != 7 + length:
        raise FrameError(f"reply has {len(frame) - 7} bytes after the length field, expected {length}")
    body, chk = frame[7:-1], frame[-1]
    if xor_checksum(frame[5:-1]) != chk:
        raise FrameError("reply checksum does not match")
    return Reply(body[0], body[1], body[2], bytes(body[3:]))


class FrameAssembler:
    """Reassembles frames from a byte stream that may arrive in pieces or with noise.

    `feed()` stores bytes; `next_body()` returns the next complete frame's body
    (between length and checksum), None while one is incomplete, and raises
    FrameError for a frame that is complete but corrupt (its bytes are
    consumed, so the stream resynchronises). Garbage before a preamble is
    dropped; the buffer never grows beyond two longest frames.
    """

    def __init__(self, min_len: int = MIN_REPLY_LEN) -> None:
        self._buf = bytearray()
        self._min_len = min_len
        self.dropped = 0

    def feed(self, data: bytes) -> None:
        self._buf += data
        limit = 2 * (7 + MAX_LEN)
        if len(self._buf) > limit:
            self.dropped += len(self._buf) - limit
            del self._buf[: len(self._buf) - limit]

    def clear(self) -> None:
        self._buf.clear()

    def pending(self) -> int:
        return len(self._buf)

    def next_body(self) -> bytes | None:
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                keep = self._partial_preamble_len()
                self.dropped += len(self._buf) - keep
                del self._buf[: len(self._buf) - keep]
                return None
            if start:
                self.dropped += start
                del self._buf[:start]
            if len(self._buf) < 7:
                return None
            length = int.from_bytes(self._buf[5:7], "big")
            if length < self._min_len or length > MAX_LEN:
                # not a real header: skip this preamble's first byte and look again
                self.dropped += 1
                del self._buf[:1]
                continue
            if len(self._buf) < 7 + length:
                return None
            frame = bytes(self._buf[: 7 + length])
            del self._buf[: 7 + length]
            if xor_checksum(frame[5:-1]) != frame[-1]:
                raise FrameError("frame checksum does not match")
            return frame[7:-1]

    def _partial_preamble_len(self) -> int:
        """How many trailing bytes could be the start of a preamble."""
        for size in range(min(len(PREAMBLE) - 1, len(self._buf)), 0, -1):
            if self._buf.endswith(PREAMBLE[:size]):
                return size
        return 0


class ReplyAssembler(FrameAssembler):
    """A FrameAssembler for the reader side: bodies become checked Reply values."""

    def next_reply(self) -> Reply | None:
        body = self.next_body()
        if body is None:
            return None
        return Reply(body[0], body[1], body[2], bytes(body[3:]))


@dataclass(frozen=True)
class BaseInfo:
    """The read-base-info payload: the 256-byte text block and the 1024-byte WLT photo."""

    text: bytes
    photo: bytes


def parse_base_info(data: bytes) -> BaseInfo:
    """Split a read-base-info reply's data into text and photo, checking both lengths."""
    if len(data) < 4:
        raise FrameError("base info reply is too short to carry its lengths")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_LEN:
        raise FrameError(f"base info text length {text_len}, expected {TEXT_LEN}")
    if photo_len > PHOTO_LEN:
        raise FrameError(f"base info photo length {photo_len}, at most {PHOTO_LEN}")
    if len(data) < 4 + text_len + photo_len:
        raise FrameError("base info reply is shorter than its stated lengths")
    text = bytes(data[4 : 4 + text_len])
    photo = bytes(data[4 + text_len : 4 + text_len + photo_len])
    return BaseInfo(text, photo)


def build_base_info(text: bytes, photo: bytes) -> bytes:
    """The data part of a read-base-info reply (used by the emulator and tests)."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
