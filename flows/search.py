"""Find a theme from whatever a citizen types into the attract screen's search box.

A citizen at the kiosk rarely types the theme's exact title. They type part of it
(咖啡), its pinyin without tones (kafeidian, "ka fei"), its initials (kfd), an English
word (coffee) or an everyday word for what they want to sell (奶茶 → 我要开饮品店).
The everyday words live in the catalog (``Theme.keywords_zh`` / ``keywords_en``);
their pinyin is read when the catalog is built (flows/search_pinyin.py writes it beside the
catalog), so pypinyin is never imported at kiosk start, and never per keystroke.

When nothing matches exactly, three forgiving readings follow, each ranked below any
exact match: 模糊音 pinyin (caosi → chaoshi 超市), Chinese that sounds right but was
picked wrongly from the keyboard or typed in traditional script (奶查, 飲品), and
English typos (resturant).

Bad input (emoji, control characters, a pasted page of text) finds nothing; it never
raises.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass

from flows.model import Catalog, Theme
from flows.search_pinyin import PinyinCache, Syllables, fold_latin, load_cache, spell_with_pypinyin

MAX_QUERY_CHARS = 64
"""A longer query is not something a citizen typed to find a theme: it finds nothing."""

_CACHE_SIZE = 8

# Scores: a higher tier always wins; ties keep the catalog order.
_TITLE_EXACT = 100
_TITLE_ZH_SUBSTRING = 90
_KEYWORD_ZH_EXACT = 85
_KEYWORD_ZH_PREFIX = 80
_QUERY_CONTAINS_KEYWORD = 78
_KEYWORD_ZH_SUBSTRING = 75
_TITLE_PINYIN_FULL = 70
_TITLE_EN_WORD = 70
_TITLE_PINYIN_INITIALS = 65
_TITLE_EN_PREFIX = 65
_KEYWORD_EN_WORD = 62
_KEYWORD_PINYIN_FULL = 60
_KEYWORD_EN_PREFIX = 57
_KEYWORD_PINYIN_INITIALS = 55
_TITLE_PINYIN_FUZZY = 50
_KEYWORD_PINYIN_FUZZY = 45
_HOMOPHONE_TITLE = 44
_HOMOPHONE_KEYWORD = 42
_ENGLISH_TYPO = 40

TYPO_MIN_LETTERS = 4
TYPO_SIMILARITY = 0.8
"""An English word of 4+ letters this similar (difflib ratio) to a theme word counts as a typo of it."""

FUZZY_MIN_LETTERS = 4
"""Shorter pinyin is matched exactly only: fuzzy readings of two or three letters match almost anything."""

# 模糊音: sounds many speakers (and their typing) do not tell apart.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("z", "zh"), ("c", "ch"), ("s", "sh"),
                   ("n", "l"), ("l", "n"), ("f", "h"), ("h", "f"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"), ("an", "ang"), ("en", "eng"), ("in", "ing"))

_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")

def chinese_only(text: str) -> str:
    return _NOT_CJK.sub("", unicodedata.normalize("NFKC", text))


def _fuzzy_readings(reading: str) -> set[str]:
    """The reading as a speaker who merges zh/z, ch/c, sh/s, n/l, f/h, -ng/-n might type it."""
    initials = {reading}
    for spoken, typed in _FUZZY_INITIALS:
        if reading.startswith(spoken) and not (len(spoken) == 1 and reading[1:2] == "h"):
            initials.add(typed + reading[len(spoken):])
    variants = set(initials)
    for form in initials:
        for spoken, typed in _FUZZY_FINALS:
            really_ng = spoken in ("an", "en", "in") and form.endswith(spoken[:-1] + "ng")
            if form.endswith(spoken) and not really_ng:
                variants.add(form[: -len(spoken)] + typed)
    return variants


def _fuzzy(syllables: Syllables) -> Syllables:
    return tuple(tuple(sorted({v for r in readings for v in _fuzzy_readings(r)})) for readings in syllables)


def _pinyin_match(query: str, syllables: Syllables) -> int:
    """0 no match, 1 matched by initials or abbreviations (kfd, kafd), 2 by full syllables (kafeidian).

    The query must start at a syllable boundary and consume consecutive syllables, each by a
    non-empty prefix of one of its readings; a full match uses whole syllables except the last.
    """
    if not query:
        return 0
    memo: dict[tuple[int, int], int] = {}

    def consume(position: int, index: int) -> int:
        if position == len(query):
            return 2
        if index == len(syllables):
            return 0
        key = (position, index)
        if key not in memo:
            best = 0
            for reading in syllables[index]:
                longest = min(len(reading), len(query) - position)
                for length in range(longest, 0, -1):
                    if query[position:position + length] != reading[:length]:
                        continue
                    rest = consume(position + length, index + 1)
                    whole = length == len(reading) or position + length == len(query)
                    best = max(best, rest if whole else min(rest, 1))
                    if best == 2:
                        break
                if best == 2:
                    break
            memo[key] = best
        return memo[key]

    starts = (i for i, readings in enumerate(syllables) if any(r[:1] == query[0] for r in readings))
    return max((consume(0, start) for start in starts), default=0)


def _english_words(text: str) -> tuple[str, ...]:
    return tuple(_LATIN_WORD.findall(fold_latin(text)))


def _english_match(query_words: tuple[str, ...], words: tuple[str, ...]) -> int:
    """0 no match, 1 every query word starts a word of the text, 2 every query word is a whole word."""
    if not query_words or not words:
        return 0
    if all(q in words for q in query_words):
        return 2
    if all(any(w.startswith(q) for w in words) for q in query_words):
        return 1
    compact_query, compact_text = "".join(query_words), "".join(words)
    return 1 if len(compact_query) >= 3 and compact_text.startswith(compact_query) else 0


def _similar(typed: str, known: str) -> bool:
    matcher = difflib.SequenceMatcher(None, typed, known)
    return matcher.real_quick_ratio() >= TYPO_SIMILARITY and matcher.quick_ratio() >= TYPO_SIMILARITY \
        and matcher.ratio() >= TYPO_SIMILARITY


@dataclass(frozen=True)
class ThemeMatch:
    """A theme found by a search and the catalog text that found it.

    ``via`` is "title" when the theme's own title matched (in any script) and "keyword"
    when one of its everyday words did: then ``matched`` is that word, so the screen can
    say why a theme is offered ("奶茶 → 我要开饮品店"). Both are empty for an empty query.
    """

    theme: Theme
    matched: str
    via: str


_Hit = tuple[int, str, str]
"""(score, the catalog text that matched, "title" | "keyword"); score 0 is no match."""
_MISS: _Hit = (0, "", "")


@dataclass(frozen=True)
class _IndexedTheme:
    """One theme's searchable texts, prepared once."""

    position: int
    title_zh: str
    title_zh_text: str
    title_en: tuple[str, ...]
    title_en_text: str
    title_pinyin: Syllables
    keywords_zh: tuple[tuple[str, str], ...]
    """(text as searched, text as written in the catalog)"""
    keywords_pinyin: tuple[Syllables, ...]
    keywords_en: tuple[tuple[tuple[str, ...], str], ...]
    fuzzy_pinyin: tuple[Syllables, ...]
    """Fuzzy readings: the title's first, then each keyword's."""
    english_vocabulary: dict[str, str]
    """Every English word of the title and keywords → the catalog text it comes from."""

    @classmethod
    def of(cls, position: int, theme: Theme, readings: PinyinCache) -> _IndexedTheme:
        keywords_zh = tuple((chinese_only(k), k) for k in theme.keywords_zh if chinese_only(k))
        keywords_en = tuple((_english_words(k), k) for k in theme.keywords_en if _english_words(k))
        title_pinyin = readings.syllables(theme.title_zh)
        keywords_pinyin = tuple(readings.syllables(k) for k, _text in keywords_zh)
        vocabulary = {w: text for words, text in reversed(keywords_en) for w in words}
        vocabulary.update({w: theme.title_en for w in _english_words(theme.title_en)})
        return cls(
            position=position,
            title_zh=chinese_only(theme.title_zh),
            title_zh_text=theme.title_zh,
            title_en=_english_words(theme.title_en),
            title_en_text=theme.title_en,
            title_pinyin=title_pinyin,
            keywords_zh=keywords_zh,
            keywords_pinyin=keywords_pinyin,
            keywords_en=keywords_en,
            fuzzy_pinyin=tuple(_fuzzy(s) for s in (title_pinyin, *keywords_pinyin)),
            english_vocabulary=vocabulary,
        )

    def chinese_hit(self, query: str) -> _Hit:
        if query == self.title_zh:
            return _TITLE_EXACT, self.title_zh_text, "title"
        if query in self.title_zh:
            return _TITLE_ZH_SUBSTRING, self.title_zh_text, "title"
        best = _MISS
        for keyword, text in self.keywords_zh:
            if query == keyword:
                return _KEYWORD_ZH_EXACT, text, "keyword"
            if keyword.startswith(query):
                score = _KEYWORD_ZH_PREFIX
            elif len(keyword) >= 2 and keyword in query:
                score = _QUERY_CONTAINS_KEYWORD
            elif query in keyword:
                score = _KEYWORD_ZH_SUBSTRING
            else:
                continue
            if score > best[0] or (score == best[0] and len(keyword) > len(chinese_only(best[1]))):
                best = (score, text, "keyword")
        return best

    def homophone_hit(self, spelled: str) -> _Hit:
        """The Chinese query sounds like the title or a keyword: a wrong character picked from the
        pinyin keyboard (奶查 → 奶茶) or traditional characters (飲品 → 饮品)."""
        if _pinyin_match(spelled, self.title_pinyin) == 2:
            return _HOMOPHONE_TITLE, self.title_zh_text, "title"
        for syllables, (_keyword, text) in zip(self.keywords_pinyin, self.keywords_zh, strict=True):
            if _pinyin_match(spelled, syllables) == 2:
                return _HOMOPHONE_KEYWORD, text, "keyword"
        return _MISS

    def latin_hit(self, letters: str, words: tuple[str, ...]) -> _Hit:
        if words == self.title_en:
            return _TITLE_EXACT, self.title_en_text, "title"
        hits: list[_Hit] = [
            ((0, _TITLE_PINYIN_INITIALS, _TITLE_PINYIN_FULL)[_pinyin_match(letters, self.title_pinyin)],
             self.title_zh_text, "title"),
            ((0, _TITLE_EN_PREFIX, _TITLE_EN_WORD)[_english_match(words, self.title_en)],
             self.title_en_text, "title"),
        ]
        for keyword_words, text in self.keywords_en:
            score = (0, _KEYWORD_EN_PREFIX, _KEYWORD_EN_WORD)[_english_match(words, keyword_words)]
            hits.append((score, text, "keyword"))
        for syllables, (_keyword, text) in zip(self.keywords_pinyin, self.keywords_zh, strict=True):
            score = (0, _KEYWORD_PINYIN_INITIALS, _KEYWORD_PINYIN_FULL)[_pinyin_match(letters, syllables)]
            hits.append((score, text, "keyword"))
        best = max(hits, key=lambda hit: hit[0])
        if best[0] == 0 and len(letters) >= FUZZY_MIN_LETTERS:
            best = self.fuzzy_hit(letters)
        if best[0] == 0:
            best = self.english_typo_hit(words)
        return best

    def english_typo_hit(self, words: tuple[str, ...]) -> _Hit:
        """Some query word is a near miss of a theme word (resturant, cofee, bubbel tea), the rest match."""
        vocabulary = self.english_vocabulary
        typos = [w for w in words if not any(k.startswith(w) for k in vocabulary)]
        if not typos or any(len(w) < TYPO_MIN_LETTERS for w in typos):
            return _MISS
        nearest = [next((k for k in vocabulary if _similar(w, k)), None) for w in typos]
        if any(k is None for k in nearest):
            return _MISS
        text = vocabulary[nearest[0]]
        return _ENGLISH_TYPO, text, "title" if text == self.title_en_text else "keyword"

    def fuzzy_hit(self, letters: str) -> _Hit:
        """Whole-syllable matches under 模糊音 (caosi → 超市, laicha → 奶茶); never initials."""
        title, *keywords = self.fuzzy_pinyin
        if _pinyin_match(letters, title) == 2:
            return _TITLE_PINYIN_FUZZY, self.title_zh_text, "title"
        for syllables, (_keyword, text) in zip(keywords, self.keywords_zh, strict=True):
            if _pinyin_match(letters, syllables) == 2:
                return _KEYWORD_PINYIN_FUZZY, text, "keyword"
        return _MISS


