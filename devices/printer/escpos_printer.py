"""A real ESC/POS printer over python-escpos: network (TCP 9100), serial, USB or a device file.

python-escpos owns the transports; this module adds what a kiosk needs around
them: one connection per job (network printers often serve one client at a
time), a DLE EOT status check before printing whose silence or garbage means
"offline" rather than "fine", and errors a clerk can act on.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import select
import socket
import stat
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from devices.errors import PrinterError, PrinterGarbled, PrinterOffline, PrinterSilent, PrinterUnreachable
from devices.printer.escpos_loader import import_escpos
from devices.printer.printer import PaperState, ReceiptPrinter
from devices.printer.profile import PrinterProfile
from devices.printer.receipt import Receipt

if TYPE_CHECKING:
    from escpos.escpos import Escpos

ONLINE_OFFLINE_BIT = 0x08  # DLE EOT 1, bit 3: offline
PAPER_NEAR_END_BITS = 0x0C  # DLE EOT 4, bits 2-3: roll near end
PAPER_END_BITS = 0x60  # DLE EOT 4, bits 5-6: roll end
IDENTIFY_QUERIES = {"maker": 66, "model": 67, "firmware": 65}  # GS I n, printer information B
# many printers ignore GS I: each answer is waited for this long (not the status timeout), and the
# first unanswered query ends the identification, so a silent printer costs one short wait
INFO_TIMEOUT_S = 0.3
FIXED_BITS_MASK, FIXED_BITS = 0x93, 0x12  # bits 1 and 4 set, 0 and 7 clear in every status byte


@cache
def _escpos() -> SimpleNamespace:
    """python-escpos and this module's transports over it, loaded at the first job or status
    query (not with the kiosk: escpos brings PIL, qrcode and barcode, ~60 ms and several MiB)."""
    import_escpos()
    from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER
    from escpos.exceptions import DeviceNotFoundError, Error
    from escpos.printer import File, Network, Serial, Usb

    class _Network(Network):
        """python-escpos's Network, closing its socket when the connection fails (3.1 leaks it)."""

        def open(self, raise_not_found: bool = True) -> None:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect((self.host, self.port))
            except OSError as exc:
                sock.close()
                raise DeviceNotFoundError(f"Could not open socket for {self.host}: {exc}") from None
            self.device = sock

    class _DeviceFile(File):
        """python-escpos's File, but a character device (/dev/usb/lp0) is opened read-write so the
        printer's DLE EOT answers can be read back; a regular file is simply written."""

        def __init__(self, devfile: str, timeout_s: float, **kwargs: Any) -> None:
            super().__init__(devfile, **kwargs)
            self.timeout_s = timeout_s

        def open(self, raise_not_found: bool = True) -> None:
            try:
                if is_character_device(self.devfile):
                    fd = os.open(self.devfile, os.O_RDWR | os.O_NOCTTY)
                    self.device = os.fdopen(fd, "r+b", buffering=0)
                else:
                    self.device = open(self.devfile, "wb")  # noqa: SIM115 - closed by close()
            except OSError as exc:
                self.device = None
                raise DeviceNotFoundError(f"Could not open {self.devfile}: {exc.strerror}") from None

        def _read(self) -> bytes:
            assert self.device
            fd = self.device.fileno()
            if not select.select([fd], [], [], self.timeout_s)[0]:
                return b""
            return os.read(fd, 16)

    return SimpleNamespace(Network=_Network, DeviceFile=_DeviceFile, Serial=Serial, Usb=Usb, Error=Error,
                           RT_STATUS_ONLINE=RT_STATUS_ONLINE, RT_STATUS_PAPER=RT_STATUS_PAPER)


def is_character_device(path: str | Path) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


