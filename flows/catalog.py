"""Load and check the catalog files (YAML under flows/catalog/) into a :class:`Catalog`.

The catalog is data, edited by people who are not programmers, and shipped to
kiosks by the hub. A broken file must never take a kiosk down: every problem is
reported with the file, the line, the path inside the file and the field, and
:func:`reload_catalog` keeps the last good catalog when a new one is broken, and
:func:`load_catalog_from` starts a kiosk on the catalog it stored from the hub.

Parsing YAML is most of a load (PyYAML's C parser still builds every node and its position in
Python objects, ~15 ms for the built-in catalog). A kiosk therefore keeps what it parsed, as JSON,
in a folder of its data directory (:class:`ParsedCache`, keyed by the files' bytes): the next start
reads that in well under a millisecond and validates it as always. The nodes with their line
numbers are composed again only when a problem has to be located.

Layout of a catalog directory::

    elements.yaml        sections: [...]; elements: {element_id: DataElement}
    materials.yaml       materials: {material_id: Material}
    matters/<id>.yaml    one Matter each
    themes/<id>.yaml     one Theme each
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from flows.conditions import referenced_vars, rule_problems
from flows.model import Catalog, DataElement, Material, Matter, Section, Theme
from flows.validation import value_problem

if TYPE_CHECKING:
    import yaml

log = logging.getLogger(__name__)

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "catalog"
MAX_FILE_BYTES = 2_000_000
MAX_FILES = 500
PARSE_FORMAT = "1"
"""Part of a ParsedCache key: change it when the reading of a file changes (the loader's rules)."""


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong in a catalog file, located as precisely as the file allows."""

    file: str
    line: int | None
    path: str
    message: str

    @property
    def field(self) -> str:
        """The last part of the path: the field the problem is about."""
        return self.path.rsplit(".", 1)[-1] if self.path else ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(file)'}: {self.message}"


class CatalogError(Exception):
    """The catalog could not be loaded; ``problems`` lists everything found, the first is the headline."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        self.file, self.line, self.path, self.field = first.file, first.line, first.path, first.field
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"catalog is broken: {first}{more}")


@functools.cache
def _loader_class() -> type:
    """A safe loader (libyaml's where PyYAML has it) that refuses duplicate keys (PyYAML silently
    keeps the last one). Made, and PyYAML imported, at the first file parsed: a kiosk whose
    catalog is in its ParsedCache starts without PyYAML."""
    import yaml

    class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return UniqueKeyLoader


def _loader(text: str) -> Any:
    return _loader_class()(text)


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
    """The mapping, refusing a key written twice. A mapping with as many keys as pairs has none
    (the common case: one comparison); otherwise the pairs are gone through to name the
    duplicate and its line. A merge key (`<<`) is refused as before (no constructor for it)."""
    if any(key_node.tag == _MERGE_TAG for key_node, _value in node.value):
        _refuse_duplicates(loader, node, deep)
    mapping = loader.construct_mapping(node, deep=deep)
    if len(mapping) != len(node.value):
        _refuse_duplicates(loader, node, deep)
    return mapping


def _refuse_duplicates(loader: Any, node: yaml.MappingNode, deep: bool) -> None:
    import yaml

    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line


class _LoadedFile(msgspec.Struct):
    """A parsed YAML file and its text, so a path can be turned back into a line: through the node
    tree the parse left (`root`), or, for data read from a ParsedCache, one composed when asked."""

    name: str
    data: Any
    text: str
    root: yaml.Node | None = None
    _composed: bool = False

    def nodes(self) -> yaml.Node | None:
        if self.root is None and not self._composed:
            import yaml

            self._composed = True
            loader = _loader(self.text)
            try:
                self.root = loader.get_single_node()
            except yaml.YAMLError:  # it parsed once (its data is here): not expected
                self.root = None
            finally:
                loader.dispose()
        return self.root

    def line_of(self, path: Iterable[Any]) -> int | None:
        node = self.nodes()
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            node = _child(node, part)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.name, self.line_of(path), ".".join(str(p) for p in path), message)


def _child(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(part):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _read_yaml(path: Path, directory: Path, parsed: dict[str, Any] | None = None
               ) -> tuple[_LoadedFile | None, list[Problem]]:
    """One file: its data from `parsed` (a ParsedCache's, for exactly these bytes) or YAML."""
    name = path.relative_to(directory).as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, None, "", f"cannot read the file: {exc.strerror}")]
    return _parse(name, raw, parsed)


