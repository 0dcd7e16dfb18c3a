"""Theme search: Chinese, pinyin, initials, English and everyday words find the right theme."""

from __future__ import annotations

import unicodedata

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.catalog import load_catalog
from flows.model import Catalog
from flows.search import MAX_QUERY_CHARS, ThemeIndex, ThemeMatch, match_themes, search_themes, theme_index

CATALOG = load_catalog()  # module-level for hypothesis (a fixture's repr would flood a failure report)


def ids(catalog: Catalog, query: str) -> list[str]:
    return [t.id for t in search_themes(catalog, query)]


def test_everyday_word_finds_the_drinks_shop(catalog: Catalog) -> None:
    assert ids(catalog, "奶茶")[0] == "drinks"


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("咖啡", "coffee"),
        ("咖啡店", "coffee"),
        ("我要开超市", "supermarket"),
        ("火锅", "restaurant"),
        ("小吃", "restaurant"),
        ("烟酒", "grocery"),
        ("便利店", "grocery"),
        ("茶饮", "drinks"),
        ("我想开一家奶茶店", "drinks"),
    ],
)
def test_chinese_titles_and_keywords(catalog: Catalog, query: str, best: str) -> None:
    assert ids(catalog, query)[0] == best


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("kafeidian", "coffee"),
        ("ka fei", "coffee"),
        ("KaFei", "coffee"),
        ("kāfēi", "coffee"),
        ("chaoshi", "supermarket"),
        ("naicha", "drinks"),
        ("huoguo", "restaurant"),
        ("yanjiu", "grocery"),
    ],
)
def test_full_pinyin_without_tones(catalog: Catalog, query: str, best: str) -> None:
    assert ids(catalog, query)[0] == best


@pytest.mark.parametrize(
    ("query", "expected"),
    [("wykcs", "supermarket"), ("kfd", "coffee"), ("nc", "drinks"), ("hg", "restaurant"), ("bld", "grocery")],
)
def test_pinyin_initials(catalog: Catalog, query: str, expected: str) -> None:
    assert expected in ids(catalog, query)


def test_initials_shared_by_two_titles_find_both(catalog: Catalog) -> None:
    # 开饭店 kai fan dian and 咖啡店 ka fei dian both abbreviate to kfd
    assert set(ids(catalog, "kfd")) >= {"coffee", "restaurant"}


@pytest.mark.parametrize(
    ("query", "best"),
    [("caosi", "supermarket"), ("laicha", "drinks"), ("fuoguo", "restaurant"), ("cangtin", "restaurant")],
)
def test_fuzzy_pinyin_of_merged_sounds(catalog: Catalog, query: str, best: str) -> None:
    # 模糊音: zh/z, ch/c, sh/s, n/l, f/h and -ng/-n are merged by many speakers
    assert ids(catalog, query)[0] == best


def test_exact_pinyin_outranks_fuzzy(catalog: Catalog) -> None:
    # naicha is 奶茶 exactly; "lai cha" would also be its fuzzy reading — the exact match leads
    assert ids(catalog, "naicha")[0] == "drinks"
    assert ids(catalog, "chaoshi")[0] == "supermarket"


@pytest.mark.parametrize("query", ["cao", "lai", "zzzz", "nnnn"])
def test_short_or_nonsense_pinyin_is_not_fuzzed(catalog: Catalog, query: str) -> None:
    # cao (超 chao) and lai (奶 nai) would match fuzzily, but three letters are too few to guess from
    assert ids(catalog, query) == []


@pytest.mark.parametrize(
    ("query", "best"),
    [("奶查", "drinks"), ("咖非", "coffee"), ("火過", "restaurant"), ("飲品", "drinks"),
     ("超事", "supermarket")],
)
def test_homophones_and_traditional_characters(catalog: Catalog, query: str, best: str) -> None:
    # a wrong character picked from the pinyin keyboard, or traditional script, sounds the same
    assert ids(catalog, query)[0] == best


def test_a_real_match_is_not_widened_by_homophones(catalog: Catalog) -> None:
    assert ids(catalog, "咖啡") == ["coffee"]


