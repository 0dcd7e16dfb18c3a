"""The card profile interface for PC/SC identity cards, and the demo profile.

A *card profile* knows which APDUs read identity data from one kind of card.
`CardProfile` is the interface (documented in docs/CONTRACTS.md): a stable
`name`, a `description`, and `read(transmit, with_photo)` that returns an
IdentityRecord, raises UnsupportedCard when the card does not carry the
profile's application (so the next profile is tried), and ProfileError /
CardDataError when the card has the application but answers wrongly.
`read_with_profiles` tries a list of profiles in order and, when none fits,
raises UnsupportedCard naming the card's ATR for the technician.

The national social security card (社会保障卡) profile lives in
devices.pcsc.social_security. This module also defines one simple, documented
*demo* profile that the kiosk, the virtual test card and a personalised Java
Card can all speak:

- application: SELECT by AID ``F0 4F 4E 45 53 54 4F 50 49 44`` (proprietary
  ``F0`` + "ONESTOPID"), ``00 A4 04 00 0A <AID>``
- EF ``0001``: the same 256-byte UCS-2 text block a GA 467 SAM returns
  (decoded by devices.idcard.textblock, so all four card layouts work)
- EF ``0002``: optional 1024-byte WLT photo (``6A 82`` when absent)
- SELECT EF ``00 A4 02 0C 02 <FID>``, READ BINARY ``00 B0 <offset> <Le>`` in
  chunks; T=0 replies ``61 xx`` (GET RESPONSE) and ``6C xx`` (wrong Le) are
  followed as ISO 7816-4 says.

The profile is pure: it is given a `transmit` function and never touches
pyscard, so it is tested without a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from devices.idcard.errors import CardDataError
from devices.idcard.record import IdentityRecord
from devices.idcard.textblock import TEXT_BLOCK_LEN, decode_text_block
from devices.pcsc.errors import ProfileError, UnsupportedCard

DEMO_AID = bytes.fromhex("F04F4E4553544F504944")
EF_TEXT = 0x0001
EF_PHOTO = 0x0002
PHOTO_LEN = 1024
READ_CHUNK = 0x80  # short APDUs; 128 keeps every reader and card happy
MAX_CHAINED = 16  # bounded GET RESPONSE / 6C retries per command

SW_OK = 0x9000
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00
SW_NO_CURRENT_EF = 0x6986
SW_WRONG_LENGTH = 0x6700


@dataclass(frozen=True)
class ApduResponse:
    """A response APDU split into data and status word."""

    data: bytes
    sw1: int
    sw2: int

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2

    @classmethod
    def from_bytes(cls, raw: bytes) -> ApduResponse:
        if len(raw) < 2:
            raise ProfileError(f"response APDU of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), raw[-2], raw[-1])


Transmit = Callable[[bytes], ApduResponse]


def select_aid(aid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def select_ef(fid: int) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x0C, 0x02]) + fid.to_bytes(2, "big")


def read_binary(offset: int, length: int) -> bytes:
    if not 0 <= offset <= 0x7FFF or not 1 <= length <= 256:
        raise ProfileError(f"READ BINARY offset {offset} length {length} out of range")
    return bytes([0x00, 0xB0]) + offset.to_bytes(2, "big") + bytes([length % 256])


def get_response(length: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, length % 256])


def exchange(transmit: Transmit, apdu: bytes) -> ApduResponse:
    """Send one command, following 61 xx (GET RESPONSE) and 6C xx (resend with Le=xx)."""
    response = transmit(apdu)
    data = b""
    for _ in range(MAX_CHAINED):
        if response.sw1 == 0x6C and len(apdu) >= 5:
            apdu = apdu[:4] + bytes([response.sw2])
            response = transmit(apdu)
        elif response.sw1 == 0x61:
            data += response.data
            response = transmit(get_response(response.sw2))
        else:
            return ApduResponse(data + response.data, response.sw1, response.sw2)
    raise ProfileError("card kept asking for GET RESPONSE / Le correction")


def read_file(transmit: Transmit, fid: int, size: int) -> bytes | None:
    """Select an EF and read `size` bytes; None when the card has no such file."""
    selected = exchange(transmit, select_ef(fid))
    if selected.sw == SW_FILE_NOT_FOUND:
        return None
    if selected.sw != SW_OK:
        raise ProfileError(f"SELECT EF {fid:04X} answered SW {selected.sw:04X}")
    data = b""
    while len(data) < size:
        want = min(READ_CHUNK, size - len(data))
        response = exchange(transmit, read_binary(len(data), want))
        if response.sw != SW_OK:
            raise ProfileError(f"READ BINARY of EF {fid:04X} at {len(data)} answered SW {response.sw:04X}")
        if not response.data:
            raise ProfileError(f"EF {fid:04X} ended after {len(data)} of {size} bytes")
        data += response.data[:want]
    return data


class CardProfile(Protocol):
    """How identity data is read from one kind of PC/SC card.

    `name` is stable and machine-readable (it appears in diagnostics and logs);
    `read` raises UnsupportedCard when the card lacks this profile's application.
    """

    name: str
    description: str

    def read(self, transmit: Transmit, with_photo: bool = True) -> IdentityRecord: ...


class DemoProfile:
    """The OneStop demo profile: the GA 467 text block in EF 0001 of application F0 "ONESTOPID"."""

    name = "onestop-demo"
    description = "OneStop demo profile (AID F04F4E4553544F504944, GA 467 text block in EF 0001)"

    def read(self, transmit: Transmit, with_photo: bool = True) -> IdentityRecord:
        selected = exchange(transmit, select_aid(DEMO_AID))
        if selected.sw in (SW_FILE_NOT_FOUND, SW_INS_NOT_SUPPORTED, SW_CLA_NOT_SUPPORTED):
            raise UnsupportedCard(f"card has no identity application (SW {selected.sw:04X})")
        if selected.sw != SW_OK:
            raise ProfileError(f"SELECT identity application answered SW {selected.sw:04X}")
        text = read_file(transmit, EF_TEXT, TEXT_BLOCK_LEN)
        if text is None:
            raise CardDataError("identity application has no text file")
        photo = (read_file(transmit, EF_PHOTO, PHOTO_LEN) or b"") if with_photo else b""
        return decode_text_block(text, photo, source="pcsc")


DEMO_PROFILE = DemoProfile()


def read_identity(transmit: Transmit, with_photo: bool = True) -> IdentityRecord:
    """Read and decode the identity data of a card in the demo profile."""
    return DEMO_PROFILE.read(transmit, with_photo)


def read_with_profiles(
    transmit: Transmit, atr: bytes, profiles: Sequence[CardProfile], with_photo: bool = True
) -> tuple[IdentityRecord, str]:
    """The record and the name of the first profile that reads the card.

    Raises UnsupportedCard naming the ATR and the profiles tried when none does.
    """
    for card_profile in profiles:
        try:
            return card_profile.read(transmit, with_photo), card_profile.name
        except UnsupportedCard:
            continue
    raise UnsupportedCard.for_atr(atr, [p.name for p in profiles])
