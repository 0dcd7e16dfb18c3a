"""PC/SC result codes become typed errors a technician or citizen can act on."""

from __future__ import annotations

import pytest
from smartcard import scard

from devices.errors import CardReadError, ReaderFault
from devices.idcard.errors import CardRemoved, ReaderUnavailable
from devices.pcsc.errors import CardUnresponsive, PcscdUnavailable, error_for


@pytest.mark.parametrize(
    ("hresult", "error", "words"),
    [
        (scard.SCARD_E_NO_SERVICE, PcscdUnavailable, "pcscd is not running"),
        (scard.SCARD_E_SERVICE_STOPPED, PcscdUnavailable, "pcscd is not running"),
        (scard.SCARD_E_READER_UNAVAILABLE, ReaderUnavailable, "unplugged"),
        (scard.SCARD_E_UNKNOWN_READER, ReaderUnavailable, "unplugged"),
        (scard.SCARD_E_NO_READERS_AVAILABLE, ReaderUnavailable, "unplugged"),
        (scard.SCARD_W_REMOVED_CARD, CardRemoved, "exchange APDU"),
        (scard.SCARD_E_NO_SMARTCARD, CardRemoved, "exchange APDU"),
        (scard.SCARD_W_RESET_CARD, CardRemoved, "exchange APDU"),
        (scard.SCARD_W_UNRESPONSIVE_CARD, CardUnresponsive, "exchange APDU"),
        (scard.SCARD_E_SHARING_VIOLATION, ReaderUnavailable, "PC/SC failure"),
    ],
)
def test_result_codes_map_to_typed_errors(hresult: int, error: type[Exception], words: str) -> None:
    mapped = error_for(hresult, "exchange APDU")
    assert type(mapped) is error
    assert words in mapped.detail
    assert f"0x{hresult & 0xFFFFFFFF:08X}" in mapped.detail


def test_card_side_and_reader_side_errors_are_told_apart() -> None:
    assert isinstance(error_for(scard.SCARD_W_REMOVED_CARD, "x"), CardReadError)
    assert isinstance(error_for(scard.SCARD_E_NO_SERVICE, "x"), ReaderFault)
    assert isinstance(error_for(scard.SCARD_E_READER_UNAVAILABLE, "x"), ReaderFault)
