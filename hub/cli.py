"""Command line of the reference hub: serve, manage terminal credentials, dump OpenAPI.

python -m hub serve --db sqlite:///hub.db --host 127.0.0.1 --port 8700
python -m hub serve --db postgresql://hub@db/hub --workers 4 --no-demo      # several processes, no /docs
python -m hub add-terminal XH-001 --db sqlite:///hub.db     # prints the new secret once
python -m hub revoke-terminal XH-001 --db ...
python -m hub list-terminals --db ...
python -m hub add-supervisor NAME --db ... [--password-file FILE]   # fleet login; prompts without a file
python -m hub remove-supervisor NAME --db ... ; python -m hub list-supervisors --db ...
python -m hub publish-catalog DIR --db ...   # flows' checks, then the next catalog version
python -m hub openapi > hub/openapi.json
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from hub import progress_cli
from hub.catalog import DEFAULT_CATALOG_DIR
from hub.errors import HubConfigError
from hub.settings import DEFAULT_DB_URL, HubSettings

DB_HELP = "sqlite:///path/hub.db or postgresql://user@host:port/db (env ONESTOP_HUB_DB)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hub", description="OneStop reference hub")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=os.environ.get("ONESTOP_HUB_DB", DEFAULT_DB_URL), help=DB_HELP)
        p.add_argument(
            "--key-file",
            type=Path,
            default=None,
            help="master key sealing terminal secrets (0600; default hub.key beside a SQLite db, "
            "env ONESTOP_HUB_KEY_FILE)",
        )
        return p

    serve = with_db(sub.add_parser("serve", help="run the hub in the foreground"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument(
        "--catalog-dir", type=Path, default=DEFAULT_CATALOG_DIR,
        help="published at start only while the hub has no catalog; later ones go through publish-catalog",
    )
    serve.add_argument("--no-demo", action="store_true", help="do not serve the demo citizens' profiles")
    serve.add_argument(
        "--workers", type=int, default=int(os.environ.get("ONESTOP_HUB_WORKERS", "1")),
        help="hub processes sharing the port (PostgreSQL for more than 1; env ONESTOP_HUB_WORKERS)",
    )
    docs = serve.add_mutually_exclusive_group()
    docs.add_argument(
        "--docs", dest="api_docs", action="store_true", default=None, help="serve /docs and /openapi.json"
    )
    docs.add_argument(
        "--no-docs", dest="api_docs", action="store_false", help="no API docs (the default without demo data)"
    )
    serve.add_argument("--webhook-url", help="offer every matter status change to this URL (SMS / app push)")
    serve.add_argument("--webhook-secret-file", type=Path, help="first line: the secret signing each notice")

    add = with_db(sub.add_parser("add-terminal", help="register a terminal and print its secret"))
    add.add_argument("terminal_id")
    add.add_argument("--secret", help="use this secret instead of a random one (at least 16 characters)")

    revoke = with_db(sub.add_parser("revoke-terminal", help="refuse a terminal's requests from now on"))
    revoke.add_argument("terminal_id")

    with_db(sub.add_parser("list-terminals", help="list registered terminals"))

    supervisor = with_db(
        sub.add_parser("add-supervisor", help="create (or reset) a fleet page login")
    )
    supervisor.add_argument("name")
    supervisor.add_argument(
        "--password-file", type=Path, help="read the password from the first line of this file (else prompt)"
    )
    remove = with_db(sub.add_parser("remove-supervisor", help="delete a supervisor login and its sessions"))
    remove.add_argument("name")
    with_db(sub.add_parser("list-supervisors", help="list supervisor logins"))
    progress_cli.add_commands(sub, with_db)
    publish = sub.add_parser(
        "publish-catalog", help="check a catalog folder as `flows check` does, publish it as the next version"
    )
    publish.add_argument("directory", type=Path)
    publish.add_argument("--db", default=os.environ.get("ONESTOP_HUB_DB", DEFAULT_DB_URL), help=DB_HELP)
    sub.add_parser("openapi", help="print the OpenAPI document")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return _run(args)
    except HubConfigError as exc:
        print(f"hub: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.command == "openapi":
        print(openapi_text())
        return 0
    if args.command == "publish-catalog":
        return _publish_catalog(args.directory, args.db)
    if args.command == "serve":
        from hub.server import serve_forever

        webhook = {}
        if args.webhook_url:
            secret = progress_cli.read_webhook_secret(args.webhook_secret_file)
            webhook = {"webhook_url": args.webhook_url, "webhook_secret": secret}
        if args.workers < 1:
            raise HubConfigError("--workers must be at least 1")
        settings = HubSettings(
            db_url=args.db, key_path=args.key_file, catalog_dir=args.catalog_dir, demo_data=not args.no_demo,
            api_docs=args.api_docs, workers=args.workers, **webhook,
        )
        serve_forever(settings, args.host, args.port)
        return 0
    from hub.service import open_hub

    service = open_hub(HubSettings(db_url=args.db, key_path=args.key_file, demo_data=False))
    try:
        if args.command in progress_cli.COMMANDS:
            return progress_cli.run(service, args)
        if args.command == "add-terminal":
            secret = service.terminals.register(args.terminal_id, args.secret)
            print(secret)
        elif args.command == "revoke-terminal":
            if not service.terminals.revoke(args.terminal_id):
                print(f"hub: no terminal {args.terminal_id!r}", file=sys.stderr)
                return 1
        elif args.command == "list-terminals":
            for info in service.terminals.list():
                print(f"{info.terminal_id}\t{'enabled' if info.enabled else 'revoked'}\t{info.created_at}")
        elif args.command == "add-supervisor":
            added = service.supervisors.add(args.name, _read_password(args.password_file))
            print(f"supervisor {added.name} can now log in at /fleet/login")
        elif args.command == "remove-supervisor":
            if not service.supervisors.remove(args.name):
                print(f"hub: no supervisor {args.name!r}", file=sys.stderr)
                return 1
        elif args.command == "list-supervisors":
            for account in service.supervisors.list():
                print(f"{account.name}\t{account.created_at}")
    finally:
        service.close()
    return 0


def _publish_catalog(directory: Path, db_url: str) -> int:
    """Check, then publish; a refused folder prints every problem (file:line: path: message), exit 1."""
    from hub.catalog import CatalogRefused, CatalogStore
    from hub.db import open_database
    from hub.schema import create_schema

    db = open_database(db_url)
    try:
        create_schema(db)
        try:
            done = CatalogStore(db).publish_checked(directory)
        except CatalogRefused as exc:
            print(f"hub: {exc}", file=sys.stderr)
            return 1
    finally:
        db.close()
    if done.changed:
        print(f"published catalog number {done.number}: {done.version} ({done.files} files)")
    else:
        print(f"unchanged: catalog number {done.number} ({done.version}) is already this content")
    return 0


def _read_password(path: Path | None) -> str:
    """The first line of the password file, or typed twice at a prompt (never echoed)."""
    if path is not None:
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise HubConfigError(f"cannot read the password file {path}: {exc}") from exc
        return lines[0] if lines else ""
    first = getpass.getpass("new supervisor password: ")
    if getpass.getpass("again: ") != first:
        raise HubConfigError("the two passwords differ: nothing was changed")
    return first


def openapi_text() -> str:
    """The OpenAPI document as checked in at hub/openapi.json (sorted keys, 2-space indent)."""
    from hub.app import create_app

    schema = create_app(_SchemaOnly()).openapi()  # type: ignore[arg-type]
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class _SchemaOnly:
    """Just enough of a HubService for FastAPI to build the schema without a database."""

    class settings:
        max_body_bytes = 0
        signature_window_s = 0

        @staticmethod
        def docs_enabled() -> bool:
            return True

    class terminals:
        secret_for = cached_secret = still_enabled = staticmethod(lambda *a: None)

    nonces = None
    departments = progress = None