def test_full_pinyin_beats_a_partial_reading(catalog: Catalog) -> None:
    assert ids(catalog, "fan")[0] == "restaurant"


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("coffee", "coffee"),
        ("Coffee shop", "coffee"),
        ("café", "coffee"),
        ("Ｃｏｆｆｅｅ", "coffee"),
        ("restaurant", "restaurant"),
        ("rest", "restaurant"),
        ("milk tea", "drinks"),
        ("bubble", "drinks"),
        ("supermarket", "supermarket"),
        ("Open a grocery store", "grocery"),
        ("cigarettes", "grocery"),
        ("hot pot", "restaurant"),
    ],
)
def test_english_titles_and_keywords(catalog: Catalog, query: str, best: str) -> None:
    assert ids(catalog, query)[0] == best


@pytest.mark.parametrize(
    ("query", "best"),
    [("resturant", "restaurant"), ("cofee", "coffee"), ("supermarkt", "supermarket"), ("grocey", "grocery"),
     ("bubbel tea", "drinks"), ("piza", "restaurant")],
)
def test_english_typos_on_a_touch_keyboard(catalog: Catalog, query: str, best: str) -> None:
    assert ids(catalog, query)[0] == best


@pytest.mark.parametrize("query", ["hello", "qwerty", "tea xyzw", "abc"])
def test_words_unlike_any_theme_are_not_typos(catalog: Catalog, query: str) -> None:
    assert ids(catalog, query) == []


def test_a_word_in_several_themes_finds_each(catalog: Catalog) -> None:
    assert set(ids(catalog, "tea")) >= {"drinks", "coffee"}


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_lists_every_theme_in_catalog_order(catalog: Catalog, query: str) -> None:
    assert search_themes(catalog, query) == list(catalog.themes)


@pytest.mark.parametrize(
    "query",
    ["🍵☕🧋", "x" * 10_000, "咖啡" * 100, "\x00\x01", "zzzzzzzz", "asdfghjkl", "12345", "!!!???", "\u200b"],
)
def test_garbage_or_overlong_input_finds_nothing(catalog: Catalog, query: str) -> None:
    assert search_themes(catalog, query) == []


def test_a_query_at_the_length_limit_still_searches(catalog: Catalog) -> None:
    query = "咖啡" + "的" * (MAX_QUERY_CHARS - 2)
    assert len(query) == MAX_QUERY_CHARS
    assert ids(catalog, query) == ["coffee"]


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_themes_of_the_catalog_without_error(query: str) -> None:
    found = search_themes(CATALOG, query)
    assert len(found) == len({t.id for t in found})
    assert all(t in CATALOG.themes for t in found)


@given(st.text(alphabet=st.characters(categories=["So", "Sk", "Cc", "Cf", "Zs", "Pd", "Po"]), max_size=100))
@settings(max_examples=300, deadline=None)
def test_symbols_emoji_and_controls_find_nothing(query: str) -> None:
    # symbols such as ⒜ or ™ are letters after NFKC (as a full-width keyboard gives them): those may match
    has_letters = any(ch.isalnum() for ch in unicodedata.normalize("NFKC", query))
    found = search_themes(CATALOG, query)
    if not query.strip():
        assert found == list(CATALOG.themes)
    elif not has_letters:
        assert found == []


def test_every_theme_is_found_by_its_own_titles_and_keywords(catalog: Catalog) -> None:
    for theme in catalog.themes:
        for term in (theme.title_zh, theme.title_en, *theme.keywords_zh, *theme.keywords_en):
            assert theme.id in ids(catalog, term), (theme.id, term)


def test_the_index_is_built_once_per_catalog(catalog: Catalog) -> None:
    first = theme_index(catalog)
    search_themes(catalog, "kafei")
    assert theme_index(catalog) is first


def test_changed_keywords_give_a_new_index(catalog: Catalog) -> None:
    drinks = catalog.theme("drinks")
    changed = msgspec.structs.replace(drinks, keywords_zh=(*drinks.keywords_zh, "椰子水"))
    themes = tuple(changed if t.id == "drinks" else t for t in catalog.themes)
    other = msgspec.structs.replace(catalog, themes=themes)
    assert ids(catalog, "椰子水") == []
    assert ids(other, "椰子水") == ["drinks"]
    assert ids(other, "yezishui") == ["drinks"]


