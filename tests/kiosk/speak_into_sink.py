"""Run by the voice tests in a process of its own: speak one text through the kiosk's Voice and exit.

The test owns a private PulseAudio with a null sink (PULSE_SERVER points at it) and records
the sink's monitor while this runs; a separate process because Qt Multimedia connects to
the audio server once per process. Prints one JSON line: what the voice reported, and how
long the screen's event loop went without a turn (a frozen screen shows here).
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import kiosk.voice as voice_module
from kiosk.voice import Voice


def main() -> int:
    text, lang, limit_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if len(sys.argv) > 4:
        voice_module.SPEECH_TIMEOUT_S = float(sys.argv[4])
    app = QApplication([])
    voice = Voice(voice_module.ESPEAK, enabled=True)
    report = {"available": voice.available, "reason": voice.reason, "languages": list(voice.languages())}
    started = time.monotonic()
    report["said"] = voice.say(text, lang)
    report["say_returned_s"] = round(time.monotonic() - started, 3)
    longest_gap = 0.0
    last = time.monotonic()

    def tick() -> None:
        nonlocal last, longest_gap
        now = time.monotonic()
        longest_gap = max(longest_gap, now - last)
        last = now
        if (not voice.is_speaking() and now - started > 0.3) or now - started > limit_s:
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    app.exec()
    report["speaking_at_end"] = voice.is_speaking()
    report["elapsed_s"] = round(time.monotonic() - started, 3)
    report["longest_event_loop_gap_s"] = round(longest_gap, 3)
    voice.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
