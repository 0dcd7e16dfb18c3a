"""Keep the kiosk's English translation (Qt Linguist .ts / .qm) in step with its Chinese source strings.

The kiosk's screens (the citizen's, and the staff PIN pad and admin panel in
kiosk/admin/) pass zh_CN source strings to ``kiosk.widgets.tr(text,
disambiguation=None, n=-1)``, which calls ``QCoreApplication.translate("kiosk", …)``.
``pyside6-lupdate`` does not know that wrapper, so this script reads every
``kiosk/**/*.py`` with ``ast`` and collects:

- ``tr("…")`` literals (with their disambiguation and plural ``n``),
- ``QT_TRANSLATE_NOOP("kiosk", "…")`` / ``QT_TR_NOOP("…")`` markers for strings kept in constants,
- the strings behind ``tr(NAME)``, ``tr(self.title)``, ``tr(TABLE[key])``, ``tr(TABLE.get(key))``
  and ``for text in CONSTANTS: tr(text)`` when they are string constants of the same module.

A ``tr()`` argument it cannot follow (an f-string, a call, a value from elsewhere) is
reported as *unresolved* with its file and line, so no screen text slips through untranslated.
A Chinese literal in the citizen screens or in kiosk/admin/ that never reaches tr() is
reported as *hardcoded* (docstrings and a language's own name, "中文", excepted).

Commands (run from the repository root)::

    .venv/bin/python scripts/translations.py update   # extract, merge into the .ts, compile the .qm
    .venv/bin/python scripts/translations.py missing  # list strings without a finished translation
    .venv/bin/python scripts/translations.py fill FILE.json   # {"源文": "English", "%n 项": [one, many]}
    .venv/bin/python scripts/translations.py check    # exit 1 if anything is missing, unresolved, hardcoded
                                                      # or stale
    .venv/bin/python scripts/translations.py hardcoded  # only the Chinese literals that bypass tr()

The .ts keeps every existing translation; a message no longer in the code is kept but
marked ``vanished`` (it had a finished translation) or ``obsolete`` (it had none), as
lupdate does, and comes back as it was if the string returns.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KIOSK = ROOT / "kiosk"
TRANSLATIONS = ROOT / "assets" / "translations"
TS_FILE = TRANSLATIONS / "onestop_en.ts"
QM_FILE = TRANSLATIONS / "onestop_en.qm"
CONTEXT = "kiosk"
LANGUAGE = "en"
SOURCE_LANGUAGE = "zh_CN"
ENGLISH_PLURAL_FORMS = 2
FIX_COMMAND = ".venv/bin/python scripts/translations.py update && (translate, then) " \
              ".venv/bin/python scripts/translations.py fill FILE.json"
_MAX_RESOLVE_DEPTH = 6

Key = tuple[str, str]
"""(source, disambiguation comment); the comment is "" when there is none."""


class TranslationToolError(Exception):
    """The .ts file or the Qt tools are not usable; the message says what to do."""


# ---------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Location:
    file: Path
    line: int

    def __str__(self) -> str:
        return f"{_relative(self.file)}:{self.line}"


@dataclass
class FoundMessage:
    source: str
    comment: str
    numerus: bool
    locations: list[Location] = field(default_factory=list)


@dataclass(frozen=True)
class Unresolved:
    location: Location
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: tr({self.code}) — {self.reason}"


@dataclass
class Extraction:
    messages: dict[Key, FoundMessage] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)

    def add(self, source: str, comment: str, numerus: bool, where: Location) -> None:
        if not source.strip():
            return
        message = self.messages.setdefault((source, comment), FoundMessage(source, comment, numerus))
        message.numerus = message.numerus or numerus
        if where not in message.locations:
            message.locations.append(where)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


class _Bindings(ast.NodeVisitor):
    """What each name may hold in one module: assignments (any scope), class attributes, loop variables."""

    def __init__(self) -> None:
        self.names: dict[str, list[ast.expr]] = {}
        self.attributes: dict[str, list[ast.expr]] = {}

    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if value is None:
            return
        if isinstance(target, ast.Name):
            self.names.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id in ("self", "cls"):
            self.attributes.setdefault(target.attr, []).append(value)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for statement in node.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else (
                [statement.target] if isinstance(statement, ast.AnnAssign) else [])
            value = getattr(statement, "value", None)
            for target in targets:
                if isinstance(target, ast.Name) and value is not None:
                    self.attributes.setdefault(target.id, []).append(value)
        self.generic_visit(node)


def _enclosing_loops(call: ast.AST, parents: dict[ast.AST, ast.AST]) -> dict[str, ast.expr]:
    """Loop variables around ``call`` (nearest loop wins) and the iterable each runs over."""
    loops: dict[str, ast.expr] = {}
    node = parents.get(call)
    while node is not None:
        generators = [(node.target, node.iter)] if isinstance(node, ast.For) else [
            (g.target, g.iter) for g in getattr(node, "generators", [])]
        for target, iterable in generators:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    loops.setdefault(name.id, iterable)
        node = parents.get(node)
    return loops


class _Resolver:
    """Turns a tr() argument into the string constants it can hold, or says why it cannot."""

    def __init__(self, bindings: _Bindings, loops: dict[str, ast.expr]) -> None:
        self.bindings = bindings
        self.loops = loops

    def strings(self, node: ast.expr, depth: int = 0) -> list[str] | None:
        """The strings ``node`` may evaluate to; None when that cannot be known from the module."""
        if depth > _MAX_RESOLVE_DEPTH:
            return None
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else None
        if isinstance(node, ast.IfExp):
            return self._all([node.body, node.orelse], depth)
        if isinstance(node, ast.BoolOp):
            return self._all(node.values, depth)
        if isinstance(node, ast.Name):
            return self._name(node.id, depth)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in ("self", "cls"):
            return self._all(self.bindings.attributes.get(node.attr, []), depth, allow_empty=False)
        if isinstance(node, ast.Subscript):
            return self.values(node.value, depth + 1)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            return self.values(node.func.value, depth + 1)
        return None

    def values(self, node: ast.expr, depth: int) -> list[str] | None:
        """The strings held as values by a container (dict values, tuple/list items)."""
        if depth > _MAX_RESOLVE_DEPTH:
            return None
        if isinstance(node, ast.Dict):
            return self._all(node.values, depth)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = [e.elts if isinstance(e, ast.Tuple) else [e] for e in node.elts]
            flat = [x for group in items for x in group]
            found = [s for s in (self.strings(x, depth + 1) or [] for x in flat) for s in s]
            return found or None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("enumerate", "sorted", "reversed", "list", "tuple", "zip") and node.args:
            return self._all_values(node.args, depth)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("values", "items"):
            return self.values(node.func.value, depth + 1)
        if isinstance(node, ast.Name):
            bound = self.bindings.names.get(node.id, [])
            return self._all_values(bound, depth) if bound else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in ("self", "cls"):
            bound = self.bindings.attributes.get(node.attr, [])
            return self._all_values(bound, depth) if bound else None
        return None

    def _name(self, name: str, depth: int) -> list[str] | None:
        if name in self.loops:
            return self.values(self.loops[name], depth + 1)
        return self._all(self.bindings.names.get(name, []), depth, allow_empty=False)

    def _all(self, nodes: list[ast.expr], depth: int, allow_empty: bool = True) -> list[str] | None:
        if not nodes and not allow_empty:
            return None
        found: list[str] = []
        for node in nodes:
            strings = self.strings(node, depth + 1)
            if strings is None:
                return None
            found += strings
        return found

    def _all_values(self, nodes: list[ast.expr], depth: int) -> list[str] | None:
        found: list[str] = []
        for node in nodes:
            strings = self.values(node, depth + 1)
            if strings is None:
                return None
            found += strings
        return found


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        owner = node.func.value.id if isinstance(node.func.value, ast.Name) else ""
        return f"{owner}.{node.func.attr}" if owner in ("self", "cls") else node.func.attr
    return ""


def _argument(node: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(node.args) > position:
        return node.args[position]
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def _is_plural(n: ast.expr | None) -> bool:
    if n is None:
        return False
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub) and isinstance(n.operand, ast.Constant):
        return False
    return not (isinstance(n, ast.Constant) and n.value in (-1, None))


def _extract_module(path: Path, result: Extraction) -> None:
    try:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        result.unresolved.append(Unresolved(Location(path, exc.lineno or 0), "", f"syntax error: {exc.msg}"))
        return
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        result.unresolved.append(Unresolved(Location(path, 0), "", f"cannot read the file: {exc}"))
        return
    bindings = _Bindings()
    bindings.visit(tree)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        where = Location(path, node.lineno)
        if name in ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3") and len(node.args) >= 2:
            _extract_marker(node, node.args[0], node.args[1], where, result)
        elif name == "QT_TR_NOOP" and node.args:
            _extract_marker(node, None, node.args[0], where, result)
        elif name in ("self.tr", "cls.tr"):
            reason = "self.tr() translates in the class's own context; use kiosk.widgets.tr()"
            result.unresolved.append(Unresolved(where, _code(text, node), reason))
        elif name == "tr" and node.args:
            _extract_tr(node, text, _Resolver(bindings, _enclosing_loops(node, parents)), where, result)


def _extract_marker(node: ast.Call, context: ast.expr | None, source: ast.expr, where: Location,
                    result: Extraction) -> None:
    if context is not None and not (isinstance(context, ast.Constant) and context.value == CONTEXT):
        return
    if isinstance(source, ast.Constant) and isinstance(source.value, str):
        result.add(source.value, "", False, where)


def _extract_tr(node: ast.Call, text: str, resolver: _Resolver, where: Location, result: Extraction) -> None:
    comment_node = _argument(node, 1, "disambiguation")
    comment = ""
    if comment_node is not None:
        if not isinstance(comment_node, ast.Constant) or not isinstance(comment_node.value, str | None):
            result.unresolved.append(Unresolved(where, _code(text, node), "disambiguation is not a literal"))
            return
        comment = comment_node.value or ""
    numerus = _is_plural(_argument(node, 2, "n"))
    strings = resolver.strings(node.args[0])
    if strings is None:
        result.unresolved.append(Unresolved(
            where, _code(text, node.args[0]),
            "not a string literal or a constant of this module; pass a literal, or mark the constant with "
            "QT_TRANSLATE_NOOP(\"kiosk\", \"…\")"))
        return
    for source in strings:
        result.add(source, comment, numerus, where)


def _code(text: str, node: ast.AST) -> str:
    segment = ast.get_source_segment(text, node) or "…"
    return segment if len(segment) <= 80 else segment[:77] + "…"


def kiosk_sources(root: Path = KIOSK) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def extract(paths: list[Path] | None = None) -> Extraction:
    """Every translatable string of the kiosk's Python files, with where it is used."""
    result = Extraction()
    for path in paths if paths is not None else kiosk_sources():
        _extract_module(path, result)
    return result


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
OWN_LANGUAGE_NAMES = frozenset({"中文", "简体中文", "汉语", "普通话"})
"""A language switch names each language in that language: these stay Chinese in English mode."""
CITIZEN_FACING = ("kiosk/screens", "kiosk/window.py", "kiosk/idle.py")
"""Where all Chinese text is shown to a citizen and must go through tr()."""
STAFF_FACING = ("kiosk/admin",)
"""The PIN pad and the admin panel: hall staff read them in the kiosk's language too (issue 11)."""


