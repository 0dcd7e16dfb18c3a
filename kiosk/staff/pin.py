"""The staff PIN: only a slow hash on disk, and a lockout that grows with every five wrong tries.

Hall staff open admin mode with a 4–8 digit PIN on a touch pad. The PIN is never
stored, only its argon2id hash (argon2-cffi, RFC 9106 "low memory" profile:
64 MiB, 3 passes, 4 lanes, 16-byte random salt made on this terminal when the PIN
is set, so the same PIN on two terminals hashes differently).

Why argon2id rather than hashlib.scrypt: both are memory-hard, but argon2id is the
first choice of RFC 9106 and OWASP, its encoded hash carries its own salt and
parameters (so they can be raised later: `check_needs_rehash`), and the library
verifies in constant time inside libargon2 — with scrypt we would have to invent
an encoding and call `hmac.compare_digest` ourselves. A PIN space is small (10⁴–10⁸),
so the hash only slows an offline attacker who stole the file; what protects the
terminal is the lockout: after five wrong PINs it locks for 1 min, then 2, 4, …
up to 1 h, until a right PIN resets it.

The state (hash, failures, lock) lives in one JSON file written 0600 atomically
(temp file + fsync + rename + fsync of the folder); a file readable by others is
refused. A failure is counted and saved *before* the hash is checked, so pulling
the plug mid-check does not buy free tries. A lock whose start lies in the
future (the clock was set back) restarts from now instead of ending early.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY
from msgspec import Meta, Struct
from msgspec.structs import replace

MIN_DIGITS = 4
MAX_DIGITS = 8
MAX_ATTEMPTS = 5
FIRST_LOCK_S = 60.0
LOCK_CAP_S = 3600.0

# PINs people pick first: keypad column (2580), "I love you" numbers, years.
_COMMON_PINS = frozenset({"2580", "0852", "1004", "2000", "1010", "6969", "5201314", "1314520", "0520"})
_PIN_RE = re.compile(rf"[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}")


class PinError(Exception):
    """A PIN problem with a message for staff in Chinese and English."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


class PinRejected(PinError):
    """set_pin refused the new PIN (wrong length, not digits, too easy to guess)."""


class PinNotSet(PinError):
    """No PIN has been set on this terminal yet."""


class PinStoreError(PinError):
    """The PIN file cannot be used (permissions too loose, damaged); a technician must fix it."""


@dataclass(frozen=True)
class PinCheck:
    """The answer to one PIN entry, ready for the PIN pad to show."""

    ok: bool
    remaining_attempts: int
    locked_until: float | None
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class PinStatus:
    """What staff and technicians may see without entering a PIN."""

    is_set: bool
    failures: int
    locked_until: float | None


class _PinFile(Struct, forbid_unknown_fields=True, frozen=True):
    """The on-disk shape of the PIN state (version 1), checked by msgspec when it is read."""

    hash: Annotated[str, Meta(pattern=r"^\$argon2id\$")]
    version: Literal[1] = 1
    failures: Annotated[int, Meta(ge=0, le=MAX_ATTEMPTS)] = 0
    lock_level: Annotated[int, Meta(ge=0, le=64)] = 0
    lock_started: float | None = None
    locked_until: float | None = None


def default_hasher() -> PasswordHasher:
    """The production hasher: argon2id, RFC 9106 low-memory profile (about 0.2 s here)."""
    return PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


def lock_duration_s(lock_level: int) -> float:
    """1 min for the first lock, doubling each time, never more than 1 h."""
    if lock_level <= 0:
        return 0.0
    return min(FIRST_LOCK_S * 2 ** min(lock_level - 1, 32), LOCK_CAP_S)


def check_new_pin(pin: object) -> str:
    """The PIN if it may be set; PinRejected with a clear message otherwise."""
    if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
        raise PinRejected(
            f"PIN 须为 {MIN_DIGITS}–{MAX_DIGITS} 位数字",
            f"A PIN is {MIN_DIGITS} to {MAX_DIGITS} digits (0–9)",
        )
    if _is_trivial(pin):
        raise PinRejected(
            "PIN 过于简单（如 0000、1234、1212），请换一个",
            "That PIN is too easy to guess (like 0000, 1234 or 1212); choose another",
        )
    return pin


