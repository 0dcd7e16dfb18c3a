"""The staff core and the watchdog protocol stay Qt-free and never reach into the rest of kiosk.

Checked twice: statically (every import statement, lazy ones inside functions too)
and at run time (what a fresh interpreter has loaded after importing them).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = [*sorted((ROOT / "kiosk" / "staff").glob("*.py")), ROOT / "kiosk" / "watchdog.py"]
ALLOWED_KIOSK = ("kiosk.staff", "kiosk.watchdog")


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def forbidden(name: str) -> bool:
    top = name.split(".")[0]
    if top == "PySide6":
        return True
    return top == "kiosk" and name != "kiosk" and not name.startswith(ALLOWED_KIOSK)


@pytest.mark.parametrize("path", QT_FREE, ids=lambda p: p.name)
def test_no_qt_or_kiosk_import_statements(path: Path) -> None:
    bad = sorted(name for name in imported_names(path) if forbidden(name))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_forbidden_rule_itself() -> None:
    assert forbidden("PySide6.QtCore") and forbidden("kiosk.window") and forbidden("kiosk.settings")
    assert not forbidden("kiosk.staff.pin") and not forbidden("kiosk.watchdog") and not forbidden("json")


def test_nothing_qt_is_loaded_at_run_time() -> None:
    modules = ["kiosk.staff", "kiosk.staff.pin", "kiosk.staff.audit", "kiosk.staff.gesture"]
    modules += ["kiosk.staff.__main__", "kiosk.watchdog"]
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(result.stdout)
    assert "kiosk.staff.pin" in loaded
    assert not [name for name in loaded if forbidden(name)]
