"""Identity cards read through any PC/SC reader (pcscd + pyscard).

The kiosk may carry a contact or contactless PC/SC reader beside (or instead
of) the GA 467 module, e.g. for social security cards. This driver lists
readers, waits for a card with SCardGetStatusChange, opens a session (ATR and
APDU exchange), and reads identity data through the first card profile that
fits (devices.pcsc.profile.CardProfile: the social security card, then the
demo profile, by default); a card none reads is UnsupportedCard naming its
ATR. It survives pcscd restarts (the context is re-established), readers
coming and going, and cards pulled in the middle of an APDU.

Why not pyscard's CardMonitor / ReaderMonitor: they are process-wide singleton
threads that stop for good when pcscd goes away (SCARD_E_NO_SERVICE), print
tracebacks to stderr, and block up to 60 s on shutdown. The monitor loop here
uses the same PC/SC primitive (SCardGetStatusChange) with a short, bounded
timeout and its own context, so events keep flowing across daemon restarts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from smartcard import scard

from devices.base import DeviceStatus
from devices.errors import DeviceError
from devices.idcard.errors import CardRemoved, ReaderUnavailable
from devices.idcard.reader import DEFAULT_POLL_INTERVAL_S, IdCardReader
from devices.idcard.record import IdentityRecord
from devices.pcsc import profile
from devices.pcsc.errors import PcscdUnavailable, UnsupportedCard, error_for
from devices.pcsc.social_security import SOCIAL_SECURITY_PROFILE

log = logging.getLogger(__name__)

# longest single SCardGetStatusChange wait: bounds stop_polling even when pcscd drops an
# SCardCancel (seen with pcsc-lite 1.9.9 right after a card swap, reader state MUTE)
MONITOR_WAIT_MAX_S = 0.5
DEFAULT_PROFILES: tuple[profile.CardProfile, ...] = (SOCIAL_SECURITY_PROFILE, profile.DEMO_PROFILE)


class PcscContext:
    """One PC/SC context, established lazily and again after pcscd restarts."""

    def __init__(self) -> None:
        self._handle: int | None = None
        self._lock = threading.Lock()

    def get(self) -> int:
        with self._lock:
            if self._handle is None:
                hresult, handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                if hresult != scard.SCARD_S_SUCCESS:
                    raise error_for(hresult, "connect to pcscd")
                self._handle = handle
            return self._handle

    def invalidate(self) -> None:
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            scard.SCardReleaseContext(handle)

    def cancel(self) -> None:
        """Wake a blocking SCardGetStatusChange on this context."""
        handle = self._handle
        if handle is not None:
            scard.SCardCancel(handle)


@dataclass(frozen=True)
class ReaderState:
    name: str
    present: bool
    atr: bytes
    mute: bool = False
    raw: int = 0  # the event state as pcscd reported it, fed back as the next "known" state


class CardSession:
    """An open connection to the card in one reader: its ATR and APDU exchange."""

    def __init__(self, handle: int, protocol: int, reader: str, atr: bytes) -> None:
        self._handle = handle
        self._protocol = protocol
        self.reader = reader
        self.atr = atr

    @property
    def protocol(self) -> str:
        return "T=1" if self._protocol == scard.SCARD_PROTOCOL_T1 else "T=0"

    def transmit(self, apdu: bytes) -> profile.ApduResponse:
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise error_for(hresult, "exchange APDU")
        if not response:  # vpcd and some readers report a card pulled mid-APDU as an empty answer
            raise CardRemoved("the card gave no answer to an APDU; it was probably pulled")
        return profile.ApduResponse.from_bytes(bytes(response))


class PcscIdReader(IdCardReader):
    """Identity cards on a PC/SC reader whose name contains `reader_name_filter`."""

    kind = "pcsc"
    driver = "pcsc"

    def __init__(
        self,
        reader_name_filter: str = "",
        name: str = "pcsc",
        poll_interval_s: float = DEFAULT_POLL_INTERVAL_S,
        profiles: Sequence[profile.CardProfile] = DEFAULT_PROFILES,
    ) -> None:
        super().__init__(name)
        self.reader_name_filter = reader_name_filter
        self.poll_interval_s = poll_interval_s
        self.profiles = tuple(profiles)
        self._context = PcscContext()
        self._monitor_context = PcscContext()
        self._readers_seen: tuple[str, ...] = ()
        self._monitor_names: list[str] = []
        self._monitor_known: dict[str, int] = {}
        self._monitor_interval_s = poll_interval_s
        self.last_atr = b""  # of the last card read: identifies the card type for technicians
        self.last_profile = ""  # name of the profile that read the last card
        self._set_status(DeviceStatus.OFFLINE, "not checked yet")
        self._check_readers()

    def _check_readers(self) -> None:
        """Ask pcscd for readers once so status is meaningful at once; never raises."""
        try:
            self._note_readers(self.readers())
        except DeviceError as exc:
            log.info("%s: %s", self.name, exc.detail)

    def reset(self) -> None:
        """Drop the PC/SC contexts (they are re-established on next use) and re-check readers."""
        self._context.invalidate()
        self._monitor_context.invalidate()
        self._check_readers()

    # -- Device -------------------------------------------------------------------
    def capabilities(self) -> dict[str, Any]:
        return {
            "reader_name_filter": self.reader_name_filter,
            "profiles": [p.name for p in self.profiles],
            "readers": list(self._readers_seen),
        }

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["readers"] = list(self._readers_seen)
        row["last_atr"] = self.last_atr.hex(" ").upper() if self.last_atr else None  # the card type, no PII
        row["last_profile"] = self.last_profile or None
        return row

    def close(self) -> None:
        super().close()
        self._context.invalidate()
        self._monitor_context.invalidate()

    # -- readers ------------------------------------------------------------------
    def readers(self) -> list[str]:
        """Names of the PC/SC readers this driver uses; raises PcscdUnavailable when pcscd is down."""
        return self._list_readers(self._context)

    def _list_readers(self, context: PcscContext) -> list[str]:
        for attempt in range(2):
            try:
                hresult, names = scard.SCardListReaders(context.get(), [])
            except PcscdUnavailable:
                self._set_status(DeviceStatus.NO_DEVICE, "pcscd not running")
                raise
            if hresult == scard.SCARD_S_SUCCESS:
                return [n for n in names if self.reader_name_filter in n]
            if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
                return []
            context.invalidate()  # stale after a pcscd restart: try once with a fresh context
            if attempt == 1 or hresult not in (scard.SCARD_E_INVALID_HANDLE, scard.SCARD_E_NO_SERVICE):
                error = error_for(hresult, "list readers")
                down = isinstance(error, PcscdUnavailable)
                self._set_status(DeviceStatus.NO_DEVICE, "pcscd not running" if down else "PC/SC error")
                raise error
        return []

    def _states(
        self, context: PcscContext, names: list[str], timeout_ms: int = 0, known: dict[str, int] | None = None
    ) -> list[ReaderState]:
        """Reader states; with `known` states, block up to `timeout_ms` for a change."""
        query = [(name, (known or {}).get(name, scard.SCARD_STATE_UNAWARE)) for name in names]
        hresult, states = scard.SCardGetStatusChange(context.get(), timeout_ms, query)
        if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):  # no change (or stop_polling)
            return [ReaderState(n, bool(s & scard.SCARD_STATE_PRESENT), b"", raw=s) for n, s in query]
        if hresult != scard.SCARD_S_SUCCESS:
            context.invalidate()
            raise error_for(hresult, "read reader states")
        return [
            ReaderState(
                name=name,
                present=bool(state & scard.SCARD_STATE_PRESENT),
                atr=bytes(atr),
                mute=bool(state & scard.SCARD_STATE_MUTE),
                raw=state & ~scard.SCARD_STATE_CHANGED,
            )
            for name, state, atr in states
        ]

    def _present_readers(self) -> list[ReaderState]:
        names = self._list_readers(self._context)
        self._note_readers(names)
        if not names:
            raise ReaderUnavailable(f"no PC/SC reader matching {self.reader_name_filter!r}")
        return [s for s in self._states(self._context, names) if s.present]

    def _note_readers(self, names: list[str]) -> None:
        self._readers_seen = tuple(names)
        if names:
            self._mark_online(f"{len(names)} reader(s)")
        else:
            self._set_status(DeviceStatus.NO_DEVICE, "no PC/SC reader")

    # -- sessions -----------------------------------------------------------------
    @contextmanager
    def connect(self, reader: str | None = None) -> Iterator[CardSession]:
        """Open the card in `reader` (default: the first reader holding a card)."""
        if reader is None:
            present = self._present_readers()
            if not present:
                raise CardRemoved("no card in any PC/SC reader")
            reader = present[0].name
        protocols = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        hresult, handle, protocol = scard.SCardConnect(
            self._context.get(), reader, scard.SCARD_SHARE_SHARED, protocols
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise error_for(hresult, "connect to the card")
        try:
            hresult, _, _, _, atr = scard.SCardStatus(handle)
            if hresult != scard.SCARD_S_SUCCESS:
                raise error_for(hresult, "read the ATR")
            yield CardSession(handle, protocol, reader, bytes(atr))
        finally:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)

    def atr(self, reader: str | None = None) -> bytes:
        with self.connect(reader) as session:
            return session.atr

    # -- IdCardReader -------------------------------------------------------------
    def card_present(self) -> bool:
        return bool(self._present_readers())

    def read_card(self, timeout_s: float) -> IdentityRecord | None:
        def attempt() -> IdentityRecord | None:
            present = self._present_readers()
            if not present:
                return None
            with self.connect(present[0].name) as session:
                self.last_atr, self.last_profile = session.atr, ""
                record, self.last_profile = profile.read_with_profiles(
                    session.transmit, session.atr, self.profiles
                )
                return record

        return self._poll_read(timeout_s, attempt, fatal=(UnsupportedCard,))

    def probe(self) -> None:
        """pcscd up and a matching reader present, or PcscdUnavailable / ReaderUnavailable at once."""
        self._present_readers()

    # -- events -------------------------------------------------------------------
    def poll_once(self) -> None:
        """Wait up to one poll interval for a reader or card change, emitting events."""
        try:
            names = self._list_readers(self._monitor_context)
            self._note_readers(names)
            if not names:
                self._note_presence(False)
                return
            known = self._monitor_known if names == self._monitor_names else None
            timeout_ms = int(min(self._monitor_interval_s, MONITOR_WAIT_MAX_S) * 1000)
            states = self._states(self._monitor_context, names, timeout_ms, known)
        except DeviceError as exc:
            if self._poll_stop.is_set():
                return  # interrupted by stop_polling: nothing changed on the reader
            self._note_probe_failure(type(exc).__name__)
            self._monitor_names = []
            self._note_presence(False)
            return
        self._note_probe_failure(None)
        self._monitor_names = names
        self._monitor_known = {s.name: s.raw for s in states}
        self._note_presence(any(s.present for s in states))

    def _poll_loop(self, interval_s: float) -> None:
        # SCardGetStatusChange itself blocks up to one interval waiting for a change, so a
        # healthy loop goes straight back into it; after an error it backs off one interval
        self._monitor_interval_s = interval_s
        while not self._poll_stop.is_set():
            try:
                self.poll_once()
            except Exception:  # the loop must outlive any driver bug; the bug is logged
                log.exception("%s monitor loop error", self.name)
            self._poll_stop.wait(0.02 if self._probe_failure is None else interval_s)

    def stop_polling(self, timeout_s: float = 5.0) -> None:
        self._poll_stop.set()
        self._monitor_context.cancel()
        super().stop_polling(timeout_s)
