"""The shipped English catalog covers every kiosk string, keeps its place markers, and is compiled."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

FIX = ".venv/bin/python scripts/translations.py update, translate the strings it lists, then `fill`"


def test_every_kiosk_string_has_a_finished_english_translation(tool: ModuleType) -> None:
    found = tool.extract()
    assert len(found.messages) > 20, "the extractor found almost nothing: is kiosk/ there?"
    messages = {m.key: m for m in tool.read_ts()}
    missing = [key[0] for key in found.messages if key not in messages or not messages[key].finished]
    assert not missing, f"{len(missing)} kiosk string(s) have no finished English translation: {missing}. " \
                        f"Fix: {FIX} (see scripts/translations.py)"


def test_plural_strings_are_plural_in_the_catalog(tool: ModuleType) -> None:
    found = tool.extract()
    messages = {m.key: m for m in tool.read_ts()}
    wrong = [key[0] for key, m in found.messages.items()
             if key in messages and messages[key].numerus != m.numerus]
    assert not wrong, f"tr() plural use changed for {wrong}; run scripts/translations.py update"


def test_every_tr_argument_can_be_followed(tool: ModuleType) -> None:
    unresolved = [str(u) for u in tool.extract().unresolved]
    assert not unresolved, "tr() arguments the extractor cannot see, so they would stay Chinese:\n" + \
        "\n".join(unresolved)


def test_translations_keep_the_place_markers(tool: ModuleType) -> None:
    problems = [p for m in tool.read_ts() if m.live for p in tool.placeholder_problems(m)]
    assert not problems, "\n".join(problems)


def test_the_qm_is_compiled_from_the_current_ts(tool: ModuleType) -> None:
    assert tool.QM_FILE.exists(), f"{tool.QM_FILE} is missing: run scripts/translations.py update"
    assert tool.qm_is_current(), "the .qm does not match the .ts: run scripts/translations.py update"


def test_the_check_command_agrees(tool: ModuleType) -> None:
    result = subprocess.run([sys.executable, str(tool.ROOT / "scripts" / "translations.py"), "check"],
                            capture_output=True, text=True, timeout=120, cwd=tool.ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("ok")


def test_citizen_screens_show_no_chinese_text_outside_tr(tool: ModuleType) -> None:
    sources = tool.citizen_facing_sources()
    assert sources, "no citizen-facing kiosk sources found"
    problems = [f"{p.location}: {p.code}" for p in tool.hardcoded_strings(sources)]
    assert not problems, "Chinese text that English mode would not translate (wrap it in tr()):\n" + \
        "\n".join(problems)
