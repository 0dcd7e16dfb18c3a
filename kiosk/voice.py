"""Spoken guidance for citizens who cannot read the screen well, or at all.

Two ways to speak, tried in this order when no engine is named:

- ``espeak-ng`` run directly (Debian package ``espeak-ng``, Mandarin ``cmn`` and English
  voices): one short process per utterance renders a WAV on its standard output, and Qt
  Multimedia plays it on the default audio output. No daemon sits between the kiosk and
  the sound card, the process is asynchronous (QProcess) and killed after
  :data:`SPEECH_TIMEOUT_S`, and the same rendering can be written to a file, which is how
  the tests prove sound is made.
- a Qt TextToSpeech plug-in (PySide6-Addons ships ``speechd`` and ``mock``). ``speechd``
  goes through a speech-dispatcher daemon that can hang its caller for good, so the daemon
  is probed first (:func:`speech_dispatcher_problem`).

On a kiosk with neither (no binary, no audio device, no plug-in) the voice is simply
absent: :attr:`Voice.available` is False and every call does nothing. It never raises and
never prints: Qt's own complaints while probing are routed to this module's logger at
debug level. What is spoken is never logged; :func:`flows.spoken.speakable` keeps names
and ID numbers out of it before it gets here.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import socket
import subprocess
import sys
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

ESPEAK = "espeak-ng"
PREFERRED_ENGINES: tuple[str, ...] = (ESPEAK, "speechd", "flite", "sapi", "winrt", "darwin", "macos",
                                      "android")
"""Engines tried in this order when none is named; Qt's "mock" test engine is used only when named."""

ESPEAK_VOICES = {"zh_CN": "cmn", "en": "en-us"}
"""espeak-ng voice per kiosk language (cmn reads Latin letters in English, as an ID's "X" is read)."""
WORDS_PER_MINUTE = {"normal": 165, "slow": 130}
SPEECH_TIMEOUT_S = 10.0
"""Longest an espeak-ng process may take to render one utterance before it is killed."""

_LANGUAGE_LOCALES = {"zh_CN": QLocale.Language.Chinese, "en": QLocale.Language.English}
_VOICE_NAME_HINTS = {
    "zh_CN": (("mandarin", "chinese"), ("cantonese", "yue", "hakka", "min nan")),
    "en": (("english",), ()),
}


@contextmanager
def _qt_messages_to_debug_log() -> Iterator[None]:
    """While probing an engine, Qt's warnings go to the debug log instead of the console."""

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        log.debug("Qt while starting text-to-speech: %s", message)

    previous: Callable | None = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


# -- espeak-ng rendering (no Qt: used by the kiosk, the tests and the spoken-duration figures) ----