def _is_trivial(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    if steps in ({1}, {9}):  # 1234, 7890, 4321, 0987
        return True
    for unit in range(1, len(pin) // 2 + 1):  # 0000, 1212, 123123
        if len(pin) % unit == 0 and pin == pin[:unit] * (len(pin) // unit):
            return True
    return pin in _COMMON_PINS


class PinStore:
    """The terminal's staff PIN and its lockout, persisted in `state_path` (0600)."""

    def __init__(
        self,
        state_path: Path,
        clock: Callable[[], float] = time.time,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.state_path = Path(state_path)
        self._clock = clock
        self._hasher = hasher or default_hasher()

    def is_set(self) -> bool:
        return self._load() is not None

    def status(self) -> PinStatus:
        """Whether a PIN is set, failures so far, and the end of a running lock (reads only)."""
        state = self._load()
        if state is None:
            return PinStatus(False, 0, None)
        now = self._clock()
        locked_until = state.locked_until
        if locked_until is not None and state.lock_started is not None and state.lock_started > now:
            locked_until = now + lock_duration_s(max(state.lock_level, 1))  # clock set back
        if locked_until is not None and locked_until <= now:
            return PinStatus(True, 0, None)
        return PinStatus(True, state.failures, locked_until)

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (as its hash); clears failures and locks. Raises PinRejected."""
        check_new_pin(pin)
        encoded = self._hasher.hash(pin)
        with self._exclusive():
            self._save(_PinFile(hash=encoded))

    def verify(self, pin: str) -> PinCheck:
        """Check one PIN entry; counts failures, locks after five, never raises for a wrong PIN."""
        with self._exclusive():
            return self._verify(pin)

    def _verify(self, pin: str) -> PinCheck:
        state = self._load()
        if state is None:
            raise PinNotSet("尚未设置管理 PIN", "No staff PIN has been set on this terminal")
        now = self._clock()
        if state.locked_until is not None:
            if state.lock_started is None or state.lock_started > now:
                state = self._restart_lock(state, now)  # clock set back: the lock starts again
            if now < state.locked_until:  # type: ignore[operator]
                return _locked_check(state.locked_until, now)  # type: ignore[arg-type]
            state = replace(state, failures=0, lock_started=None, locked_until=None)
        elif state.failures >= MAX_ATTEMPTS:  # the fifth try was cut off before its lock was saved
            return self._lock_now(state, now)
        counted = replace(state, failures=state.failures + 1)
        self._save(counted)  # counted before checking: a power cut mid-check buys no free try
        if self._matches(state.hash, pin):
            self._save(self._after_success(state, pin))
            return PinCheck(True, MAX_ATTEMPTS, None, "PIN 正确", "PIN accepted")
        if counted.failures < MAX_ATTEMPTS:
            left = MAX_ATTEMPTS - counted.failures
            return PinCheck(False, left, None, f"PIN 错误，还可尝试 {left} 次", f"Wrong PIN; {left} left")
        return self._lock_now(counted, now)

    def _lock_now(self, state: _PinFile, now: float) -> PinCheck:
        level = state.lock_level + 1
        until = now + lock_duration_s(level)
        self._save(
            replace(state, failures=0, lock_level=level, lock_started=now, locked_until=until)
        )
        return _locked_check(until, now)

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One reader-writer of the PIN state at a time (the kiosk and a technician's console):
        an flock on the folder, so no lock file is left beside the secrets."""
        folder = self.state_path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _matches(self, encoded: str, pin: object) -> bool:
        if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
            return False
        try:
            return self._hasher.verify(encoded, pin)
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError) as exc:
            raise PinStoreError(
                f"管理 PIN 文件已损坏：{self.state_path}，请技术人员重新设置",
                f"The staff PIN file is damaged ({self.state_path}); a technician must reset it ({exc})",
            ) from None

    def _after_success(self, state: _PinFile, pin: str) -> _PinFile:
        encoded = state.hash
        if self._hasher.check_needs_rehash(encoded):
            encoded = self._hasher.hash(pin)
        return _PinFile(hash=encoded)

    def _restart_lock(self, state: _PinFile, now: float) -> _PinFile:
        level = max(state.lock_level, 1)
        until = now + lock_duration_s(level)
        restarted = replace(state, lock_level=level, lock_started=now, locked_until=until)
        self._save(restarted)
        return restarted

    def _load(self) -> _PinFile | None:
        try:
            fd = os.open(self.state_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._store_error(f"cannot open it ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise self._store_error("it is not a regular file")
            if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise self._store_error(f"it is readable by others; run: chmod 600 {self.state_path}")
            raw = handle.read(64 * 1024)
        try:
            return msgspec.json.decode(raw, type=_PinFile, strict=True)
        except msgspec.MsgspecError:
            raise self._store_error("its content is damaged") from None

    def _save(self, state: _PinFile) -> None:
        folder = self.state_path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.state_path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(msgspec.json.encode(state))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.state_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _store_error(self, why: str) -> PinStoreError:
        return PinStoreError(
            f"管理 PIN 文件不可用：{self.state_path}，请联系技术人员",
            f"The staff PIN file {self.state_path} cannot be used: {why}",
        )


def _locked_check(until: float, now: float) -> PinCheck:
    minutes = max(1, round((until - now) / 60))
    clock_text = time.strftime("%H:%M", time.localtime(until))
    return PinCheck(
        False,
        0,
        until,
        f"错误次数过多，已锁定至 {clock_text}（约 {minutes} 分钟）",
        f"Too many wrong PINs; locked until {clock_text} (about {minutes} min)",
    )