def hardcoded_strings(paths: list[Path], extracted: Extraction | None = None) -> list[Unresolved]:
    """Chinese string literals in ``paths`` that never reach tr(): they would stay Chinese in English mode.

    A string standing alone as a statement (a module, class or function docstring, or the
    docstring under a constant) is never shown on screen and is skipped.
    """
    known = {key[0] for key in (extracted or extract()).messages}
    found: list[Unresolved] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            tree = ast.parse(text, filename=str(path))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            continue
        docstrings = {id(node.value) for node in ast.walk(tree)
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _HAN.search(node.value) \
                    and id(node) not in docstrings and node.value not in known \
                    and node.value not in OWN_LANGUAGE_NAMES:
                found.append(Unresolved(Location(path, node.lineno), repr(node.value)[:60],
                                        "Chinese text shown without tr()"))
    return found


def _sources(entries: tuple[str, ...]) -> list[Path]:
    paths: list[Path] = []
    for entry in entries:
        target = ROOT / entry
        paths += kiosk_sources(target) if target.is_dir() else [target] if target.exists() else []
    return paths


def citizen_facing_sources() -> list[Path]:
    return _sources(CITIZEN_FACING)


def staff_facing_sources() -> list[Path]:
    return _sources(STAFF_FACING)


def translated_sources() -> list[Path]:
    """Every file whose Chinese text must reach tr(): the citizen screens and the staff screens."""
    return _sources(CITIZEN_FACING + STAFF_FACING)


# ---------------------------------------------------------------- the .ts file


@dataclass
class TsMessage:
    source: str
    comment: str = ""
    numerus: bool = False
    translation: str = ""
    forms: list[str] = field(default_factory=list)
    kind: str = "unfinished"  # "" (finished), "unfinished", "vanished", "obsolete"
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.source, self.comment)

    @property
    def has_translation(self) -> bool:
        if self.numerus:
            return len(self.forms) >= ENGLISH_PLURAL_FORMS and all(f.strip() for f in self.forms)
        return bool(self.translation.strip())

    @property
    def finished(self) -> bool:
        return self.kind == "" and self.has_translation

    @property
    def live(self) -> bool:
        return self.kind in ("", "unfinished")


