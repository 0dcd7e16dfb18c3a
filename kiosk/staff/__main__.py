"""Technician's console for the staff files: set the PIN, see its lock, check the audit log.

    python -m kiosk.staff set-pin --data-dir /var/lib/onestop        # asks twice, no echo
    python -m kiosk.staff pin-status --data-dir /var/lib/onestop
    python -m kiosk.staff audit-verify --data-dir /var/lib/onestop   # exit 1 when the chain is broken
    python -m kiosk.staff audit-show --data-dir /var/lib/onestop [--last 50]

Setting the PIN here is how a new terminal gets its first PIN (a terminal with
no PIN never opens admin mode) and how a locked-out PIN is replaced. Run as
root, the files are handed to the owner of the data folder so the kiosk can
read them. Every change is written to the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kiosk.staff import StaffFiles
from kiosk.staff.audit import AuditError, AuditLog
from kiosk.staff.pin import PinError, PinStore

EXIT_FAILURE = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk.staff", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in [
        ("set-pin", "set or replace the staff PIN (clears a lock)"),
        ("pin-status", "is a PIN set, wrong tries, lock"),
        ("audit-verify", "walk the audit log's hash chain"),
        ("audit-show", "print the audit log"),
    ]:
        command = sub.add_parser(name, help=text)
        command.add_argument("--data-dir", type=Path, required=True, help="the terminal's data folder")
        if name == "set-pin":
            command.add_argument("--pin-stdin", action="store_true", help="read the PIN as a line of stdin")
        if name == "audit-show":
            command.add_argument("--last", type=int, default=None, help="only the newest N entries")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    files = StaffFiles(args.data_dir)
    try:
        if args.command == "set-pin":
            return _set_pin(files, args.pin_stdin)
        if args.command == "pin-status":
            return _pin_status(files)
        if args.command == "audit-verify":
            check = AuditLog(files.audit).verify()
            print(f"audit log {'intact' if check.ok else 'BROKEN'}: {check.reason}")
            return 0 if check.ok else EXIT_FAILURE
        for entry in AuditLog(files.audit).entries(last=args.last):
            detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
            print(f"{entry.seq}\t{entry.time}\t{entry.action}\t{detail}")
        return 0
    except (PinError, AuditError) as exc:
        print(f"staff: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _set_pin(files: StaffFiles, from_stdin: bool) -> int:
    if from_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("new staff PIN (4-8 digits): ")
        if getpass.getpass("the same PIN again: ") != pin:
            print("staff: the two PINs differ; nothing changed", file=sys.stderr)
            return EXIT_FAILURE
    store = PinStore(files.pin)
    replacing = store.is_set()
    store.set_pin(pin)
    AuditLog(files.audit).append("pin.set", {"via": "console", "replaced": replacing})
    _give_to_data_dir_owner(files)
    print("staff PIN set")
    return 0


def _pin_status(files: StaffFiles) -> int:
    status = PinStore(files.pin).status()
    if not status.is_set:
        print("staff PIN: not set (admin mode stays closed; run set-pin)")
    elif status.locked_until is not None:
        until = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(status.locked_until))
        print(f"staff PIN: set; LOCKED until {until}")
    else:
        print(f"staff PIN: set; {status.failures} wrong tries since the last success")
    return 0


def _give_to_data_dir_owner(files: StaffFiles) -> None:
    """Run as root, hand the new files to whoever owns the data folder (the kiosk's user)."""
    if os.geteuid() != 0:
        return
    owner = Path(files.data_dir).stat()
    if owner.st_uid == 0:
        return
    made = (files.pin.parent, files.pin, files.audit.parent, files.audit, AuditLog(files.audit).head_path)
    for path in made:
        if path.exists():
            os.chown(path, owner.st_uid, owner.st_gid)


if __name__ == "__main__":
    sys.exit(main())
