"""Command line for the catalog: ``flows stats [--json]`` and ``flows check [DIR]``.

main.py (``python main.py flows …``) hands its remaining arguments to :func:`main`;
``python -m flows …`` does the same without the kiosk.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence

from flows.catalog import CatalogError, check_catalog, load_catalog
from flows.stats import ThemeStats, theme_stats

_COLUMNS = (
    ("matters", "事项"),
    ("fields", "字段"),
    ("fields_autofilled", "自动填"),
    ("fields_manual", "手填"),
    ("materials", "材料"),
    ("materials_no_elicences", "无电子证照"),
    ("visits", "跑动"),
    ("days", "工作日"),
)


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to a display width, counting CJK characters as two columns."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    fill = " " * max(0, width - shown)
    return fill + text if right else text + fill


def _table(rows: list[ThemeStats]) -> str:
    lines = [_pad("theme", 12) + _pad("title", 14) + "".join(_pad(h, 12, True) for _k, h in _COLUMNS)]
    for r in rows:
        cells = [
            str(r.matters),
            f"{r.fields_before}→{r.fields_after}",
            str(r.fields_autofilled),
            str(r.fields_manual),
            f"{r.materials_before}→{r.materials_after}",
            f"{r.materials_before}→{r.materials_after_no_elicences}",
            f"{r.visits_before}→{r.visits_after}",
            f"{r.days_before}→{r.days_after}",
        ]
        lines.append(_pad(r.theme, 12) + _pad(r.title, 14) + "".join(_pad(c, 12, True) for c in cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a flows command; returns the process exit code (0 ok, 1 broken catalog, 2 usage)."""
    parser = argparse.ArgumentParser(prog="flows", description="catalog statistics and checks")
    sub = parser.add_subparsers(dest="command", required=True)
    stats = sub.add_parser("stats", help="before/after figures per theme")
    stats.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    stats.add_argument("--catalog", default=None, help="catalog directory (default flows/catalog)")
    check = sub.add_parser("check", help="list every problem in a catalog directory")
    check.add_argument("directory", nargs="?", default=None)
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check_catalog(args.directory)
        for p in problems:
            print(p)
        print("catalog ok" if not problems else f"{len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    try:
        rows = theme_stats(load_catalog(args.catalog))
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    else:
        print(_table(rows))
    return 0