class EscposPrinter(ReceiptPrinter):
    """Wraps a python-escpos printer made by `connect` (called once per job)."""

    def __init__(
        self,
        connect: Callable[[], Escpos],
        *,
        driver: str,
        profile: PrinterProfile,
        ports: list[str],
        can_read_status: Callable[[], bool] = lambda: True,
        name: str = "printer",
    ) -> None:
        if importlib.util.find_spec("escpos") is None:  # said at build time, as the import used to
            raise ImportError("No module named 'escpos'", name="escpos")
        super().__init__(name, profile)
        self.driver = driver
        self._connect = connect
        self._ports = ports
        self._can_read_status = can_read_status

    # -- constructors per transport ---------------------------------------------------
    @classmethod
    def network(
        cls, host: str, port: int, profile: PrinterProfile, timeout_s: float = 5.0, name: str = "printer"
    ) -> EscposPrinter:
        def connect() -> Escpos:
            return _escpos().Network(host, port=port, timeout=timeout_s, profile=profile.escpos_profile)

        return cls(connect, driver="escpos-network", profile=profile, ports=[f"{host}:{port}"], name=name)

    @classmethod
    def serial(
        cls,
        device: str,
        baudrate: int,
        profile: PrinterProfile,
        timeout_s: float = 2.0,
        name: str = "printer",
    ) -> EscposPrinter:
        def connect() -> Escpos:
            return _escpos().Serial(
                devfile=device, baudrate=baudrate, timeout=timeout_s, profile=profile.escpos_profile
            )

        return cls(connect, driver="escpos-serial", profile=profile, ports=[device], name=name)

    @classmethod
    def usb(
        cls, vendor: int, product: int, profile: PrinterProfile, timeout_s: float = 5.0, name: str = "printer"
    ) -> EscposPrinter:
        if not _escpos().Usb.is_usable():  # a USB printer loads escpos when it is built
            raise PrinterError("USB printing needs the pyusb package; use driver 'file' with /dev/usb/lp0")

        def connect() -> Escpos:
            usb = _escpos().Usb
            return usb(vendor, product, timeout=int(timeout_s * 1000), profile=profile.escpos_profile)

        return cls(
            connect,
            driver="escpos-usb",
            profile=profile,
            ports=[f"usb {vendor:04x}:{product:04x}"],
            name=name,
        )

    @classmethod
    def file(
        cls, path: str | Path, profile: PrinterProfile, timeout_s: float = 2.0, name: str = "printer"
    ) -> EscposPrinter:
        """A device file such as /dev/usb/lp0 (usblp, read-write: status is asked), or a plain file
        (written only; paper is "unknown")."""

        def connect() -> Escpos:
            return _escpos().DeviceFile(str(path), timeout_s, profile=profile.escpos_profile)

        return cls(
            connect,
            driver="escpos-file",
            profile=profile,
            ports=[str(path)],
            can_read_status=lambda: is_character_device(path),
            name=name,
        )

    def without_status_query(self) -> EscposPrinter:
        """For one-way printers that never answer DLE EOT: print without asking (paper "unknown")."""
        self._can_read_status = lambda: False
        return self

    # -- ReceiptPrinter ------------------------------------------------------------------
    def _query(self) -> tuple[bool, PaperState]:
        if not self._can_read_status():
            return True, "unknown"
        connection = self._open()
        try:
            online_byte = self._status_byte(connection, _escpos().RT_STATUS_ONLINE)
            paper_byte = self._status_byte(connection, _escpos().RT_STATUS_PAPER)
        finally:
            self._close(connection)
        return not online_byte & ONLINE_OFFLINE_BIT, _paper_state(paper_byte)

    def _send(self, data: bytes, receipt: Receipt) -> None:
        connection = self._open()
        try:
            connection._raw(data)
        except (OSError, _escpos().Error) as exc:
            raise PrinterOffline(f"sending to the printer failed: {_reason(exc)}") from None
        finally:
            self._close(connection)

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["ports"] = list(self._ports)
        return row

    def identify(self) -> dict[str, str]:
        """Maker, model and firmware as the printer reports them (GS I 66/67/65); "" where it
        does not answer. For the technician's live test; raises PrinterOffline when unreachable.
        Bounded by INFO_TIMEOUT_S per answer, and by one wait for a printer that ignores GS I."""
        if not self._can_read_status():
            return {}
        answers = dict.fromkeys(IDENTIFY_QUERIES, "")
        with self._job_lock:
            connection = self._open()
            try:
                with _read_timeout(connection, INFO_TIMEOUT_S):
                    for key, n in IDENTIFY_QUERIES.items():
                        answers[key] = self._info_text(connection, n)
                        if not answers[key]:
                            break
            finally:
                self._close(connection)
        return answers

    @staticmethod
    def _info_text(connection: Escpos, n: int) -> str:
        """One GS I answer: "_" + printable text + NUL (ESC/POS printer information B)."""
        try:
            connection._raw(b"\x1dI" + bytes([n]))
            answer = b""
            for _ in range(8):  # bounded: a few reads of at most 16 bytes each
                chunk = connection._read()
                if not chunk:
                    break
                answer += chunk
                if b"\x00" in chunk:
                    break
        except (OSError, _escpos().Error):
            return ""
        if not answer.startswith(b"_"):
            return ""
        text = answer[1:].split(b"\x00", 1)[0].decode("ascii", errors="replace")
        return "".join(c for c in text if c.isprintable())[:40]

    # -- connection -----------------------------------------------------------------------
    def _open(self) -> Escpos:
        try:
            connection = self._connect()
            connection.open()
        except (OSError, _escpos().Error, RuntimeError) as exc:
            raise PrinterUnreachable(
                f"cannot connect to printer {', '.join(self._ports)}: {_reason(exc)}"
            ) from None
        return connection

    @staticmethod
    def _close(connection: Escpos) -> None:
        with contextlib.suppress(OSError, _escpos().Error):
            connection.close()

    @staticmethod
    def _status_byte(connection: Escpos, query: bytes) -> int:
        try:
            answer = connection.query_status(query)
        except TimeoutError:
            raise PrinterSilent("printer connected but did not answer DLE EOT in time") from None
        except (OSError, _escpos().Error) as exc:
            raise PrinterOffline(f"no answer to the status query: {_reason(exc)}") from None
        if not answer:
            raise PrinterSilent("printer did not answer the status query (DLE EOT)")
        byte = answer[-1]
        if byte & FIXED_BITS_MASK != FIXED_BITS:
            raise PrinterGarbled(f"printer answered the status query with an unexpected byte 0x{byte:02x}")
        return byte


@contextlib.contextmanager
def _read_timeout(connection: Escpos, seconds: float) -> Iterator[None]:
    """Wait at most `seconds` for each answer on this connection (network, serial or device file)."""
    device = getattr(connection, "device", None)
    if isinstance(device, socket.socket):
        before = device.gettimeout()
        device.settimeout(seconds)
        try:
            yield
        finally:
            device.settimeout(before)
    elif isinstance(connection, _escpos().DeviceFile):
        before, connection.timeout_s = connection.timeout_s, seconds
        try:
            yield
        finally:
            connection.timeout_s = before
    elif device is not None and hasattr(device, "timeout"):  # pyserial
        before, device.timeout = device.timeout, seconds
        try:
            yield
        finally:
            device.timeout = before
    else:
        yield


def _paper_state(byte: int) -> PaperState:
    if byte & PAPER_END_BITS:
        return "out"
    if byte & PAPER_NEAR_END_BITS:
        return "low"
    return "ok"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