def _parse(name: str, raw: bytes, parsed: dict[str, Any] | None = None
           ) -> tuple[_LoadedFile | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(name, None, "", f"file is larger than {MAX_FILE_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, "", f"not UTF-8 text (byte {exc.start})")]
    if parsed is not None and name in parsed:
        return _LoadedFile(name, parsed[name], text), []
    import yaml

    try:
        loader = _loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [Problem(name, line, "", f"YAML syntax: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, "", f"YAML syntax: {exc}")]
    except RecursionError:
        return None, [Problem(name, None, "", "nested too deeply")]
    return _LoadedFile(name, data, text, root), []


def _yaml_installed() -> str:
    """PyYAML's installed files (names, sizes, times), known without importing it: another
    PyYAML might read the same bytes otherwise."""
    spec = importlib.util.find_spec("yaml")
    if spec is None or spec.origin is None:
        return "no-yaml"
    parts = []
    for entry in sorted(Path(spec.origin).parent.iterdir()):
        if entry.is_file():
            info = entry.stat()
            parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(parts)


class ParsedCache:
    """What a kiosk parsed of a catalog, as JSON, in a folder of its own (the data directory's).

    Keyed by the SHA-256 of every file's name and bytes, the PyYAML version and PARSE_FORMAT, so
    an entry is only ever used for the very bytes it was parsed from; the data read back is then
    validated as if just parsed. Written only for a catalog that loaded without a problem, and
    only when JSON gives back exactly what YAML gave (no dates, sets or non-text keys); one entry
    is kept. A folder that cannot be read or written costs a parse, never a start.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(files: list[tuple[str, bytes]]) -> str:
        digest = hashlib.sha256(f"{PARSE_FORMAT}\0{_yaml_installed()}\0".encode())
        for name, raw in files:
            digest.update(name.encode("utf-8") + b"\0" + str(len(raw)).encode() + b"\0" + raw)
        return digest.hexdigest()[:32]

    def read(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def write(self, key: str, parsed: dict[str, Any]) -> None:
        try:
            text = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            if json.loads(text) != parsed:
                return  # JSON would not give back what YAML gave: parse this catalog each time
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{key}.json"
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
            for old in self.folder.iterdir():
                if old != target and old.suffix in (".json", ".tmp"):
                    old.unlink(missing_ok=True)
        except (OSError, TypeError, ValueError) as exc:
            log.debug("parsed catalog not kept: %s", type(exc).__name__)


def _validate(model: type[msgspec.Struct], file: _LoadedFile, data: Any, prefix: tuple[Any, ...]) -> Any:
    """The model made from `data`, or its first problem located in the file (msgspec stops there)."""
    try:
        return msgspec.convert(data, model, strict=True), []
    except msgspec.ValidationError as exc:
        where, message = _located(str(exc))
        return None, [file.problem(prefix + where, message)]


_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<key>[^`]*)`$")


def _located(text: str) -> tuple[tuple[Any, ...], str]:
    """msgspec's "message - at `$.form[2].id`" as (("form", 2, "id"), message).

    An unknown key is reported at the mapping that holds it; the key itself is added to the
    path, so the problem points at its line.
    """
    match = _AT.match(text)
    assert match is not None  # the pattern matches any text
    path: list[Any] = [name if name else int(index) for name, index in _PART.findall(match["path"] or "")]
    message = match["message"]
    unknown = _UNKNOWN.match(message)
    if unknown is not None:
        path.append(unknown["key"])
        message = f"unknown key {unknown['key']!r}"
    return tuple(path), message


def _mapping(file: _LoadedFile, key: str) -> tuple[dict, list[Problem]]:
    if not isinstance(file.data, dict):
        return {}, [file.problem((), "the file must be a mapping")]
    value = file.data.get(key)
    if not isinstance(value, dict | list):
        return {}, [file.problem((key,), f"missing or not a mapping/list: {key!r}")]
    return value, []


class _CatalogBuilder:
    """Reads every file of a catalog directory, collecting problems instead of stopping at the first."""

    def __init__(self, directory: Path, parsed_cache: ParsedCache | None = None) -> None:
        self.directory = directory
        self.parsed_cache = parsed_cache
        self._raw: dict[Path, bytes | OSError] = {}
        self._parsed: dict[str, Any] | None = None  # the cache's data for these bytes, if it had it
        self.cache_key: str | None = None
        self.problems: list[Problem] = []
        self.sections: list[Section] = []
        self.elements: dict[str, DataElement] = {}
        self.materials: dict[str, Material] = {}
        self.matters: dict[str, Matter] = {}
        self.themes: list[Theme] = []
        self.files: dict[str, _LoadedFile] = {}
        self.texts: dict[str, str] = {}

    def _load(self, path: Path) -> _LoadedFile | None:
        name = path.relative_to(self.directory).as_posix()
        raw = self._raw.get(path)
        if raw is None:
            loaded, problems = _read_yaml(path, self.directory)
        elif isinstance(raw, OSError):
            loaded, problems = None, [Problem(name, None, "", f"cannot read the file: {raw.strerror}")]
        else:
            loaded, problems = _parse(name, raw, self._parsed)
        self.problems += problems
        if loaded is not None:
            self.files[loaded.name] = loaded
            self.texts[loaded.name] = loaded.text
        return loaded

    def read_all(self) -> None:
        if not self.directory.is_dir():
            self.problems.append(Problem(str(self.directory), None, "", "catalog directory does not exist"))
            return
        kinds = [("matters", Matter, self.matters), ("themes", Theme, None)]
        listed = [(kind, model, target, self._yaml_files(kind)) for kind, model, target in kinds]
        if self.parsed_cache is not None:
            self._look_up([self.directory / "elements.yaml", self.directory / "materials.yaml",
                           *(path for *_, paths in listed for path in paths)])
        self._read_elements()
        self._read_materials()
        for _kind, model, target, paths in listed:
            for path in paths:
                self._read_one(path, model, target)

    def _look_up(self, paths: list[Path]) -> None:
        """Read every file's bytes once, and what the cache parsed of exactly these bytes."""
        assert self.parsed_cache is not None
        named: list[tuple[str, bytes]] = []
        for path in paths:
            try:
                raw: bytes | OSError = path.read_bytes()
            except OSError as exc:
                raw = exc
            self._raw[path] = raw
            name = path.relative_to(self.directory).as_posix()
            named.append((name, raw if isinstance(raw, bytes) else b""))
        self.cache_key = ParsedCache.key(named)
        self._parsed = self.parsed_cache.read(self.cache_key)

    def keep_parsed(self) -> None:
        """A catalog that loaded without a problem: keep what was parsed, unless the cache had it."""
        if self.parsed_cache is not None and self.cache_key is not None and self._parsed is None:
            self.parsed_cache.write(self.cache_key, {name: file.data for name, file in self.files.items()})

    def _yaml_files(self, sub: str) -> list[Path]:
        folder = self.directory / sub
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not files:
            self.problems.append(Problem(sub + "/", None, "", f"no {sub} files (*.yaml)"))
        return files[:MAX_FILES]

    def _read_elements(self) -> None:
        file = self._load(self.directory / "elements.yaml")
        if file is None:
            return
        if isinstance(file.data, dict):
            for extra in sorted(set(map(str, file.data)) - {"sections", "elements", "anchors"}):
                self.problems.append(file.problem((extra,), f"unknown top-level key {extra!r}"))
        raw_sections, problems = _mapping(file, "sections")
        self.problems += problems
        for i, raw in enumerate(raw_sections if isinstance(raw_sections, list) else []):
            section, problems = _validate(Section, file, raw, ("sections", i))
            self.problems += problems
            if section:
                self.sections.append(section)
        raw_elements, problems = _mapping(file, "elements")
        self.problems += problems
        for key, raw in (raw_elements.items() if isinstance(raw_elements, dict) else []):
            element, problems = _validate(DataElement, file, raw, ("elements", key))
            self.problems += problems
            if element:
                self.elements[str(key)] = element

    def _read_materials(self) -> None:
        file = self._load(self.directory / "materials.yaml")
        if file is None:
            return
        raw_materials, problems = _mapping(file, "materials")
        self.problems += problems
        for key, raw in (raw_materials.items() if isinstance(raw_materials, dict) else []):
            material, problems = _validate(Material, file, raw, ("materials", key))
            self.problems += problems
            if material:
                self.materials[str(key)] = material

    def _read_one(self, path: Path, model: type[Matter] | type[Theme], target: dict | None) -> None:
        file = self._load(path)
        if file is None:
            return
        item, problems = _validate(model, file, file.data, ())
        self.problems += problems
        if item is None:
            return
        if item.id != path.stem:
            message = f"id {item.id!r} differs from the file name {path.stem!r}"
            self.problems.append(file.problem(("id",), message))
        if target is not None:
            target[item.id] = item
        else:
            self.themes.append(item)

    def check_references(self) -> None:
        self.problems += list(_reference_problems(self))

    def build(self) -> Catalog:
        return Catalog(
            version=catalog_version(self.texts),
            sections=tuple(self.sections),
            elements=self.elements,
            materials=self.materials,
            matters=self.matters,
            themes=tuple(sorted(self.themes, key=lambda t: (t.order, t.id))),
        )


def _reference_problems(b: _CatalogBuilder) -> Iterator[Problem]:
    """Everything that names something else must name something that exists."""
    el_file = b.files.get("elements.yaml")
    section_ids = {s.id for s in b.sections}
    for key, element in b.elements.items():
        if el_file is None:
            break
        yield from _element_problems(el_file, key, element, section_ids, b.elements)
    if el_file is not None and "declarations" not in section_ids:
        yield el_file.problem(("sections",), "section 'declarations' (for per-matter fields) is missing")
    all_question_ids = {q.id for t in b.themes for q in t.questions()}
    for matter in b.matters.values():
        file = b.files[f"matters/{matter.id}.yaml"]
        for i, field in enumerate(matter.form):
            if field.element not in b.elements:
                yield file.problem(("form", i, "element"), f"unknown data element {field.element!r}")
        for i, req in enumerate(matter.materials):
            if req.material not in b.materials:
                yield file.problem(("materials", i, "material"), f"unknown material {req.material!r}")
            yield from _rule_located(file, ("materials", i, "when"), req.when, all_question_ids)
    for theme in b.themes:
        yield from _theme_problems(b.files[f"themes/{theme.id}.yaml"], theme, b)


def _element_problems(
    file: _LoadedFile, key: str, element: DataElement, section_ids: set[str], elements: dict[str, DataElement]
) -> Iterator[Problem]:
    base = ("elements", key)
    if element.section not in section_ids:
        yield file.problem((*base, "section"), f"unknown section {element.section!r}")
    if element.pattern is not None:
        try:
            re.compile(element.pattern)
        except re.error as exc:
            yield file.problem((*base, "pattern"), f"invalid regular expression: {exc}")
    for i, source in enumerate(element.source_entries()):
        if source.element is not None and source.element not in elements:
            yield file.problem((*base, "sources", i, "element"), f"unknown data element {source.element!r}")
        try:
            messages = rule_problems(source.when)
        except RecursionError:
            messages = ["rule is nested too deeply"]
        for message in messages:
            yield file.problem((*base, "sources", i, "when"), message)


def _rule_located(
    file: _LoadedFile, path: tuple[Any, ...], rule: Any, known_vars: set[str]
) -> Iterator[Problem]:
    try:
        messages, names = rule_problems(rule), referenced_vars(rule)
    except RecursionError:
        yield file.problem(path, "rule is nested too deeply")
        return
    for message in messages:
        yield file.problem(path, message)
    for name in sorted(names):
        if name.split(".")[0] not in known_vars:
            yield file.problem(path, f"rule reads {name!r}, which is not a question of this catalog")


def _theme_problems(file: _LoadedFile, theme: Theme, b: _CatalogBuilder) -> Iterator[Problem]:
    questions = theme.questions()
    qids = [q.id for q in questions]
    for dup in sorted({q for q in qids if qids.count(q) > 1}):
        yield file.problem((), f"question id {dup!r} is used twice")
    known = set(qids)
    for group in ("business_questions", "situation_questions"):
        for i, q in enumerate(getattr(theme, group)):
            if q.element is not None:
                yield from _question_element_problems(file, (group, i), q, b.elements)
            yield from _rule_located(file, (group, i, "visible_if"), q.visible_if, known)
    for i, rule in enumerate(theme.matters):
        if rule.matter not in b.matters:
            yield file.problem(("matters", i, "matter"), f"unknown matter {rule.matter!r}")
        yield from _rule_located(file, ("matters", i, "when"), rule.when, known)
    for group in ("fixed_elements", "inferred_elements"):
        for key, value in getattr(theme, group).items():
            if key not in b.elements:
                yield file.problem((group, key), f"unknown data element {key!r}")
            elif (msg := value_problem(b.elements[key], value)) is not None:
                yield file.problem((group, key), f"value {value!r} does not fit the element: {msg}")
    if not theme.max_answers:
        yield file.problem(("max_answers",), "give the answers under which the most matters apply")
    by_id = {q.id: q for q in questions}
    for key, value in theme.max_answers.items():
        q = by_id.get(key)
        if q is None:
            yield file.problem(("max_answers", key), f"unknown question {key!r}")
        elif (msg := answer_problem(q, value)) is not None:
            yield file.problem(("max_answers", key), msg)


_ELEMENT_KIND_FOR_QUESTION = {"single": "enum", "multi": "multi", "bool": "bool"}


def _question_element_problems(
    file: _LoadedFile, path: tuple[Any, ...], question: Any, elements: dict[str, DataElement]
) -> Iterator[Problem]:
    """A question that fills an element must give values the element accepts."""
    element = elements.get(question.element)
    if element is None:
        yield file.problem((*path, "element"), f"unknown data element {question.element!r}")
        return
    wanted = _ELEMENT_KIND_FOR_QUESTION[question.kind]
    if element.kind != wanted:
        yield file.problem((*path, "element"), f"a {question.kind} question needs a {wanted} element, "
                           f"{question.element!r} is {element.kind}")
        return
    extra = [o for o in question.option_ids() if o not in element.option_ids()]
    if extra:
        message = f"option(s) {extra} are not options of element {question.element!r}"
        yield file.problem((*path, "options"), message)


def answer_problem(question: Any, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``question``; None when it is."""
    if question.kind == "bool":
        return None if isinstance(value, bool) else "expects true or false"
    ids = question.option_ids()
    if question.kind == "single":
        return None if isinstance(value, str) and value in ids else f"expects one of {', '.join(ids)}"
    if not isinstance(value, list) or not all(isinstance(v, str) and v in ids for v in value):
        return f"expects a list drawn from {', '.join(ids)}"
    return None


def catalog_version(files: dict[str, str]) -> str:
    """``sha256-`` + 16 hex of SHA-256 over the sorted (relative path, text) pairs.

    The same formula the hub uses for the catalog versions it serves, so the version
    an application records names the files the hub published.
    """
    canonical = json.dumps(sorted(files.items()), ensure_ascii=False, separators=(",", ":"))
    return "sha256-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _collect(directory: Path, parsed_cache: ParsedCache | None = None) -> _CatalogBuilder:
    builder = _CatalogBuilder(directory, parsed_cache)
    builder.read_all()
    if not builder.problems:
        builder.check_references()
    return builder


def check_catalog(directory: str | Path | None = None) -> list[str]:
    """Every problem in a catalog directory, one line each (``file:line: path: message``); empty = fine."""
    return [str(p) for p in _collect(Path(directory) if directory else DEFAULT_DIRECTORY).problems]


def read_checked_catalog(directory: str | Path) -> tuple[dict[str, str], list[str]]:
    """The texts of the files a catalog is made of (relative path → text) and its problems.

    What the hub publishes: exactly the files :func:`load_catalog` reads, so the version a
    terminal computes after loading a download is the version the hub published it under.
    """
    builder = _collect(Path(directory))
    return dict(builder.texts), [str(p) for p in builder.problems]


def load_catalog(directory: str | Path | None = None, *, parsed_cache: ParsedCache | None = None) -> Catalog:
    """Load and check a catalog directory (default flows/catalog/); raises :class:`CatalogError`.
    `parsed_cache`: where a kiosk keeps what it parsed (the same catalog, validated the same way)."""
    builder = _collect(Path(directory) if directory else DEFAULT_DIRECTORY, parsed_cache)
    if builder.problems:
        raise CatalogError(builder.problems)
    catalog = builder.build()
    builder.keep_parsed()
    return catalog


def load_catalog_from(cached: str | Path | None, *, parsed_cache: ParsedCache | None = None
                      ) -> tuple[Catalog, CatalogError | None]:
    """At start-up: the catalog a kiosk stored from the hub, else the built-in one.

    The second value says why the stored one was not used (None when it was, or when there is
    none yet). Raises :class:`CatalogError` only when the built-in catalog itself is broken.
    """
    if cached is not None:
        try:
            return load_catalog(cached, parsed_cache=parsed_cache), None
        except CatalogError as exc:
            return load_catalog(parsed_cache=parsed_cache), exc
    return load_catalog(parsed_cache=parsed_cache), None


def reload_catalog(directory: str | Path | None, current: Catalog) -> tuple[Catalog, CatalogError | None]:
    """Load a new catalog, or keep ``current`` and return the error when the new one is broken."""
    try:
        return load_catalog(directory), None
    except CatalogError as exc:
        return current, exc
