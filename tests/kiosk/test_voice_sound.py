"""The kiosk's voice makes real sound: espeak-ng renders it, Qt Multimedia plays it into a sink we own.

Two proofs per language: the rendering the kiosk plays (espeak-ng's WAV) is loud enough and
as long as that many words take to say; and the kiosk's own Voice, in a process of its own,
plays into a private PulseAudio null sink whose monitor this test records. Without an
engine the voice is silent and quiet; a hung espeak-ng never freezes the event loop.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.citizen_aids import STEP_GUIDANCE
from kiosk.voice import ESPEAK, Rendering, Voice, espeak_binary, parse_wav, render_speech

pytestmark = pytest.mark.voice

ROOT = Path(__file__).resolve().parents[2]
SPEAKER = Path(__file__).with_name("speak_into_sink.py")
SAMPLES = {
    "zh_CN": "请将身份证放在感应区",
    "en": "Please place your ID card on the reader",
}
# Seconds per spoken unit (a Chinese character is a syllable; an English word ~1.4 syllables) that a
# person could still follow: far outside these the rendering is silence padding or cut short.
SECONDS_PER_UNIT = {"zh_CN": (0.12, 0.6), "en": (0.15, 0.9)}
LOUD_ENOUGH = 0.01  # RMS of full scale; espeak-ng speech measures ~0.08, digital silence 0

needs_espeak = pytest.mark.skipif(espeak_binary() is None, reason="espeak-ng is not installed "
                                  "(scripts/debian-packages.txt; run scripts/setup.sh as root)")


def units(text: str, lang: str) -> int:
    return len([c for c in text if "\u4e00" <= c <= "\u9fff"]) if lang == "zh_CN" else len(text.split())


def assert_plausible_speech(rendering: Rendering | None, text: str, lang: str) -> None:
    assert rendering is not None, "espeak-ng rendered nothing"
    low, high = SECONDS_PER_UNIT[lang]
    n = units(text, lang)
    assert low * n <= rendering.seconds <= high * n + 0.5, (lang, n, rendering.seconds)
    assert rendering.loudness() > LOUD_ENOUGH, (lang, rendering.loudness())


@needs_espeak
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_rendering_the_kiosk_plays_is_speech_of_a_plausible_length(lang: str, tmp_path: Path) -> None:
    rendering = render_speech(SAMPLES[lang], lang)
    assert_plausible_speech(rendering, SAMPLES[lang], lang)
    saved = tmp_path / f"{lang}.wav"
    saved.write_bytes(rendering.wav())  # a file the test owns, readable by any player
    assert parse_wav(saved.read_bytes()).pcm == rendering.pcm


@needs_espeak
def test_every_step_guidance_renders_in_chinese() -> None:
    for step, text in STEP_GUIDANCE.items():
        rendering = render_speech(text, "zh_CN")
        assert rendering is not None and rendering.loudness() > LOUD_ENOUGH, step
        assert rendering.seconds > 0.12 * units(text, "zh_CN"), step


@needs_espeak
def test_slow_speech_for_elder_mode_takes_longer() -> None:
    normal = render_speech(SAMPLES["zh_CN"], "zh_CN", "normal")
    slow = render_speech(SAMPLES["zh_CN"], "zh_CN", "slow")
    assert slow.seconds > normal.seconds * 1.1


def test_silence_is_not_mistaken_for_speech() -> None:
    silent = Rendering(b"\x00\x00" * 22050, 22050)
    assert silent.seconds == pytest.approx(1.0)
    assert silent.loudness() == 0.0
    assert parse_wav(b"not a wav file at all, not even close....") is None


# -- the kiosk's own Voice into a null sink the test owns -------------------------------------

@pytest.fixture
def null_sink() -> Iterator[dict[str, str]]:
    """A private PulseAudio with one null sink; yields the environment that points clients at it."""
    daemon = shutil.which("pulseaudio")
    if daemon is None or shutil.which("parecord") is None:
        pytest.skip("pulseaudio / pulseaudio-utils are not installed (scripts/debian-packages.txt)")
    home = Path(tempfile.mkdtemp(prefix="pa", dir="/tmp"))  # AF_UNIX paths must stay short
    socket_path = home / "native"
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(home), PULSE_RUNTIME_PATH=str(home / "rt"),
               PULSE_SERVER=f"unix:{socket_path}")
    env.pop("PULSE_SINK", None)
    process = subprocess.Popen(
        [daemon, "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit", "--use-pid-file=no",
         "--disable-shm", "--load=module-null-sink sink_name=kiosk_test",
         f"--load=module-native-protocol-unix socket={socket_path} auth-anonymous=1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # up to 15 s for the socket (a loaded machine starts it slowly)
            if socket_path.exists() and subprocess.run(["pactl", "info"], env=env, capture_output=True,
                                                       timeout=5).returncode == 0:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the private PulseAudio did not start")
        yield env
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(home, ignore_errors=True)


def speak_and_record(env: dict[str, str], text: str, lang: str, out: Path, *extra: str) -> dict:
    recorder = subprocess.Popen(
        ["parecord", "--device=kiosk_test.monitor", "--file-format=wav", "--format=s16le", "--channels=1",
         "--rate=22050", str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.3)  # the recorder is listening before the voice starts
        done = subprocess.run([sys.executable, str(SPEAKER), text, lang, "15", *extra], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        time.sleep(0.3)
    finally:
        recorder.terminate()
        recorder.wait(timeout=5)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_espeak
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_kiosk_voice_plays_speech_into_the_sink(null_sink, lang: str, tmp_path: Path) -> None:
    report = speak_and_record(null_sink, SAMPLES[lang], lang, tmp_path / "heard.wav")
    assert report["available"], report["reason"]
    assert report["said"] is True
    assert report["speaking_at_end"] is False
    heard = parse_wav((tmp_path / "heard.wav").read_bytes())
    assert heard is not None and heard.loudness() > LOUD_ENOUGH / 2, heard and heard.loudness()
    expected = render_speech(SAMPLES[lang], lang)
    assert heard.seconds >= expected.seconds * 0.8  # the whole utterance was played, not a blip
    assert report["longest_event_loop_gap_s"] < 1.0


@needs_espeak
def test_a_hung_espeak_never_freezes_the_screen_and_is_killed(null_sink, tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    hung = fake_bin / ESPEAK
    hung.write_text("#!/bin/sh\n"
                    "case \"$1\" in --voices=*) echo 'Pty Language'; echo \" 5  ${1#--voices=}  --/M  x\"; "
                    "exit 0;; esac\nexec sleep 120\n")
    hung.chmod(0o755)
    env = dict(null_sink, PATH=f"{fake_bin}:{null_sink['PATH']}")
    report = speak_and_record(env, SAMPLES["zh_CN"], "zh_CN", tmp_path / "heard.wav", "1.0")
    assert report["available"] and report["said"] is True
    assert report["say_returned_s"] < 0.5
    assert report["longest_event_loop_gap_s"] < 0.5  # the screen kept turning while espeak-ng hung
    assert report["speaking_at_end"] is False  # killed after SPEECH_TIMEOUT_S, not waited for
    assert report["elapsed_s"] < 5


def test_without_espeak_the_voice_is_silent_and_quiet(qapp, monkeypatch, capfd) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    voice = Voice(ESPEAK, enabled=True)
    assert voice.available is False
    assert "espeak-ng is not installed" in voice.reason
    assert voice.say(SAMPLES["zh_CN"], "zh_CN") is False
    assert voice.is_speaking() is False
    voice.stop()
    assert render_speech(SAMPLES["zh_CN"], "zh_CN") is None
    assert capfd.readouterr() == ("", "")