class ThemeIndex:
    """The catalog's themes prepared for search, from the pinyin read when the catalog was built.

    Texts the cache file lacks (a catalog changed on site) are read with pypinyin here, and then
    the homophone search spells queries with pypinyin too, so results never depend on the cache.
    """

    def __init__(self, catalog: Catalog, readings: PinyinCache | None = None) -> None:
        from flows.search_pinyin import catalog_search_texts

        readings = load_cache() if readings is None else readings
        self._themes = tuple(_IndexedTheme.of(i, t, readings) for i, t in enumerate(catalog.themes))
        if readings.covers(catalog_search_texts(catalog)):
            self._spellings = readings.spellings
        else:
            self._spellings = lambda chinese: [spell_with_pypinyin(chinese)]

    def _homophone_hits(self, chinese: str) -> list[tuple[_Hit, int]]:
        """Best homophone hit per theme over the query's possible spellings."""
        best = {t.position: _MISS for t in self._themes}
        for spelled in self._spellings(chinese):
            for t in self._themes:
                hit = t.homophone_hit(spelled)
                if hit[0] > best[t.position][0]:
                    best[t.position] = hit
        return [(hit, position) for position, hit in best.items()]

    def ranked_hits(self, query: str) -> list[tuple[int, str, str]]:
        """(position in ``catalog.themes``, matched text, via) of the matching themes, best first."""
        if not isinstance(query, str):
            return []
        stripped = query.strip()
        if not stripped:
            return [(t.position, "", "") for t in self._themes]
        if len(stripped) > MAX_QUERY_CHARS:
            return []
        chinese = chinese_only(stripped)
        if chinese:
            scored = [(t.chinese_hit(chinese), t.position) for t in self._themes]
            if not any(hit[0] for hit, _position in scored) and len(chinese) >= 2:
                scored = self._homophone_hits(chinese)
        else:
            words = tuple(_LATIN_WORD.findall(fold_latin(stripped)))
            if not words:
                return []
            letters = "".join(w for w in words if w.isalpha())
            scored = [(t.latin_hit(letters, words), t.position) for t in self._themes]
        ranked = sorted(scored, key=lambda s: (-s[0][0], s[1]))
        return [(position, hit[1], hit[2]) for hit, position in ranked if hit[0] > 0]

    def ranked_positions(self, query: str) -> list[int]:
        """Positions in ``catalog.themes`` of the matching themes, best first."""
        return [position for position, _text, _via in self.ranked_hits(query)]

    def matches(self, catalog: Catalog, query: str) -> list[ThemeMatch]:
        """Like :meth:`search`, with the catalog text that found each theme."""
        return [ThemeMatch(catalog.themes[p], text, via) for p, text, via in self.ranked_hits(query)]

    def search(self, catalog: Catalog, query: str) -> list[Theme]:
        """The themes of ``catalog`` (the one this index was built from) matching ``query``, best first."""
        return [catalog.themes[p] for p in self.ranked_positions(query)]


