"""OneStop Kiosk — one entry point for the terminal, its hub and its tools.

    python main.py demo [--windowed] [--screenshots DIR]   kiosk with simulated devices and an embedded hub
    python main.py run --config FILE [--windowed]          kiosk as configured
    python main.py hub [--db URL] [--host H] [--port P]    reference central hub
    python main.py diag [--config FILE] [--json] [--test idcard|pcsc|printer|camera] [--bundle ZIP]
    python main.py flows check [DIR] | flows stats [--json]
    python main.py queue [--config FILE] [--json]

Every failure a person can cause (bad arguments, a broken config file, a
missing device) ends in one line naming the problem and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_USAGE = 2
EXIT_FAILURE = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage problem in one line instead of usage + error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="OneStop Kiosk — 一网通办 self-service terminal")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    demo = sub.add_parser("demo", help="kiosk with simulated devices and an embedded hub")
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    demo.add_argument("--config", help="TOML file applied on top of the demo defaults")
    demo.add_argument("--screenshots", metavar="DIR", help="walk every theme, save one PNG per screen, exit")

    run = sub.add_parser("run", help="kiosk as configured")
    run.add_argument("--config", required=True, help="the terminal's TOML file")
    run.add_argument("--windowed", action="store_true")

    hub = sub.add_parser(
        "hub", help="reference central hub", add_help=False,
        description="serve (default) | add-terminal ID | revoke-terminal ID | list-terminals | openapi",
    )
    hub.add_argument("hub_args", nargs=argparse.REMAINDER, help="hub subcommand and its options")

    diag = sub.add_parser("diag", help="device diagnostics for technicians")
    diag.add_argument("--config", help="the terminal's TOML file (default: demo devices)")
    diag.add_argument("--json", action="store_true")
    diag.add_argument("--test", choices=["idcard", "pcsc", "printer", "camera"], help="one live test")
    diag.add_argument("--timeout", type=float, default=10.0, help="seconds a live test waits")
    diag.add_argument("--bundle", metavar="ZIP", help="write a support bundle")

    flows = sub.add_parser("flows", help="the catalog: check files, print figures")
    flows_sub = flows.add_subparsers(dest="flows_command", required=True, parser_class=_Parser)
    check = flows_sub.add_parser("check", help="validate catalog files")
    check.add_argument("directory", nargs="?", help="catalog folder (default: the built-in one)")
    stats = flows_sub.add_parser("stats", help="fields, materials, visits and days before/after per theme")
    stats.add_argument("--json", action="store_true")

    queue = sub.add_parser("queue", help="the outbox: counts by state")
    queue.add_argument("--config", help="the terminal's TOML file")
    queue.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["hub"]:  # the hub has its own command line; hand it everything after "hub"
        from kiosk.commands import run_hub

        return run_hub(argv[1:])
    args = build_parser().parse_args(argv)
    from kiosk import commands  # late: `--help` and usage errors stay instant

    try:
        return commands.dispatch(args)
    except commands.UserFacingError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
