"""Voice guidance: speaks through Qt TextToSpeech when an engine works, silent and quiet otherwise."""

from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.voice import Voice, available_engines, speech_dispatcher_address, speech_dispatcher_problem

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


def test_a_missing_speechd_library_is_named_with_the_package_to_install() -> None:
    from kiosk.voice import speechd_library_problem

    assert "apt install libspeechd2" in speechd_library_problem("libno-such-speech-library.so.9")
    assert speechd_library_problem("libc.so.6") == ""


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


class SocketServer:
    """A real listener standing in for speech-dispatcher: silent (stuck daemon) or answering SSIP."""

    def __init__(self, family: int, address, reply: bytes | None) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind(address)
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.stopping = threading.Event()
        self.address = self.sock.getsockname()
        self.reply = reply
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        for _ in range(100):  # at most ~20 s, ended early by close()
            if self.stopping.is_set():
                return
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)
            if self.reply is not None:
                connection.settimeout(5)
                try:
                    connection.recv(64)
                    connection.sendall(self.reply)
                except OSError:
                    pass

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.sock.close()


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="spd", dir="/tmp"))  # AF_UNIX paths must stay short
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_speech_dispatcher_that_never_answers_is_not_used(qapp, monkeypatch, socket_dir: Path,
                                                             capfd) -> None:
    server = SocketServer(socket.AF_UNIX, str(socket_dir / "speechd.sock"), reply=None)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket_dir / 'speechd.sock'}")
    try:
        assert "does not answer" in speech_dispatcher_problem(timeout_s=0.3)
        voice = Voice("speechd", enabled=True)
    finally:
        server.close()
    assert voice.available is False
    assert "does not answer" in voice.reason
    assert capfd.readouterr().err == ""


def test_a_speech_dispatcher_that_answers_ssip_passes_the_probe(monkeypatch, socket_dir: Path) -> None:
    ssip = b"248-  SPEAK  -- say text\r\n"
    server = SocketServer(socket.AF_UNIX, str(socket_dir / "speechd.sock"), reply=ssip)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket_dir / 'speechd.sock'}")
    try:
        assert speech_dispatcher_problem(timeout_s=3) == ""
    finally:
        server.close()


def test_something_else_on_the_socket_is_not_speech_dispatcher(monkeypatch) -> None:
    server = SocketServer(socket.AF_INET, ("127.0.0.1", 0), reply=b"HTTP/1.1 400 Bad Request\r\n")
    monkeypatch.setenv("SPEECHD_ADDRESS", f"inet_socket:127.0.0.1:{server.address[1]}")
    try:
        assert "other than SSIP" in speech_dispatcher_problem(timeout_s=3)
    finally:
        server.close()


def test_a_silent_tcp_speech_dispatcher_is_caught_too(monkeypatch) -> None:
    server = SocketServer(socket.AF_INET, ("127.0.0.1", 0), reply=None)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"inet_socket:127.0.0.1:{server.address[1]}")
    try:
        assert "does not answer" in speech_dispatcher_problem(timeout_s=0.3)
    finally:
        server.close()


def test_no_speech_dispatcher_running_is_left_to_libspeechd(monkeypatch, socket_dir: Path) -> None:
    stale = socket_dir / "speechd.sock"
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))
    leftover.close()  # the file stays, nobody listens: connection refused
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{stale}")
    assert stale.exists()
    assert speech_dispatcher_problem(timeout_s=0.3) == ""
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket_dir / 'absent.sock'}")
    assert speech_dispatcher_problem(timeout_s=0.3) == ""


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("unix_socket:/run/x.sock", ("unix", "/run/x.sock")),
        ("inet_socket:10.0.0.2:7000", ("inet", ("10.0.0.2", 7000))),
        ("inet_socket", ("inet", ("127.0.0.1", 6560))),
        ("inet_socket::", ("inet", ("127.0.0.1", 6560))),
    ],
)
def test_the_speech_dispatcher_address_follows_libspeechd(monkeypatch, address: str, expected) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", address)
    assert speech_dispatcher_address() == expected


def test_the_default_address_is_in_the_runtime_directory(monkeypatch) -> None:
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/run/user/1000")
    assert speech_dispatcher_address() == ("unix", "/run/user/1000/speech-dispatcher/speechd.sock")


@pytest.mark.parametrize(
    ("name", "lang", "matches"),
    [  # voice names as speech-dispatcher + espeak-ng list them under the C locale
        ("Chinese (Mandarin, latin as English)", "zh_CN", True),
        ("Chinese (Mandarin, latin as Pinyin)+Annie", "zh_CN", True),
        ("Chinese (Cantonese)", "zh_CN", False),
        ("Hakka Chinese", "zh_CN", False),
        ("English (Great Britain)", "en", True),
        ("English (America)+Alex", "en", True),
        ("Bishnupriya Manipuri", "zh_CN", False),
        ("Bishnupriya Manipuri", "en", False),
    ],
)
def test_voices_are_recognised_by_name_where_locales_fail(name: str, lang: str, matches: bool) -> None:
    from kiosk.voice import _VOICE_NAME_HINTS, _voice_name_matches

    assert _voice_name_matches(name, _VOICE_NAME_HINTS[lang]) is matches