_cache: dict[tuple, ThemeIndex] = {}
_cache_lock = threading.Lock()


def _fingerprint(catalog: Catalog) -> tuple:
    themes = tuple((t.id, t.title_zh, t.title_en, t.keywords_zh, t.keywords_en) for t in catalog.themes)
    return (catalog.version, themes)


def theme_index(catalog: Catalog) -> ThemeIndex:
    """The search index of ``catalog``, built on first use and kept for the next keystrokes."""
    key = _fingerprint(catalog)
    with _cache_lock:
        index = _cache.get(key)
    if index is None:
        index = ThemeIndex(catalog)
        with _cache_lock:
            while len(_cache) >= _CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
            _cache[key] = index
    return index


def match_themes(catalog: Catalog, query: str) -> list[ThemeMatch]:
    """:func:`search_themes` with, for each theme, the title or everyday word that matched."""
    return theme_index(catalog).matches(catalog, query)


def search_themes(catalog: Catalog, query: str) -> list[Theme]:
    """Themes matching what the citizen typed, best match first; all themes for an empty query.

    Matches the Chinese title (substring), pinyin without tones (``kafeidian``, ``ka fei``),
    pinyin initials (``kfd``), English title words, and the theme's everyday keywords in
    Chinese, pinyin and English; then fuzzy pinyin, homophones and English typos. Ties
    keep the catalog order. Garbage, emoji or a query longer than :data:`MAX_QUERY_CHARS`
    gives ``[]``.
    """
    return theme_index(catalog).search(catalog, query)