@dataclass(frozen=True)
class Rendering:
    """Speech rendered to PCM: what the audio output plays, or a test measures."""

    pcm: bytes
    sample_rate: int
    channels: int = 1
    sample_width: int = 2

    @property
    def seconds(self) -> float:
        frame = self.channels * self.sample_width
        return len(self.pcm) / frame / self.sample_rate if self.sample_rate and frame else 0.0

    def loudness(self) -> float:
        """Root mean square of the samples, 0..1 of full scale (16-bit only): 0 is silence."""
        if self.sample_width != 2 or len(self.pcm) < 2:
            return 0.0
        samples = array("h", self.pcm[: len(self.pcm) // 2 * 2])
        if sys.byteorder != "little":
            samples.byteswap()
        return (sum(s * s for s in samples) / len(samples)) ** 0.5 / 32768

    def wav(self) -> bytes:
        """The rendering as a WAV file (for a test to keep, or a person to listen to)."""
        import io
        import wave

        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(self.sample_width)
            out.setframerate(self.sample_rate)
            out.writeframes(self.pcm)
        return buffer.getvalue()


def parse_wav(data: bytes) -> Rendering | None:
    """The PCM inside espeak-ng's ``--stdout`` WAV (its sizes are placeholders when streamed)."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    fmt = data.find(b"fmt ")
    start = data.find(b"data", 12)
    if fmt < 0 or start < 0:
        return None
    channels = int.from_bytes(data[fmt + 10:fmt + 12], "little")
    rate = int.from_bytes(data[fmt + 12:fmt + 16], "little")
    width = int.from_bytes(data[fmt + 22:fmt + 24], "little") // 8
    return Rendering(data[start + 8:], rate, channels or 1, width or 2)


def espeak_binary() -> str | None:
    return shutil.which(ESPEAK)


def espeak_arguments(lang: str, pace: str = "normal") -> list[str]:
    """espeak-ng's arguments for one utterance read from standard input (never on the command line,
    where any local user could read it in the process list)."""
    return ["-v", ESPEAK_VOICES[lang], "-s", str(WORDS_PER_MINUTE.get(pace, WORDS_PER_MINUTE["normal"])),
            "--stdout"]


def render_speech(text: str, lang: str, pace: str = "normal",
                  timeout_s: float = SPEECH_TIMEOUT_S) -> Rendering | None:
    """Render ``text`` with espeak-ng, synchronously (tests, figures); None when it cannot."""
    binary = espeak_binary()
    if binary is None or lang not in ESPEAK_VOICES or not text.strip():
        return None
    try:
        done = subprocess.run([binary, *espeak_arguments(lang, pace)], input=text.encode("utf-8"),
                              capture_output=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("espeak-ng failed: %s", type(exc).__name__)
        return None
    return parse_wav(done.stdout) if done.returncode == 0 else None


def espeak_languages(binary: str, timeout_s: float = 3.0) -> tuple[str, ...]:
    """The kiosk languages espeak-ng has a voice for here (espeak-ng-data may be partial)."""
    found = []
    for lang, voice in ESPEAK_VOICES.items():
        try:
            listed = subprocess.run([binary, f"--voices={voice}"], capture_output=True, text=True,
                                    timeout=timeout_s, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            continue
        if any(line.split()[1:2] == [voice] for line in listed.splitlines()[1:] if line.strip()):
            found.append(lang)
    return tuple(found)


class _EspeakSpeech:
    """espeak-ng renders in a QProcess; a QAudioSink plays the PCM. Nothing here blocks the screen."""

    def __init__(self, binary: str, languages: tuple[str, ...], device) -> None:
        self.binary = binary
        self._languages = languages
        self._device = device
        self._process = None
        self._sink = None
        self._pace = "normal"

    def languages(self) -> tuple[str, ...]:
        return self._languages

    def set_pace(self, pace: str) -> None:
        self._pace = pace

    def say(self, text: str, lang: str) -> bool:
        from PySide6.QtCore import QProcess, QTimer

        if lang not in self._languages:
            return False
        self.stop()
        process = QProcess()
        process.setProgram(self.binary)
        process.setArguments(espeak_arguments(lang, self._pace))
        process.finished.connect(lambda code, _status, p=process: self._rendered(p, code))
        self._process = process
        process.start()
        process.write(text.encode("utf-8"))
        process.closeWriteChannel()
        QTimer.singleShot(int(SPEECH_TIMEOUT_S * 1000), process, process.kill)  # a hung espeak-ng dies
        return True

    def _rendered(self, process, code: int) -> None:
        if process is not self._process:
            return  # a newer utterance (or stop) replaced this one
        self._process = None
        rendering = parse_wav(bytes(process.readAllStandardOutput())) if code == 0 else None
        process.deleteLater()
        if rendering is None or not rendering.pcm:
            log.warning("espeak-ng rendered nothing (exit %s)", code)
            return
        self._play(rendering)

    def _play(self, rendering: Rendering) -> None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink

        audio = QAudioFormat()
        audio.setSampleRate(rendering.sample_rate)
        audio.setChannelCount(rendering.channels)
        audio.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        with _qt_messages_to_debug_log():
            sink = QAudioSink(self._device, audio)
        # The sink owns its buffer: both go together at deleteLater, so the audio thread never
        # reads a buffer Python has already freed (stop() used to drop the buffer first).
        buffer = QBuffer(sink)
        buffer.setData(QByteArray(rendering.pcm))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        with _qt_messages_to_debug_log():
            sink.start(buffer)
        self._sink = sink

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.waitForFinished(500)
            process.deleteLater()
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()  # its buffer with it

    def is_speaking(self) -> bool:
        from PySide6.QtMultimedia import QtAudio  # Qt 6.7+: QAudio.State no longer equals the sink's state

        if self._process is not None:
            return True
        return self._sink is not None and self._sink.state() == QtAudio.State.ActiveState


def _open_espeak():  # -> tuple[_EspeakSpeech | None, str]
    binary = espeak_binary()
    if binary is None:
        return None, "espeak-ng is not installed (Debian: apt install espeak-ng)"
    languages = espeak_languages(binary)
    if not languages:
        return None, "espeak-ng has no Mandarin or English voice"
    with _qt_messages_to_debug_log():  # Qt Multimedia reports each audio back-end it cannot load
        from PySide6.QtMultimedia import QMediaDevices

        device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return None, "no audio output device"
    return _EspeakSpeech(binary, languages, device), ""


class Voice:
    """Speaks guidance when an engine exists and voice is enabled; otherwise a silent no-op.

    ``engine`` names ``espeak-ng`` or a Qt TextToSpeech plug-in; ``None`` picks the first
    working one of :data:`PREFERRED_ENGINES`. Create it on the GUI thread after the
    application exists.
    """

    def __init__(self, engine: str | None = None, *, enabled: bool = False) -> None:
        self._enabled = enabled
        self._speech = None
        self._espeak: _EspeakSpeech | None = None
        self._choices: dict[str, _VoiceChoice | None] = {}
        self._applied: str | None = None
        self._failed = None
        self.engine = ""
        self.reason = ""
        problems = []
        if engine in (None, ESPEAK):
            try:
                self._espeak, problem = _open_espeak()
            except Exception as exc:  # a broken multimedia back-end must not take the kiosk down
                problem = f"could not start: {type(exc).__name__}"
            if self._espeak is not None:
                self.engine = ESPEAK
                return
            problems.append(f"{ESPEAK}: {problem}")
            if engine == ESPEAK:
                self.reason = problems[0]
                log.info("voice guidance unavailable: %s", self.reason)
                return
        try:
            self._speech, self.engine, reason = _open_engine(engine)
            problems.append(reason)
        except Exception as exc:  # a broken Qt add-on must not take the kiosk down
            problems.append(f"text-to-speech could not start: {type(exc).__name__}")
            log.warning(problems[-1])
        if self._speech is None:
            self.reason = "; ".join(p for p in problems if p)
            log.info("voice guidance unavailable: %s", self.reason)
        else:
            self._speech.errorOccurred.connect(self._engine_failed)

    def _engine_failed(self, *_error: object) -> None:
        """The engine broke while speaking (e.g. no audio device): go silent for good."""
        speech, self._speech = self._speech, None
        self._failed = speech  # kept alive: deleting an object inside its own signal would crash
        self.reason = f"{self.engine}: {speech.errorString() if speech is not None else 'failed'}"
        log.warning("voice guidance stopped: %s", self.reason)

    @property
    def available(self) -> bool:
        """True when an engine is ready to speak (whether or not voice is enabled)."""
        return self._speech is not None or self._espeak is not None

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)
        if not self._enabled:
            self.stop()

    def set_pace(self, pace: str) -> None:
        """"slow" for the elder-friendly mode, "normal" otherwise (espeak-ng only)."""
        if self._espeak is not None:
            self._espeak.set_pace(pace)

    def languages(self) -> tuple[str, ...]:
        """The kiosk languages ("zh_CN", "en") this engine has a voice for."""
        if self._espeak is not None:
            return self._espeak.languages()
        return tuple(lang for lang in _LANGUAGE_LOCALES if self._choice_for(lang) is not None)

    def say(self, text: str, lang: str = "zh_CN") -> bool:
        """Speak ``text`` in ``lang``, interrupting what was being said; True when handed to the engine.

        Nothing happens (False) when voice is off or unavailable, the text is empty, or the
        engine has no voice for that language (Chinese text is never read by an English voice).
        """
        if not self.available or not self._enabled or not isinstance(text, str) or not text.strip():
            return False
        if self._espeak is not None:
            try:
                return self._espeak.say(text, lang)
            except Exception as exc:
                log.warning("voice guidance failed: %s", type(exc).__name__)
                return False
        choice = self._choice_for(lang)
        if choice is None:
            return False
        try:
            self._speech.stop()
            if self._applied != lang:
                self._speech.setLocale(choice.locale)
                if choice.voice is not None:
                    self._speech.setVoice(choice.voice)
                self._applied = lang
            self._speech.say(text)
        except Exception as exc:
            log.warning("voice guidance failed: %s", type(exc).__name__)
            return False
        return True

    def stop(self) -> None:
        """Stop speaking at once (a new screen, a cancelled session, the next citizen)."""
        try:
            if self._espeak is not None:
                self._espeak.stop()
            elif self._speech is not None:
                self._speech.stop()
        except Exception as exc:
            log.warning("voice guidance could not stop: %s", type(exc).__name__)

    def is_speaking(self) -> bool:
        if self._espeak is not None:
            return self._espeak.is_speaking()
        if self._speech is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._speech.state() == QTextToSpeech.State.Speaking

    def _choice_for(self, lang: str) -> _VoiceChoice | None:
        if self._speech is None or lang not in _LANGUAGE_LOCALES:
            return None
        if lang not in self._choices:
            try:
                self._choices[lang] = _choose_voice(self._speech, lang)
            except Exception as exc:
                log.warning("voice guidance could not list voices: %s", type(exc).__name__)
                self._choices[lang] = None
            self._applied = None  # listing voices may have changed the engine's locale
        return self._choices[lang]


@dataclass(frozen=True)
class _VoiceChoice:
    locale: QLocale
    voice: object | None = None  # QVoice, when the locale alone does not pick the language


def _choose_voice(speech, lang: str) -> _VoiceChoice | None:
    """A locale with a voice for ``lang``; else a voice named for the language (speechd + espeak-ng list
    Mandarin as "Chinese (Mandarin…)" under the C locale, which Qt cannot map to zh_CN)."""
    wanted = _LANGUAGE_LOCALES[lang]
    locales = [loc for loc in speech.availableLocales() if loc.language() == wanted]
    if locales:
        exact = [loc for loc in locales if loc.name() == lang]
        return _VoiceChoice((exact or locales)[0])
    hints = _VOICE_NAME_HINTS[lang]
    previous = speech.locale()
    for locale in speech.availableLocales():
        if locale.language() != QLocale.Language.C:
            continue
        speech.setLocale(locale)
        named = [v for v in speech.availableVoices() if _voice_name_matches(v.name(), hints)]
        if named:
            named.sort(key=lambda v: ("+" in v.name(), len(v.name())))
            speech.setLocale(previous)
            return _VoiceChoice(locale, named[0])
    speech.setLocale(previous)
    return None


def _voice_name_matches(name: str, hints: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    wanted, unwanted = hints
    lowered = name.casefold()
    return any(w in lowered for w in wanted) and not any(u in lowered for u in unwanted)


def available_engines() -> list[str]:
    """The Qt TextToSpeech plug-ins Qt finds on this machine (found is not the same as working)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return []
    with _qt_messages_to_debug_log():
        return list(QTextToSpeech.availableEngines())


def _open_engine(engine: str | None):  # -> tuple[QTextToSpeech | None, str, str]
    if QCoreApplication.instance() is None:
        return None, "", "no Qt application exists yet"
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None, "", "PySide6-Addons (QtTextToSpeech) is not installed"
    found = available_engines()
    if engine is not None:
        candidates = [engine]
    else:
        candidates = [e for e in PREFERRED_ENGINES if e in found and e != ESPEAK] + \
                     [e for e in found if e not in PREFERRED_ENGINES and e != "mock"]
    if not candidates:
        return None, "", f"no speech engine found (Qt offers: {', '.join(found) or 'none'})"
    problems = []
    for name in candidates:
        if name not in found:
            problems.append(f"{name}: not installed")
            continue
        # a stuck daemon is checked first: with it, even a complete installation would hang
        problem = (speech_dispatcher_problem() or speechd_library_problem()) if name == "speechd" else ""
        if problem:
            problems.append(f"{name}: {problem}")
            continue
        with _qt_messages_to_debug_log():
            speech = QTextToSpeech(name)
        if speech.state() == QTextToSpeech.State.Error:
            problems.append(f"{name}: {speech.errorString() or 'does not start'}")
            speech.deleteLater()
            continue
        return speech, name, ""
    return None, "", "; ".join(problems)


SPEECHD_PROBE_SECONDS = 1.0
SPEECHD_LIBRARY = "libspeechd.so.2"


def speechd_library_problem(library: str = SPEECHD_LIBRARY) -> str:
    """Why Qt's speechd plug-in cannot load, or "" (checked first, so Qt has nothing to complain about)."""
    if not sys.platform.startswith("linux"):
        return ""
    try:
        ctypes.CDLL(library)
    except OSError:
        return (f"{library} is missing (Debian: apt install libspeechd2 speech-dispatcher "
                "speech-dispatcher-espeak-ng)")
    return ""


def speech_dispatcher_address() -> tuple[str, str | tuple[str, int]]:
    """Where libspeechd will look for speech-dispatcher: ("unix", path) or ("inet", (host, port))."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("inet_socket"):
        parts = address.split(":")
        host = parts[1] if len(parts) > 1 and parts[1] else "127.0.0.1"
        port = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 6560
        return "inet", (host, port)
    if address.startswith("unix_socket:") and len(address) > len("unix_socket:"):
        return "unix", address.split(":", 1)[1]
    runtime = os.environ.get("XDG_RUNTIME_DIR") or str(Path.home() / ".cache")
    return "unix", str(Path(runtime) / "speech-dispatcher" / "speechd.sock")


def speech_dispatcher_problem(timeout_s: float = SPEECHD_PROBE_SECONDS) -> str:
    """Why speech-dispatcher would hang the kiosk, or "" when it answers or is not running.

    A speech-dispatcher that accepts connections but never answers makes Qt's speechd
    engine block its caller for good (seen with a daemon whose audio output failed), so
    it is asked for HELP first; one that is not running is left to libspeechd (it starts
    one or fails at once).
    """
    family, where = speech_dispatcher_address()
    if family == "unix" and not Path(str(where)).exists():
        return ""
    kind = socket.AF_UNIX if family == "unix" else socket.AF_INET
    try:
        with socket.socket(kind, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout_s)
            connection.connect(where)
            connection.sendall(b"HELP\r\n")
            reply = connection.recv(64)
    except ConnectionRefusedError:
        return ""
    except TimeoutError:
        return f"speech-dispatcher does not answer within {timeout_s:g} s"
    except OSError as exc:
        return f"speech-dispatcher cannot be reached ({exc.strerror or type(exc).__name__})"
    if not reply[:3].isdigit():
        return "speech-dispatcher answers something other than SSIP"
    return ""
