"""Typed ID-card failures, each saying what the citizen or the technician should do.

Card-side problems (bad frame, card moved, unreadable data) are CardReadError
subclasses: the citizen places the card again. Reader-side problems (SAM fault,
port gone, pcscd down) are ReaderFault subclasses: the kiosk offers the city-app
QR and tells staff. Messages never carry card data.
"""

from __future__ import annotations

from devices.errors import CardReadError, ReaderFault


class FrameError(CardReadError):
    """A GA 467 frame that cannot be trusted: bad preamble, length or checksum."""


class NoReply(FrameError):
    """Not one byte of a GA 467 reply arrived within the reply timeout: the module is silent."""


class TruncatedReply(FrameError):
    """Bytes arrived but no complete, valid reply frame within the reply timeout."""


class SamNotAnswering(ReaderFault):
    """The serial port is there but the SAM module behind it stays silent (unpowered, wrong baud rate)."""


class DamagedReplies(ReaderFault):
    """The SAM module answers, but its replies to one command arrive damaged every time (truncated,
    garbled, bad checksum): the serial line (cable, connector, interference) or the module itself.
    Not the card: placing it again cannot help."""


class CardDataError(CardReadError):
    """The card's text block does not decode to a plausible identity record."""

    message_zh = "身份证信息无法识别，请重新放置或联系工作人员"
    message_en = "The card data could not be understood; place the card again or ask staff"


class SamCardError(CardReadError):
    """The SAM module reported a card-side failure (select, authentication, read)."""

    def __init__(self, sw3: int, status: str, detail: str) -> None:
        super().__init__(detail)
        self.sw3 = sw3
        self.status = status


class SamFault(ReaderFault):
    """The SAM module reported a fault of its own (self-test, command or transport)."""

    def __init__(self, sw3: int, status: str, detail: str) -> None:
        super().__init__(detail)
        self.sw3 = sw3
        self.status = status


class ReaderUnavailable(ReaderFault):
    """The reader cannot be reached: serial port gone, pcscd down, no PC/SC reader."""


class PortAbsent(ReaderUnavailable):
    """The serial port does not exist or vanished (USB adapter unplugged)."""


class PortBusy(ReaderUnavailable):
    """Another program holds the serial port (the kiosk itself, while diag runs)."""


class CardRemoved(CardReadError):
    """The card left the reader in the middle of a read."""

    message_zh = "读卡过程中证件被移开，请重新放置并保持不动"
    message_en = "The card was moved during reading; place it again and hold it still"
