"""Spoken guidance for citizens who cannot read the screen well, or at all.

Speech goes through Qt TextToSpeech (PySide6-Addons) when the machine has a working
speech engine; on a kiosk without one (no plug-in, no speech daemon, no audio) the
voice is simply absent: :attr:`Voice.available` is False and every call does nothing.
It never raises and never prints: Qt's own complaints while probing an engine are
routed to this module's logger at debug level.

The text spoken is what is on screen and may name the citizen; it is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale, QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

PREFERRED_ENGINES: tuple[str, ...] = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "android")
"""Engines tried in this order when none is named; Qt's "mock" test engine is used only when named."""

_LANGUAGE_LOCALES = {"zh_CN": QLocale.Language.Chinese, "en": QLocale.Language.English}


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
        if self._speech is None:
            return ()
        return tuple(lang for lang in _LANGUAGE_LOCALES if self._locale_for(lang) is not None)

    def say(self, text: str, lang: str = "zh_CN") -> bool:
        """Speak ``text`` in ``lang``, interrupting what was being said; True when handed to the engine.

        Nothing happens (False) when voice is off or unavailable, the text is empty, or the
        engine has no voice for that language (Chinese text is never read by an English voice).
        """
        if self._speech is None or not self._enabled or not isinstance(text, str) or not text.strip():
            return False
        locale = self._locale_for(lang)
        if locale is None:
            return False
        try:
            if self._speech.locale() != locale:
                self._speech.setLocale(locale)
            self._speech.stop()
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

    def _locale_for(self, lang: str) -> QLocale | None:
        wanted = _LANGUAGE_LOCALES.get(lang)
        if wanted is None or self._speech is None:
            return None
        locales = [loc for loc in self._speech.availableLocales() if loc.language() == wanted]
        if not locales:
            return None
        exact = [loc for loc in locales if loc.name() == lang]
        return (exact or locales)[0]


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
        with _qt_messages_to_debug_log():
            speech = QTextToSpeech(name)
        if speech.state() == QTextToSpeech.State.Error:
            problems.append(f"{name}: {speech.errorString() or 'does not start'}")
            speech.deleteLater()
            continue
        return speech, name, ""
    return None, "", "; ".join(problems)
