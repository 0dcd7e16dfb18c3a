"""Spoken guidance for citizens who cannot read the screen well, or at all.

Speech goes through Qt TextToSpeech (PySide6-Addons) when the machine has a working
speech engine; on a kiosk without one (no plug-in, no speech daemon, no audio) the
voice is simply absent: :attr:`Voice.available` is False and every call does nothing.
It never raises and never prints: Qt's own complaints while probing an engine are
routed to this module's logger at debug level.

The text spoken is what is on screen and may name the citizen; it is never logged.
"""

from __future__ import annotations

import ctypes
import logging
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

PREFERRED_ENGINES: tuple[str, ...] = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "android")
"""Engines tried in this order when none is named; Qt's "mock" test engine is used only when named."""

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


class Voice:
    """Speaks guidance when an engine exists and voice is enabled; otherwise a silent no-op.

    ``engine`` names a Qt TextToSpeech plug-in; ``None`` picks the first working one of
    :data:`PREFERRED_ENGINES`. Create it on the GUI thread after the application exists.
    """

    def __init__(self, engine: str | None = None, *, enabled: bool = False) -> None:
        self._enabled = enabled
        self._speech = None
        self._choices: dict[str, _VoiceChoice | None] = {}
        self._applied: str | None = None
        self._failed = None
        self.engine = ""
        self.reason = ""
        try:
            self._speech, self.engine, self.reason = _open_engine(engine)
        except Exception as exc:  # a broken Qt add-on must not take the kiosk down
            self.reason = f"text-to-speech could not start: {type(exc).__name__}"
            log.warning(self.reason)
        if self._speech is None:
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
        return self._speech is not None

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)
        if not self._enabled:
            self.stop()

    def languages(self) -> tuple[str, ...]:
        """The kiosk languages ("zh_CN", "en") this engine has a voice for."""
        return tuple(lang for lang in _LANGUAGE_LOCALES if self._choice_for(lang) is not None)

    def say(self, text: str, lang: str = "zh_CN") -> bool:
        """Speak ``text`` in ``lang``, interrupting what was being said; True when handed to the engine.

        Nothing happens (False) when voice is off or unavailable, the text is empty, or the
        engine has no voice for that language (Chinese text is never read by an English voice).
        """
        if self._speech is None or not self._enabled or not isinstance(text, str) or not text.strip():
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
        if self._speech is None:
            return
        try:
            self._speech.stop()
        except Exception as exc:
            log.warning("voice guidance could not stop: %s", type(exc).__name__)

    def is_speaking(self) -> bool:
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
        candidates = [e for e in PREFERRED_ENGINES if e in found] + \
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
