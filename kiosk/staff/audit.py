"""The append-only, hash-chained log of every admin action, with no personal data in it.

Who changed the hub address, who retried a dead application, who left kiosk mode:
a supervisor or auditor must be able to trust this record. Each line is one JSON
object {seq, time, action, detail, prev, hash}; `hash` is SHA-256 over the
canonical JSON of the other five fields, and `prev` is the previous line's hash,
so editing, deleting, reordering or inserting a line breaks the chain that
`verify()` walks. Cutting lines off the end is caught by a small head file
(`<log>.head`: last seq and hash) written atomically after each append.

Limits, stated plainly: the chain has no secret key, so someone who can write
the files can rebuild a consistent forgery; shipping the head hash off the
terminal (e.g. in the hub heartbeat) is what makes that detectable.

Lines are written with O_APPEND and fsync, under an flock so two processes (the
kiosk and a technician's command) never interleave. Details that look like
personal data — a valid GB 11643 ID number, an 11-digit mobile number, or any
value under a key such as name/address/phone/id_number — are refused with
AuditDetailError before anything is written.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.identifiers import is_valid_id_number

GENESIS = "0" * 64
_FIELDS = ("seq", "time", "action", "detail", "prev", "hash")
_ACTION_RE = re.compile(r"[a-z][a-z0-9_.-]{0,63}")
_ID_CANDIDATE_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# application ids are UUIDs; a hex group such as "a13812345678" must not read as a mobile number
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PII_KEYS = frozenset(
    {
        "name", "full_name", "real_name", "citizen_name", "applicant_name", "name_en",
        "address", "home_address", "phone", "phone_number", "mobile", "mobile_number",
        "tel", "telephone", "email", "id_number", "idnumber", "id_no", "id_card",
        "idcard", "id_card_number", "birth_date", "birthday", "dob",
        "姓名", "地址", "电话", "手机", "手机号", "身份证", "身份证号", "身份证号码",
    }
)  # fmt: skip
_MAX_DETAIL_BYTES = 8 * 1024
_MAX_DEPTH = 4
_MAX_LINE_BYTES = 64 * 1024  # an entry is at most ~9 KiB; a longer last line is damage


class AuditError(Exception):
    """The audit log cannot be written or read; the message says what to do."""


class AuditDetailError(AuditError, ValueError):
    """An action or detail that may not be logged (personal data, not JSON, too big)."""


class AuditLogDamaged(AuditError):
    """The log's last line is unreadable, so a new line cannot be chained to it."""


@dataclass(frozen=True)
class AuditEntry:
    """One admin action as staff see it."""

    seq: int
    time: str
    action: str
    detail: dict[str, Any]
    prev: str
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """The result of walking the chain: ok, how many good entries, where it first broke and why."""

    ok: bool
    entries: int
    first_bad_seq: int | None
    reason: str


