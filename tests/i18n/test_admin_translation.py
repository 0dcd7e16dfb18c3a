"""The staff screens (kiosk/admin/) are held to the same translation rules as the citizen's.

`scripts/translations.py check` (and `hardcoded`) fail on a Chinese literal in kiosk/admin/
that never reaches tr(); the Qt-free settings rules give their words through the caller's
`tr`; messages that arrive in two languages are picked by the kiosk's language.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from kiosk.admin.settings_fields import SettingsFormError, choice_text, validate_form
from kiosk.settings import KioskSettings


def test_staff_screens_show_no_chinese_text_outside_tr(tool: ModuleType) -> None:
    sources = tool.staff_facing_sources()
    assert tool.ROOT / "kiosk" / "admin" / "panel.py" in sources
    problems = [f"{p.location}: {p.code}" for p in tool.hardcoded_strings(sources)]
    assert not problems, "Chinese staff text that English mode would not translate (wrap it in tr()):\n" + \
        "\n".join(problems)


def test_check_fails_on_an_untranslated_staff_literal(tool: ModuleType, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    view = tmp_path / "new_view.py"
    view.write_text('from kiosk.widgets import button\nbutton("重新开始")\n', encoding="utf-8")
    monkeypatch.setattr(tool, "STAFF_FACING", (*tool.STAFF_FACING, str(view)))
    report = tool.check()
    assert [(p.location.file, p.location.line, p.code) for p in report.hardcoded] == [(view, 2, "'重新开始'")]
    assert not report.ok


def test_strings_standing_alone_are_not_screen_text(tool: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "view.py"
    path.write_text('LIMIT = 5\n"""不超过五项（常量的说明）。"""\n\n\ndef f():\n    """函数说明。"""\n    '
                    'return "五项"\n', encoding="utf-8")
    problems = tool.hardcoded_strings([path], tool.extract([path]))
    assert [(p.location.line, p.code) for p in problems] == [(7, "'五项'")]


def english(text: str) -> str:
    """A stand-in translator: the source marked, so a test sees which words went through tr()."""
    return f"EN[{text}]"


def test_settings_messages_go_through_the_callers_translator() -> None:
    with pytest.raises(SettingsFormError) as caught:
        validate_form(KioskSettings(), {"devices.printer_port": "70000", "terminal.idle_timeout_s": "abc",
                                        "terminal.nope": "1"}, english)
    assert caught.value.errors == {"terminal.nope": "EN[没有这个设置项]"}
    with pytest.raises(SettingsFormError) as caught:
        validate_form(KioskSettings(), {"devices.printer_port": "70000", "terminal.idle_timeout_s": "abc"},
                      english)
    assert caught.value.errors == {"devices.printer_port": "EN[不能大于 65535]",
                                   "terminal.idle_timeout_s": "EN[请输入整数]"}


def test_choices_name_languages_in_themselves_and_translate_the_rest() -> None:
    assert [choice_text(c, english) for c in ("zh_CN", "en", "simulator", "none", "ga467")] == \
        ["中文", "English", "EN[模拟]", "EN[无]", "ga467"]


@pytest.mark.gui
def test_two_language_messages_follow_the_kiosk_language(qtbot) -> None:
    from kiosk.admin.language import in_kiosk_language
    from kiosk.app import make_application
    from kiosk.i18n import install_language, installed_language

    app = make_application()
    assert installed_language() == "zh_CN"
    assert in_kiosk_language("缺纸", "Out of paper") == "缺纸"
    try:
        assert install_language(app, "en")
        assert installed_language() == "en"
        assert in_kiosk_language("缺纸", "Out of paper") == "Out of paper"
        assert in_kiosk_language("缺纸", "") == "缺纸"  # no English given: the Chinese, never a blank
    finally:
        install_language(app, "zh_CN")
    assert installed_language() == "zh_CN"


def test_fill_puts_each_value_in_once() -> None:
    from kiosk.wording import fill

    assert fill("%1 / %2 / %1", "a%2", 7) == "a%2 / 7 / a%2"
    assert fill("%1 and %3", "x") == "x and %3"
