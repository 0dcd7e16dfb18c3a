"""Pinyin of the catalog's search texts, prepared when the catalog is built, not at kiosk start.

Importing pypinyin loads its phrase dictionary: 0.5–0.8 s and ~56 MiB, for a search over a
handful of themes. The attract screen needs only the readings of a few dozen catalog texts
(titles, everyday words) and, for homophones (奶查 → 奶茶), the common reading of whatever
character a citizen picked. Both are written once, with pypinyin, by

    .venv/bin/python -m flows.search_pinyin

into ``flows/catalog/search-pinyin.json`` beside the catalog (tests fail when the catalog
changed and the file was not rewritten). A text the file lacks (a catalog changed on site)
is read with pypinyin on demand, so the search stays right, only slower.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import islice, product
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE = Path(__file__).resolve().parent / "catalog" / "search-pinyin.json"
FORMAT = 1
MAX_SPELLINGS = 16
"""Heteronym readings of a query multiply; the first few spellings are tried, in reading order."""

Syllables = tuple[tuple[str, ...], ...]
"""Pinyin of a text: for each syllable its readings (phrase reading first), toneless, ü as v."""

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def fold_latin(text: str) -> str:
    """Lower case, full-width to ASCII, tone marks and accents removed, ü → v (as on a keyboard)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ü", "v")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_with_pypinyin(text: str) -> Syllables:
    """Pinyin readings per syllable; a run of Latin letters or digits counts as one syllable."""
    from pypinyin import Style, pinyin  # building only: its dictionaries cost ~56 MiB

    result: list[tuple[str, ...]] = []
    for readings in pinyin(text, style=Style.NORMAL, heteronym=True, errors="default"):
        first = readings[0]
        if _CJK.search(first):  # pypinyin has no reading for this character
            continue
        if len(readings) == 1 and not first.isalpha():
            result.extend((word,) for word in _LATIN_WORD.findall(fold_latin(first)))
            continue
        alternatives: list[str] = []
        for reading in readings:
            for spelled in (fold_latin(reading), fold_latin(reading).replace("v", "u")):
                if spelled and spelled not in alternatives:
                    alternatives.append(spelled)
        if alternatives:
            result.append(tuple(alternatives))
    return tuple(result)


def spell_with_pypinyin(chinese: str) -> str:
    """The query as one pinyin string (phrase readings), as the homophone search compares it."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(chinese, errors="ignore")).replace("ü", "v")


@dataclass(frozen=True)
class PinyinCache:
    """Readings of the catalog's texts and every character's readings, as written at build time."""

    texts: dict[str, Syllables]
    first_reading: dict[str, str]
    """character → its most common toneless reading"""
    other_readings: dict[str, tuple[str, ...]]
    """character → its other readings that occur in the catalog's texts (heteronyms that can match)"""

    def syllables(self, text: str) -> Syllables:
        found = self.texts.get(text)
        return found if found is not None else read_with_pypinyin(text)

    def covers(self, texts: Iterable[str]) -> bool:
        return all(t in self.texts for t in texts)

    def spellings(self, chinese: str) -> list[str]:
        """The query's possible pinyin strings, common readings first (characters with no reading skipped)."""
        choices: list[tuple[str, ...]] = []
        for char in chinese:
            first = self.first_reading.get(char)
            if first is None:
                continue  # no reading (as pypinyin's errors="ignore")
            choices.append((first, *self.other_readings.get(char, ())))
        if not choices:
            return []
        return ["".join(combo) for combo in islice(product(*choices), MAX_SPELLINGS)]


EMPTY = PinyinCache({}, {}, {})


def build_cache(texts: Iterable[str]) -> dict[str, Any]:
    """The file's content for these catalog texts (needs pypinyin)."""
    from pypinyin import __version__ as pypinyin_version
    from pypinyin.pinyin_dict import pinyin_dict

    read = {text: read_with_pypinyin(text) for text in sorted(set(texts))}
    catalog_readings = {r for syllables in read.values() for readings in syllables for r in readings}
    first: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for code, spelled in sorted(pinyin_dict.items()):
        char = chr(code)
        if not _CJK.match(char):
            continue
        readings = list(dict.fromkeys(fold_latin(r) for r in spelled.split(",")))
        first.setdefault(readings[0], []).append(char)
        for reading in readings[1:]:
            if reading in catalog_readings:
                other.setdefault(reading, []).append(char)
    return {
        "format": FORMAT,
        "made_by": f"pypinyin {pypinyin_version}",
        "texts": {text: [list(r) for r in syllables] for text, syllables in read.items()},
        "first_reading": {reading: "".join(chars) for reading, chars in sorted(first.items())},
        "other_readings": {reading: "".join(chars) for reading, chars in sorted(other.items())},
    }


def parse_cache(data: dict[str, Any]) -> PinyinCache:
    if data.get("format") != FORMAT:
        raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
    texts = {text: tuple(tuple(r) for r in syllables) for text, syllables in data["texts"].items()}
    first = {char: reading for reading, chars in data["first_reading"].items() for char in chars}
    other: dict[str, list[str]] = {}
    for reading, chars in data["other_readings"].items():
        for char in chars:
            other.setdefault(char, []).append(reading)
    return PinyinCache(texts, first, {char: tuple(r) for char, r in other.items()})


@cache
def load_cache(path: Path = CACHE) -> PinyinCache:
    """The cache file beside the catalog; empty (everything read by pypinyin) when missing or broken."""
    try:
        return parse_cache(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("search pinyin cache unusable (%s): pinyin is read at search time", type(exc).__name__)
        return EMPTY


def catalog_search_texts(catalog: Any) -> list[str]:
    """The Chinese texts the search reads in pinyin: theme titles and everyday words."""
    from flows.search import chinese_only

    texts: list[str] = []
    for theme in catalog.themes:
        texts.append(theme.title_zh)
        texts.extend(c for k in theme.keywords_zh if (c := chinese_only(k)))
    return texts


def write_cache(path: Path = CACHE) -> Path:
    from flows.catalog import load_catalog

    data = build_cache(catalog_search_texts(load_catalog()))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_cache()}")
