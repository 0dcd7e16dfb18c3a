"""PC/SC failures as typed errors, and the mapping from PC/SC result codes to them.

A kiosk technician sees "pcscd is not running" or "reader unplugged", a citizen
sees "the card was moved" — never an SCARD_ hex code alone.
"""

from __future__ import annotations

from smartcard import scard

from devices.errors import CardReadError, DeviceError
from devices.idcard.errors import CardRemoved, ReaderUnavailable


class ProfileError(CardReadError):
    """The card answered the identity profile's APDUs with something unexpected."""


class UnsupportedCard(CardReadError):
    """A card no configured profile reads (a bank card, a transport card, another province's card).

    `atr` (hex) identifies the card type for the technician: it is in `detail`, never in the
    citizen's message.
    """

    message_zh = "该卡不是可识别的身份卡片，请使用身份证或社保卡"
    message_en = "This card is not a supported identity card; use an ID card or social security card"

    def __init__(self, detail: str = "", *, atr: str = "", **messages: str) -> None:
        super().__init__(detail, **messages)
        self.atr = atr

    @classmethod
    def for_atr(cls, atr: bytes, profiles: list[str]) -> UnsupportedCard:
        atr_hex = atr.hex(" ").upper() if atr else "unknown"
        tried = ", ".join(profiles) or "none"
        return cls(f"unsupported card: ATR {atr_hex}; no card profile reads it (tried: {tried})", atr=atr_hex)


class PcscdUnavailable(ReaderUnavailable):
    """The PC/SC daemon (pcscd) is not running or not reachable."""


class CardUnresponsive(CardReadError):
    """The card in the reader does not answer (mute, upside down, damaged)."""


_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_NO_READERS_AVAILABLE}
_READER = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_F_COMM_ERROR}
_REMOVED = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD}
_MUTE = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_E_PROTO_MISMATCH}


def hresult_name(hresult: int) -> str:
    try:
        return scard.SCardGetErrorMessage(hresult)
    except Exception:  # the message lookup must never hide the real error
        return f"0x{hresult & 0xFFFFFFFF:08X}"


def error_for(hresult: int, action: str) -> DeviceError:
    """The typed error for a failed PC/SC call; `action` says what was being done."""
    code = f"0x{hresult & 0xFFFFFFFF:08X}"
    detail = f"{action}: {hresult_name(hresult)} ({code})"
    if hresult in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED):
        return PcscdUnavailable(f"pcscd is not running - {detail}")
    if hresult in _SERVICE or hresult in _READER:
        return ReaderUnavailable(f"PC/SC reader unplugged or unavailable - {detail}")
    if hresult in _REMOVED:
        return CardRemoved(detail)
    if hresult in _MUTE:
        return CardUnresponsive(detail)
    return ReaderUnavailable(f"PC/SC failure - {detail}")