def read_ts(path: Path = TS_FILE) -> list[TsMessage]:
    """The messages of a .ts file (context "kiosk"); [] when the file does not exist yet."""
    if not path.exists():
        return []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise TranslationToolError(f"{_relative(path)} is not valid XML ({exc}); restore it from git") \
            from None
    messages: list[TsMessage] = []
    for context in root.iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for node in context.iter("message"):
            translation = node.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
            messages.append(TsMessage(
                source=node.findtext("source") or "",
                comment=node.findtext("comment") or "",
                numerus=node.get("numerus") == "yes",
                translation=(translation.text or "") if translation is not None and not forms else "",
                forms=forms,
                kind=translation.get("type", "") if translation is not None else "unfinished",
                locations=[(loc.get("filename", ""), int(loc.get("line", "0") or 0))
                           for loc in node.iter("location")],
            ))
    return messages


def write_ts(messages: list[TsMessage], path: Path = TS_FILE) -> None:
    root = ET.Element("TS", {"version": "2.1", "language": LANGUAGE, "sourcelanguage": SOURCE_LANGUAGE})
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for message in messages:
        node = ET.SubElement(context, "message", {"numerus": "yes"} if message.numerus else {})
        for filename, line in message.locations:
            ET.SubElement(node, "location", {"filename": filename, "line": str(line)})
        ET.SubElement(node, "source").text = message.source
        if message.comment:
            ET.SubElement(node, "comment").text = message.comment
        translation = ET.SubElement(node, "translation", {"type": message.kind} if message.kind else {})
        if message.numerus:
            forms = message.forms + [""] * (ENGLISH_PLURAL_FORMS - len(message.forms))
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = message.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def merge(existing: list[TsMessage], found: Extraction, ts_dir: Path = TRANSLATIONS) -> list[TsMessage]:
    """The .ts messages after an extraction: translations kept, new ones unfinished, gone ones vanished."""
    old = {m.key: m for m in existing}
    merged: list[TsMessage] = []
    for key, message in found.messages.items():
        entry = old.pop(key, None) or TsMessage(source=message.source, comment=message.comment)
        entry.numerus = message.numerus
        back_finished = entry.kind in ("", "vanished") and entry.has_translation
        entry.kind = "" if back_finished else "unfinished"
        entry.locations = [(os.path.relpath(loc.file, ts_dir), loc.line) for loc in message.locations]
        merged.append(entry)
    merged.sort(key=lambda m: (m.locations[0] if m.locations else ("", 0)))
    for gone in old.values():
        if gone.live:
            gone.kind = "vanished" if gone.finished else "obsolete"
        gone.locations = []
        merged.append(gone)
    return merged