def test_an_index_returns_the_themes_of_the_catalog_it_is_given(catalog: Catalog) -> None:
    index = ThemeIndex(catalog)
    assert index.search(catalog, "咖啡") == [catalog.theme("coffee")]


def test_every_theme_carries_everyday_words_in_both_languages(catalog: Catalog) -> None:
    for theme in catalog.themes:
        assert len(theme.keywords_zh) >= 5, f"{theme.id}: add everyday Chinese words to keywords_zh"
        assert len(theme.keywords_en) >= 5, f"{theme.id}: add everyday English words to keywords_en"
        assert len(set(theme.keywords_zh)) == len(theme.keywords_zh), f"{theme.id}: a keyword_zh repeats"
        assert len(set(theme.keywords_en)) == len(theme.keywords_en), f"{theme.id}: a keyword_en repeats"
        assert all(k.strip() == k and k for k in theme.keywords_zh + theme.keywords_en), theme.id


def test_pinyin_of_every_chinese_keyword_finds_its_theme(catalog: Catalog) -> None:
    from pypinyin import lazy_pinyin

    for theme in catalog.themes:
        for keyword in theme.keywords_zh:
            spelled = "".join(lazy_pinyin(keyword))
            initials = "".join(s[0] for s in lazy_pinyin(keyword))
            assert theme.id in ids(catalog, spelled), (theme.id, keyword, spelled)
            assert theme.id in ids(catalog, initials), (theme.id, keyword, initials)


@pytest.mark.parametrize(
    ("query", "theme", "matched", "via"),
    [
        ("奶茶", "drinks", "奶茶", "keyword"),
        ("naicha", "drinks", "奶茶", "keyword"),
        ("我想开一家奶茶店", "drinks", "奶茶店", "keyword"),
        ("milk tea", "drinks", "milk tea", "keyword"),
        ("bubbel tea", "drinks", "bubble tea", "keyword"),
        ("咖啡", "coffee", "我要开咖啡店", "title"),
        ("kafeidian", "coffee", "我要开咖啡店", "title"),
        ("coffee", "coffee", "Open a coffee shop", "title"),
        ("resturant", "restaurant", "Open a restaurant", "title"),
    ],
)
def test_a_match_says_which_catalog_text_found_the_theme(catalog: Catalog, query: str, theme: str,
                                                         matched: str, via: str) -> None:
    first = match_themes(catalog, query)[0]
    assert first == ThemeMatch(catalog.theme(theme), matched, via)


def test_matches_and_search_agree(catalog: Catalog) -> None:
    for query in ("", "店", "cs", "tea", "kfd", "zzzz", "超市"):
        assert [m.theme for m in match_themes(catalog, query)] == search_themes(catalog, query)


def test_an_empty_query_matches_every_theme_by_nothing(catalog: Catalog) -> None:
    assert {(m.matched, m.via) for m in match_themes(catalog, "")} == {("", "")}


def test_the_pinyin_file_beside_the_catalog_is_up_to_date(catalog: Catalog) -> None:
    import json

    from flows.search_pinyin import CACHE, build_cache, catalog_search_texts

    written = json.loads(CACHE.read_text(encoding="utf-8"))
    assert written == build_cache(catalog_search_texts(catalog)), \
        "the catalog changed: run `.venv/bin/python -m flows.search_pinyin` and commit the file"


def test_searching_does_not_import_pypinyin() -> None:
    import subprocess
    import sys

    code = ("import sys; from flows.catalog import load_catalog; from flows.search import search_themes; "
            "c = load_catalog(); search_themes(c, 'kafei'); search_themes(c, '奶查'); "
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_a_text_missing_from_the_pinyin_file_is_read_with_pypinyin(catalog: Catalog) -> None:
    from flows.search_pinyin import EMPTY

    index = ThemeIndex(catalog, EMPTY)
    assert [t.id for t in index.search(catalog, "kafeidian")] == ["coffee"]
    assert next(t.id for t in index.search(catalog, "奶查")) == "drinks"
