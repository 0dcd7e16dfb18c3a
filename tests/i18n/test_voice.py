"""Voice guidance: speaks through Qt TextToSpeech when an engine works, silent and quiet otherwise."""

from __future__ import annotations

import logging

import pytest

from kiosk.voice import Voice, available_engines

pytestmark = pytest.mark.gui


def test_an_engine_that_does_not_exist_gives_a_silent_voice(qapp, capfd) -> None:
    voice = Voice("no-such-engine", enabled=True)
    assert voice.available is False
    assert "no-such-engine" in voice.reason
    assert voice.say("请将身份证放在感应区", "zh_CN") is False
    assert voice.say("Please place your ID card on the reader", "en") is False
    voice.stop()
    voice.enabled = False
    voice.enabled = True
    assert voice.languages() == ()
    assert voice.is_speaking() is False
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.parametrize("engine", [e for e in available_engines() if e != "mock"] or ["(none found)"])
def test_every_engine_qt_finds_here_works_or_falls_back_without_printing(qapp, capfd, engine: str) -> None:
    voice = Voice(engine, enabled=True)
    if not voice.available:
        assert voice.reason
        assert voice.say("您好", "zh_CN") is False
    voice.stop()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_the_default_voice_never_raises_or_prints(qapp, capfd) -> None:
    voice = Voice(enabled=True)
    assert voice.engine != "mock"
    voice.say("您好", "zh_CN")
    voice.stop()
    assert capfd.readouterr().err == ""


def test_no_application_means_no_voice(monkeypatch) -> None:
    import kiosk.voice as voice_module

    monkeypatch.setattr(voice_module.QCoreApplication, "instance", staticmethod(lambda: None))
    voice = Voice(enabled=True)
    assert voice.available is False
    assert "application" in voice.reason


@pytest.fixture
def mock_voice(qapp) -> Voice:
    # Qt's "mock" plug-in is a real engine object that pretends to speak (English voices only)
    voice = Voice("mock", enabled=True)
    if not voice.available:
        pytest.skip("Qt's mock text-to-speech plug-in is not installed")
    yield voice
    voice.stop()


def test_a_working_engine_speaks_english(mock_voice: Voice, qtbot) -> None:
    assert "en" in mock_voice.languages()
    assert mock_voice.say("Please place your ID card on the reader", "en") is True
    qtbot.waitUntil(mock_voice.is_speaking, timeout=3000)


def test_chinese_is_never_read_by_an_english_only_voice(mock_voice: Voice) -> None:
    assert "zh_CN" not in mock_voice.languages()
    assert mock_voice.say("请将身份证放在感应区", "zh_CN") is False
    assert mock_voice.is_speaking() is False


def test_a_disabled_voice_is_quiet_and_turning_it_off_stops_speech(mock_voice: Voice, qtbot) -> None:
    mock_voice.say("Checking, please wait", "en")
    qtbot.waitUntil(mock_voice.is_speaking, timeout=3000)
    mock_voice.enabled = False
    qtbot.waitUntil(lambda: not mock_voice.is_speaking(), timeout=3000)
    assert mock_voice.say("Next", "en") is False


@pytest.mark.parametrize("text", ["", "   ", None, 42])
def test_nothing_to_say_is_not_an_error(mock_voice: Voice, text) -> None:
    assert mock_voice.say(text, "en") is False


def test_an_unknown_language_is_not_spoken(mock_voice: Voice) -> None:
    assert mock_voice.say("Bonjour", "fr") is False


def test_spoken_text_never_reaches_the_log(mock_voice: Voice, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        mock_voice.say("Zhang San 11010519491231002X", "en")
        mock_voice.stop()
    assert "11010519491231002X" not in caplog.text
    assert "Zhang San" not in caplog.text