def fill(messages: list[TsMessage], translations: dict[str, str | list[str]]) -> list[str]:
    """Set translations by source text; returns the sources of the table that match no live message."""
    by_source: dict[str, list[TsMessage]] = {}
    for message in messages:
        if message.live:
            by_source.setdefault(message.source, []).append(message)
    unknown: list[str] = []
    for source, english in translations.items():
        targets = by_source.get(source)
        if not targets:
            unknown.append(source)
            continue
        for message in targets:
            if message.numerus:
                message.forms = list(english) if isinstance(english, list) else [english, english]
            else:
                message.translation = english if isinstance(english, str) else english[0]
            message.kind = "" if message.has_translation else "unfinished"
    return unknown


# ---------------------------------------------------------------- checks and compiling


def placeholder_problems(message: TsMessage) -> list[str]:
    """Place markers (%1, %2, %n) of the source that a translation lost or added."""

    def markers(text: str) -> set[str]:
        return set(re.findall(r"%(?:\d+|n)", text))

    expected = markers(message.source)
    texts = message.forms if message.numerus else [message.translation]
    return [f"{message.source!r}: translation {t!r} has place markers {sorted(markers(t))}, "
            f"the source {sorted(expected)}" for t in texts if t and markers(t) != expected]


def lrelease() -> str:
    for candidate in (Path(sys.executable).parent / "pyside6-lrelease", ROOT / ".venv/bin/pyside6-lrelease"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not found:
        raise TranslationToolError("pyside6-lrelease not found: install PySide6-Essentials into .venv")
    return found


def compile_qm(ts: Path = TS_FILE, qm: Path = QM_FILE) -> None:
    """Compile the .ts into the .qm the kiosk loads (finished translations only).

    A translation that lost or gained a place marker (%1, %n) is refused: it would show a
    citizen a sentence with its number missing.
    """
    problems = [p for m in read_ts(ts) if m.live for p in placeholder_problems(m)]
    if problems:
        raise TranslationToolError("place markers differ, fix the translation(s): " + "; ".join(problems))
    command = [lrelease(), "-nounfinished", "-removeidentical", "-fail-on-invalid", str(ts), "-qm", str(qm)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0 or not qm.exists():
        output = result.stderr.strip() or result.stdout.strip()
        raise TranslationToolError(f"pyside6-lrelease failed: {output}")


def qm_is_current(ts: Path = TS_FILE, qm: Path = QM_FILE) -> bool:
    """True when compiling the .ts now gives exactly the .qm on disk."""
    if not qm.exists():
        return False
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh.qm"
        compile_qm(ts, fresh)
        return fresh.read_bytes() == qm.read_bytes()


@dataclass
class Report:
    missing: list[TsMessage]
    unresolved: list[Unresolved]
    placeholders: list[str]
    stale_qm: bool
    hardcoded: list[Unresolved] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unresolved or self.placeholders or self.stale_qm or self.hardcoded)


def check() -> Report:
    """What is wrong with the translation now (nothing is written)."""
    found = extract()
    messages = {m.key: m for m in read_ts()}
    missing = []
    for key, message in found.messages.items():
        entry = messages.get(key)
        if entry is None or not entry.finished or entry.numerus != message.numerus:
            missing.append(entry or TsMessage(source=message.source, comment=message.comment,
                                              numerus=message.numerus))
    placeholders = [p for m in messages.values() if m.live for p in placeholder_problems(m)]
    hardcoded = hardcoded_strings(translated_sources(), found)
    return Report(missing, found.unresolved, placeholders, not qm_is_current(), hardcoded)


def update() -> Report:
    found = extract()
    messages = merge(read_ts(), found)
    write_ts(messages)
    compile_qm()
    return check()


def _print_report(report: Report) -> None:
    for message in report.missing:
        print(f"missing English: {message.source!r}" + (f" ({message.comment})" if message.comment else ""))
    for unresolved in report.unresolved:
        print(f"unresolved: {unresolved}")
    for problem in report.placeholders:
        print(f"place markers: {problem}")
    for problem in report.hardcoded:
        print(f"hardcoded: {problem.location}: {problem.code} — wrap it in tr()")
    if report.stale_qm:
        print(f"stale: {_relative(QM_FILE)} does not match {_relative(TS_FILE)}")
    print("ok" if report.ok else f"to fix: {FIX_COMMAND}")


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract tr() strings, merge into the .ts, compile the .qm")
    commands.add_parser("check", help="exit 1 if English is missing, a tr() unresolved, Chinese text "
                                      "bypasses tr() or the .qm is stale")
    commands.add_parser("missing", help="print the untranslated strings as a JSON table to fill in")
    commands.add_parser("hardcoded", help="list Chinese literals of citizen and staff screens outside tr()")
    filler = commands.add_parser("fill", help="set translations from a JSON table {source: English}")
    filler.add_argument("table", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            report = update()
            _print_report(report)
            return 0
        if args.command == "check":
            report = check()
            _print_report(report)
            return 0 if report.ok else 1
        if args.command == "missing":
            table = {m.source: ([""] * ENGLISH_PLURAL_FORMS if m.numerus else "") for m in check().missing}
            print(json.dumps(table, ensure_ascii=False, indent=2))
            return 0
        if args.command == "hardcoded":
            problems = hardcoded_strings(translated_sources())
            for problem in problems:
                print(problem.location, problem.code, "—", problem.reason)
            return 1 if problems else 0
        table = json.loads(args.table.read_text(encoding="utf-8"))
        if not isinstance(table, dict):
            raise TranslationToolError(f"{args.table} must hold a JSON object {{source: English}}")
        messages = read_ts()
        unknown = fill(messages, table)
        write_ts(messages)
        compile_qm()
        for source in unknown:
            print(f"not in the .ts (run update first?): {source!r}")
        _print_report(check())
        return 0
    except (TranslationToolError, OSError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(_main())
