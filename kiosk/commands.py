"""The subcommands of main.py, each a small function; Qt is imported only by the GUI ones."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError


class UserFacingError(Exception):
    """Printed as one line by main.py; nothing else reaches the terminal."""


def dispatch(args: argparse.Namespace) -> int:
    handler = {
        "demo": _demo,
        "run": _run,
        "hub": _hub,
        "diag": _diag,
        "flows": _flows,
        "queue": _queue,
    }[args.command]
    try:
        return handler(args)
    except ConfigError as exc:
        raise UserFacingError(str(exc)) from None


def _settings(config: str | None, *, demo: bool):
    from kiosk.settings import load_settings

    overrides: dict[str, Any] = {}
    if demo:
        overrides["hub.embedded"] = True
    return load_settings(Path(config) if config else None, overrides)


def _demo(args: argparse.Namespace) -> int:
    if args.screenshots:  # each screen size gets its own X server and demo kiosk (in a temp folder)
        from kiosk.screenshots import walk_and_capture

        return walk_and_capture(Path(args.screenshots))
    settings = _settings(args.config, demo=True)
    from kiosk.runtime import build_runtime

    runtime = build_runtime(settings, demo=True, hub_after_start=True)  # the hub starts after the first frame
    from kiosk.app import run_gui

    return run_gui(runtime, demo=True, windowed=args.windowed,
                   config_path=Path(args.config) if args.config else None)


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args.config, demo=False)
    from kiosk.app import run_gui
    from kiosk.runtime import build_runtime

    return run_gui(build_runtime(settings, demo=False), demo=False, windowed=args.windowed,
                   config_path=Path(args.config))


def _hub(args: argparse.Namespace) -> int:
    return run_hub(list(args.hub_args))


def run_hub(argv: list[str]) -> int:
    """`main.py hub ...` → the hub's own CLI; with no subcommand it serves."""
    from hub.cli import main as hub_main

    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["serve", *argv]  # `main.py hub --port 8710` serves, as one would expect
    return hub_main(argv)


def _diag(args: argparse.Namespace) -> int:
    """Exit 0 when every device (or the live test) passed, 1 otherwise; `code` says why (OPERATIONS.md)."""
    from devices.diagnostics import run_diagnostics, run_live_test, write_support_bundle
    from devices.registry import build_devices
    from kiosk.logs import setup_logging

    settings = _settings(args.config, demo=args.config is None)
    # drivers' warnings go to the kiosk log (refusing personal data), not onto the technician's screen
    setup_logging(settings.terminal.data_dir, settings.sync.log_retention_days)
    devices = build_devices(settings.devices, settings.terminal.data_dir)
    try:
        if args.test:
            from kiosk.diag_progress import LiveTestProgress

            with LiveTestProgress(args.test, plain=args.json) as progress:
                report = run_live_test(devices, args.test, args.timeout, progress)
        else:
            report = run_diagnostics(devices, extra=_queue_extra(settings))
        if args.bundle:
            config_text = Path(args.config).read_text(encoding="utf-8") if args.config else ""
            write_support_bundle(Path(args.bundle), report, config_text, _log_paths(settings))
    finally:
        devices.close()
    _print(report, args.json)
    return 0 if report.get("ok", True) else 1


def _queue_extra(settings) -> dict[str, Any]:
    try:
        return {"queue": _queue_counts(settings)}
    except Exception as exc:  # diagnostics must still print with a broken outbox
        return {"queue": {"error": type(exc).__name__}}


def _log_paths(settings) -> list[Path]:
    return sorted((Path(settings.terminal.data_dir) / "logs").glob("*.log*"))


def _flows(args: argparse.Namespace) -> int:
    from flows.catalog import CatalogError, check_catalog, load_catalog

    if args.flows_command == "check":
        problems = check_catalog(Path(args.directory) if args.directory else None)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("catalog ok")
        return 1 if problems else 0
    from flows.stats import theme_stats

    try:
        catalog = load_catalog()
    except CatalogError as exc:
        raise UserFacingError(f"catalog: {exc}") from None
    rows = [s.as_dict() for s in theme_stats(catalog)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_stats_table(rows)
    return 0


def _print_stats_table(rows: list[dict[str, Any]]) -> None:
    header = (f"{'theme':<12}{'matters':>8}{'fields':>12}{'auto':>6}{'materials':>11}{'no e-lic.':>10}"
              f"{'visits':>8}{'days':>9}")
    print(header)
    for r in rows:
        print(
            f"{r['theme']:<12}{r['matters']:>8}{r['fields_before']:>6} → {r['fields_after']:<3}"
            f"{r['fields_autofilled']:>6}{r['materials_before']:>5} → {r['materials_after']:<3}"
            f"{r['materials_after_no_elicences']:>7}   "
            f"{r['visits_before']:>4} → {r['visits_after']:<2}{r['days_before']:>4} → {r['days_after']:<3}"
        )


def _queue_counts(settings) -> dict[str, int]:
    """Outbox counts by state, read-only (a technician's look never changes the queue)."""
    from offline_cache.queue_view import STATES, queue_report

    report = queue_report(Path(settings.terminal.data_dir) / "outbox.sqlite")
    return {state: report[state] for state in STATES}


def _queue(args: argparse.Namespace) -> int:
    """Counts, unsent items (no personal data) and the catalog in use; `--json` for scripts."""
    from offline_cache.queue_view import queue_report

    settings = _settings(args.config, demo=args.config is None)
    data_dir = Path(settings.terminal.data_dir)
    report = queue_report(data_dir / "outbox.sqlite", data_dir / "catalog")
    report["catalog_source"] = "hub" if report["catalog_version"] else "built-in"
    if report["catalog_version"] is None:
        from flows.catalog import CatalogError, load_catalog

        try:
            report["catalog_version"] = load_catalog().version
        except CatalogError as exc:
            raise UserFacingError(f"catalog: {exc}") from None
    if args.json:
        _print(report, True)
        return 0
    unsent = report.pop("unsent")
    _print(report, False)
    for item in unsent:
        error = f"  {item['last_error']}" if item["last_error"] else ""
        print(f"  {item['state']:<8}{item['kind']:<12}{item['application_id']}  {item['created_at']}{error}")
    return 0


def _print(data: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if isinstance(data, dict):
        for key, value in data.items():
            print(f"{key}: {value}")
    else:
        print(data)
