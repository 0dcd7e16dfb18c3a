"""Hall staff's commands for progress tracking (added to `python main.py hub …` by hub/cli.py).

add-department NAME --matters IDS      make a department's credentials (prints the secret once)
list-departments                        departments and their matters
set-status APP_NUMBER MATTER STATUS    move a matter as a department would (same rules, stored as staff)
show-application APP_NUMBER            every matter's status and every move
"""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub.errors import HubConfigError, HubError
from hub.matter_status import IllegalChange, StatusChange, parse_status
from hub.tracking import matter_out

COMMANDS = ("add-department", "list-departments", "set-status", "show-application")


def add_commands(sub: Any, with_db: Callable[[argparse.ArgumentParser], argparse.ArgumentParser]) -> None:
    add = with_db(sub.add_parser("add-department", help="register a department and print its secret"))
    add.add_argument("department_id")
    add.add_argument(
        "--matters", required=True, help="comma-separated matter ids, e.g. food_business,fire_safety"
    )
    add.add_argument("--secret", help="use this secret instead of a random one (at least 16 characters)")
    with_db(sub.add_parser("list-departments", help="list departments and their matters"))
    move = with_db(sub.add_parser("set-status", help="move one matter of an application (hall staff)"))
    move.add_argument("application_number", help="the short number on the receipt, e.g. XH0001-261201-0007-B")
    move.add_argument("matter", help="the matter id, e.g. food_business")
    move.add_argument(
        "status",
        help="accepted, not_accepted, reviewing, needs_supplement, decided, delivered "
        "(or the Chinese: 已受理 …)",
    )
    move.add_argument("--note", default="", help="reason, or what is missing")
    move.add_argument("--outcome", choices=("granted", "denied"), help="with decided")
    move.add_argument("--delivery", choices=("pickup", "courier"), help="with delivered")
    move.add_argument("--courier-number", default="", help="with --delivery courier")
    move.add_argument("--staff", default="cli", help="who is making the change (kept with it)")
    show = with_db(sub.add_parser("show-application", help="an application's matters and their history"))
    show.add_argument("application_number")


def run(service: Any, args: argparse.Namespace) -> int:
    """Run one of COMMANDS against an open hub service; errors become one line and exit 1."""
    try:
        return _run(service, args)
    except IllegalChange as exc:
        print(f"hub: {exc.message_zh} ({exc.message_en})", file=sys.stderr)
    except HubError as exc:
        print(f"hub: {exc.message}", file=sys.stderr)
    return 1


def _run(service: Any, args: argparse.Namespace) -> int:
    if args.command == "add-department":
        print(service.departments.register(args.department_id, args.matters.split(","), args.secret))
    elif args.command == "list-departments":
        for dept in service.departments.list():
            state = "enabled" if dept.enabled else "revoked"
            print(f"{dept.department_id}\t{state}\t{','.join(sorted(dept.matters))}")
    elif args.command == "set-status":
        change = StatusChange(
            parse_status(args.status), args.note, args.outcome, args.delivery, args.courier_number
        )
        row = service.progress.change(
            args.application_number, args.matter, change, actor=f"staff:{args.staff}"
        )
        out = matter_out(row, service.progress.today())
        due = f", due {out.due_on}" if out.due_on else ""
        print(f"{out.application_number} {out.matter_id}: {out.status_zh} {out.status_en}{due}")
    elif args.command == "show-application":
        number = service.progress.canonical(args.application_number)
        rows = service.progress.matters_of(number)
        if not rows:
            print(f"hub: no tracked application {number}", file=sys.stderr)
            return 1
        today = service.progress.today()
        for row in rows:
            out = matter_out(row, today)
            print(
                f"{out.matter_id}\t{out.status_zh}\t{out.department_zh}\t"
                f"due {out.due_on or '-'}\t{out.timeliness}"
            )
        for matter_id, status, note, actor, at in service.progress.events(number):
            print(f"  {at}\t{matter_id}\t{status}\t{actor}\t{note}")
    return 0


def read_webhook_secret(path: Path | None) -> str:
    """The first line of the webhook secret file (at least 16 characters)."""
    if path is None:
        raise HubConfigError("--webhook-url needs --webhook-secret-file (the secret that signs each notice)")
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise HubConfigError(f"cannot read the webhook secret file {path}: {exc}") from exc
    secret = lines[0].strip() if lines else ""
    if len(secret) < 16:
        raise HubConfigError("the webhook secret must be at least 16 characters long")
    return secret
