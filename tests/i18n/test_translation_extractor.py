"""The tr() extractor and the .ts merge: what is found, what is kept, what is flagged."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def extract_from(tool: ModuleType, tmp_path: Path, code: str):
    path = tmp_path / "screen.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return tool.extract([path])


def sources(found) -> set[str]:
    return {key[0] for key in found.messages}


def test_constants_attributes_tables_and_loops_are_followed(tool: ModuleType, tmp_path: Path) -> None:
    found = extract_from(tool, tmp_path, '''
        from kiosk.widgets import tr
        STATUS = {"bring": "请携带", "held": "免交"}
        RATINGS = ("满意", "不满意")
        TEXT = ("第一行"
                "第二行")

        class Screen:
            title = "身份认证"

            def build(self, part, status):
                self.kind = "主体业态" if part else "情形判断"
                hint = "请选择" if part else "请回答"
                tr("下一步")
                tr(self.title)
                tr(self.kind)
                tr(hint)
                tr(TEXT)
                tr(STATUS[status])
                tr(STATUS.get(status, status))
                for stars, text in enumerate(RATINGS, start=1):
                    tr(text)
                for text in (self.a, self.b):
                    text.clear()
        ''')
    assert sources(found) == {"下一步", "身份认证", "主体业态", "情形判断", "请选择", "请回答",
                              "第一行第二行", "请携带", "免交", "满意", "不满意"}
    assert found.unresolved == []


def test_markers_for_strings_kept_elsewhere(tool: ModuleType, tmp_path: Path) -> None:
    found = extract_from(tool, tmp_path, '''
        from PySide6.QtCore import QT_TRANSLATE_NOOP, QT_TR_NOOP
        A = QT_TRANSLATE_NOOP("kiosk", "非常满意")
        B = QT_TR_NOOP("基本满意")
        C = QT_TRANSLATE_NOOP("other", "别的上下文")
        ''')
    assert sources(found) == {"非常满意", "基本满意"}


def test_plural_and_disambiguation(tool: ModuleType, tmp_path: Path) -> None:
    found = extract_from(tool, tmp_path, '''
        tr("还差 %n 位", "", remaining)
        tr("完成", "step bar")
        tr("完成")
        tr("共 %n 项", n=count)
        tr("不是复数", None, -1)
        ''')
    assert found.messages[("还差 %n 位", "")].numerus is True
    assert found.messages[("共 %n 项", "")].numerus is True
    assert found.messages[("不是复数", "")].numerus is False
    assert ("完成", "step bar") in found.messages and ("完成", "") in found.messages


@pytest.mark.parametrize(
    ("call", "reason"),
    [
        ('tr(f"第{n}步")', "not a string literal"),
        ("tr(make_text())", "not a string literal"),
        ("tr(other.title)", "not a string literal"),
        ("tr(UNKNOWN_NAME)", "not a string literal"),
        ('tr("好", hint)', "disambiguation is not a literal"),
        ('self.tr("好")', "class's own context"),
    ],
)
def test_what_cannot_be_followed_is_reported_with_its_line(tool: ModuleType, tmp_path: Path, call: str,
                                                            reason: str) -> None:
    found = extract_from(tool, tmp_path, f"x = 1\n{call}\n")
    assert len(found.unresolved) == 1
    problem = found.unresolved[0]
    assert problem.location.line == 2
    assert reason in str(problem)


def test_a_file_that_does_not_parse_is_reported_not_fatal(tool: ModuleType, tmp_path: Path) -> None:
    found = extract_from(tool, tmp_path, 'tr("好"\n')
    assert found.unresolved and "syntax error" in found.unresolved[0].reason


@pytest.mark.parametrize("content", [b"\xff\xfe tr(", b"tr('a')\x00", b"\x00"])
def test_a_file_that_cannot_be_read_is_reported_not_fatal(tool: ModuleType, tmp_path: Path,
                                                          content: bytes) -> None:
    path = tmp_path / "odd.py"
    path.write_bytes(content)
    found = tool.extract([path])
    assert found.messages == {}
    assert len(found.unresolved) == 1


def test_chinese_text_that_bypasses_tr_is_found(tool: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "screen.py"
    path.write_text('''"""屏幕说明（文档字符串不算）。"""
label(tr("请插卡"))
label("请拔卡")
label(f"共{n}项")
TITLE = "标题"
tr(TITLE)
switch = "English" if lang == "zh_CN" else "中文"
''', encoding="utf-8")
    problems = tool.hardcoded_strings([path], tool.extract([path]))
    assert sorted((p.location.line, p.code) for p in problems) == [(3, "'请拔卡'"), (4, "'共'"), (4, "'项'")]


def test_empty_strings_are_not_messages(tool: ModuleType, tmp_path: Path) -> None:
    code = 'class A:\n    title = ""\n    def f(self):\n        tr(self.title)\n'
    found = extract_from(tool, tmp_path, code)
    assert found.messages == {}


def test_merge_keeps_translations_and_marks_what_vanished(tool: ModuleType, tmp_path: Path) -> None:
    ts = tmp_path / "t.ts"
    found = extract_from(tool, tmp_path, 'tr("上一步")\ntr("下一步")\ntr("取消")\n')
    messages = tool.merge([], found, tmp_path)
    assert all(m.kind == "unfinished" for m in messages)
    assert tool.fill(messages, {"上一步": "Back", "下一步": "Next", "不存在": "x"}) == ["不存在"]
    tool.write_ts(messages, ts)

    later = extract_from(tool, tmp_path, 'tr("上一步")\ntr("新的")\n')
    merged = {m.source: m for m in tool.merge(tool.read_ts(ts), later, tmp_path)}
    assert merged["上一步"].finished and merged["上一步"].translation == "Back"
    assert merged["新的"].kind == "unfinished"
    assert merged["下一步"].kind == "vanished" and merged["下一步"].translation == "Next"
    assert merged["取消"].kind == "obsolete"
    assert merged["下一步"].locations == []
    tool.write_ts(list(merged.values()), ts)

    back = {m.source: m for m in tool.merge(tool.read_ts(ts), found, tmp_path)}
    assert back["下一步"].finished and back["下一步"].translation == "Next"
    assert back["取消"].kind == "unfinished"


def test_the_ts_names_where_each_string_is_used(tool: ModuleType, tmp_path: Path) -> None:
    found = extract_from(tool, tmp_path, 'x = 0\ntr("上一步")\n')
    (message,) = tool.merge([], found, tmp_path)
    assert message.locations == [("screen.py", 2)]


def test_a_broken_ts_is_a_clear_error(tool: ModuleType, tmp_path: Path) -> None:
    ts = tmp_path / "broken.ts"
    ts.write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(tool.TranslationToolError, match="not valid XML"):
        tool.read_ts(ts)


def test_place_markers_must_survive_translation(tool: ModuleType) -> None:
    good = tool.TsMessage(source="申请编号：%1", translation="Application number: %1", kind="")
    lost = tool.TsMessage(source="申请编号：%1", translation="Application number", kind="")
    plural = tool.TsMessage(source="还差 %n 位", numerus=True, forms=["one more", "%n more"], kind="")
    assert tool.placeholder_problems(good) == []
    assert tool.placeholder_problems(lost)
    assert tool.placeholder_problems(plural)


def test_a_translation_that_loses_a_place_marker_does_not_compile(tool: ModuleType, tmp_path: Path) -> None:
    ts, qm = tmp_path / "bad.ts", tmp_path / "bad.qm"
    tool.write_ts([tool.TsMessage(source="申请编号：%1", translation="Application number", kind="")], ts)
    with pytest.raises(tool.TranslationToolError, match="place markers differ"):
        tool.compile_qm(ts, qm)


def test_a_compiled_catalog_is_reproducible(tmp_path: Path, tool: ModuleType) -> None:
    first, second = tmp_path / "a.qm", tmp_path / "b.qm"
    tool.compile_qm(tool.TS_FILE, first)
    tool.compile_qm(tool.TS_FILE, second)
    assert first.read_bytes() == second.read_bytes()


XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=60,
).filter(lambda s: s.strip() == s and s.strip())


@given(st.lists(st.tuples(XML_TEXT, XML_TEXT, st.booleans()), max_size=8, unique_by=lambda t: t[0]))
@settings(max_examples=60, deadline=None)
def test_ts_files_round_trip_any_text(tool: ModuleType, entries: list[tuple[str, str, bool]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        ts = Path(scratch) / "t.ts"
        messages = [tool.TsMessage(source=s, translation="" if plural else t, numerus=plural,
                                   forms=[t, t + "s"] if plural else [], kind="")
                    for s, t, plural in entries]
        tool.write_ts(messages, ts)
        again = tool.read_ts(ts)
    assert [(m.source, m.translation, m.forms, m.numerus, m.kind) for m in again] == \
        [(m.source, m.translation, m.forms, m.numerus, m.kind) for m in messages]


@given(st.lists(st.text(max_size=40), max_size=6), st.text(max_size=200))
@settings(max_examples=100, deadline=None)
def test_the_extractor_finds_any_literal_and_survives_any_file(tool: ModuleType, literals: list[str],
                                                               noise: str) -> None:
    import tempfile

    code = "".join(f"tr({text!r})\n" for text in literals)
    with tempfile.TemporaryDirectory() as scratch:
        good, bad = Path(scratch) / "good.py", Path(scratch) / "bad.py"
        good.write_text(code, encoding="utf-8", errors="surrogatepass")
        bad.write_text(noise, encoding="utf-8", errors="surrogatepass")
        found = tool.extract([good, bad])
    assert {key[0] for key in found.messages} == {t for t in literals if t.strip()}