def canonical_json(value: Any) -> bytes:
    """The one byte form a hash is taken over: sorted keys, no spaces, UTF-8."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def entry_hash(seq: int, when: str, action: str, detail: dict[str, Any], prev: str) -> str:
    body = {"seq": seq, "time": when, "action": action, "detail": detail, "prev": prev}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def check_detail(action: str, detail: dict[str, Any]) -> None:
    """Raise AuditDetailError unless the action name is plain and the detail holds no PII."""
    if not isinstance(action, str) or not _ACTION_RE.fullmatch(action):
        raise AuditDetailError(
            f"audit action {action!r} must be 1–64 lowercase letters, digits, '.', '_' or '-'"
        )
    if not isinstance(detail, dict):
        raise AuditDetailError(f"audit detail must be a dict, not {type(detail).__name__}")
    _check_value(detail, "detail", 0)
    try:
        size = len(canonical_json(detail))
    except (TypeError, ValueError) as exc:
        raise AuditDetailError(f"audit detail is not plain JSON ({exc})") from None
    if size > _MAX_DETAIL_BYTES:
        raise AuditDetailError(f"audit detail is {size} bytes; the limit is {_MAX_DETAIL_BYTES}")


def _check_value(value: Any, where: str, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise AuditDetailError(f"audit detail nests deeper than {_MAX_DEPTH} levels at {where}")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise AuditDetailError(f"audit detail key {key!r} at {where} is not text")
            if key.strip().lower().replace("-", "_").replace(" ", "_") in _PII_KEYS:
                raise AuditDetailError(f"audit detail key '{key}' at {where} would hold personal data")
            _check_value(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_value(item, f"{where}[{index}]", depth + 1)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int | float | str):
        _check_text(str(value), where)
    else:
        raise AuditDetailError(f"audit detail value at {where} is a {type(value).__name__}, not plain JSON")


def _check_text(text: str, where: str) -> None:
    text = _UUID_RE.sub("-", text)
    if any(is_valid_id_number(m) for m in _ID_CANDIDATE_RE.findall(text)):
        raise AuditDetailError(f"audit detail at {where} contains an ID number; log the masked form or none")
    if _MOBILE_RE.search(text):
        raise AuditDetailError(f"audit detail at {where} contains a mobile number; leave it out")


class AuditLog:
    """Append-only admin log at `path` (JSON lines) with its head file beside it."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.head_path = self.path.with_name(self.path.name + ".head")
        self._clock = clock

    def append(self, action: str, detail: dict[str, Any] | None = None) -> AuditEntry:
        """Write one action; refuses PII (AuditDetailError) and a damaged tail (AuditLogDamaged)."""
        detail = {} if detail is None else detail
        check_detail(action, detail)
        detail = json.loads(canonical_json(detail))  # a private copy, tuples become lists
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = self._last_entry()
            seq = 1 if last is None else last.seq + 1
            prev = GENESIS if last is None else last.hash
            when = datetime.fromtimestamp(self._clock(), UTC).isoformat(timespec="milliseconds")
            digest = entry_hash(seq, when, action, detail, prev)
            entry = AuditEntry(seq, when, action, detail, prev, digest)
            line = canonical_json(_as_record(entry)) + b"\n"
            if os.write(fd, line) != len(line):
                raise AuditError(f"{self.path}: the audit entry was written only in part (disk full?)")
            os.fsync(fd)
            self._write_head(entry)
        finally:
            os.close(fd)  # also releases the flock
        return entry

    def entries(self, last: int | None = None) -> list[AuditEntry]:
        """The readable entries in order (the newest `last` of them); damaged lines are skipped."""
        found = [entry for entry in (_parse(line) for line in self._lines()) if entry is not None]
        return found if last is None else found[-last:] if last > 0 else []

    def verify(self) -> AuditCheck:
        """Walk the chain; the first line that is damaged, edited, missing or out of place fails it."""
        prev, expected, count = GENESIS, 1, 0
        for line in self._lines():
            entry = _parse(line)
            if entry is None:
                return AuditCheck(False, count, expected, f"line {expected} is not a valid audit entry")
            if entry.seq != expected:
                why = "missing or reordered" if entry.seq > expected else "repeated or reordered"
                found = f"expected entry {expected}, found {entry.seq} ({why})"
                return AuditCheck(False, count, expected, found)
            if entry.prev != prev:
                return AuditCheck(False, count, expected, f"entry {expected} does not follow the one before")
            if entry_hash(entry.seq, entry.time, entry.action, entry.detail, entry.prev) != entry.hash:
                return AuditCheck(False, count, expected, f"entry {expected} was changed after writing")
            prev, expected, count = entry.hash, expected + 1, count + 1
        return self._check_head(count, prev)

    def _check_head(self, count: int, last_hash: str) -> AuditCheck:
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
            head_seq, head_hash = int(head["seq"]), str(head["hash"])
        except FileNotFoundError:
            if count == 0:
                return AuditCheck(True, 0, None, "empty log")
            return AuditCheck(False, count, None, f"head file {self.head_path.name} is missing")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return AuditCheck(False, count, None, f"head file {self.head_path.name} is damaged")
        if head_seq > count:
            return AuditCheck(False, count, count + 1, f"entries {count + 1}–{head_seq} were cut off the end")
        if head_seq != count or head_hash != last_hash:
            return AuditCheck(False, count, head_seq, "the log does not end where its head file says")
        return AuditCheck(True, count, None, f"{count} entries, chain intact")

    def _lines(self) -> Iterator[bytes]:
        try:
            with open(self.path, "rb") as handle:
                yield from (line for line in handle if line.strip())
        except FileNotFoundError:
            return

    def _last_entry(self) -> AuditEntry | None:
        """The entry on the last non-blank line, read from the end of the file (not the whole log)."""
        last_line = self._tail_line()
        if not last_line.strip():
            return None
        entry = _parse(last_line)
        if entry is None or not last_line.endswith(b"\n"):
            raise AuditLogDamaged(
                f"{self.path}: the last line of the audit log is damaged; a technician must check it "
                "(python -m kiosk.staff audit-verify) before admin actions can be recorded"
            )
        return entry

    def _tail_line(self) -> bytes:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below, read backwards in blocks
        except FileNotFoundError:
            return b""
        with handle:
            position = handle.seek(0, os.SEEK_END)
            block = b""
            while position > 0 and len(block) <= _MAX_LINE_BYTES:
                step = min(4096, position)
                position -= step
                handle.seek(position)
                block = handle.read(step) + block
                if b"\n" in block.rstrip():
                    break
        start = block.rstrip().rfind(b"\n") + 1
        if start == 0 and position > 0:
            return b"\0"  # a last line longer than any entry can be: damaged
        return block[start:]

    def _write_head(self, entry: AuditEntry) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.head_path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(canonical_json({"seq": entry.seq, "hash": entry.hash}))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.head_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def _as_record(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in _FIELDS}


def _parse(line: bytes) -> AuditEntry | None:
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or set(record) != set(_FIELDS):
        return None
    seq, when, action, detail, prev, digest = (record[name] for name in _FIELDS)
    if not (
        isinstance(seq, int)
        and not isinstance(seq, bool)
        and isinstance(when, str)
        and isinstance(action, str)
        and isinstance(detail, dict)
        and isinstance(prev, str)
        and isinstance(digest, str)
    ):
        return None
    return AuditEntry(seq, when, action, detail, prev, digest)
