"""Walk every theme in every citizen mode on this screen and report what does not fit.

    python -m kiosk.screen_check --report FILE [--pictures DIR] [--modes zh,en] [--data-dir DIR]

Run on a real X display (`QT_QPA_PLATFORM=xcb`): the kiosk takes the screen
full size as it does in a hall, kiosk.walkthrough taps through each visit,
and at every page kiosk.screen_fit reads the window, then the page again with
the on-screen keyboard open on its first text field. One JSON line per page
checked goes to the report (its problems, empty when the page fits); the exit
code is 1 when anything did not fit. tests/screen runs this at four screen
sizes; `demo --screenshots` runs it with `--pictures`.

A citizen mode is one `CitizenMode` entry: the language and the attract screen's
toggles a citizen taps to get it (大字模式, 长辈模式; another mode adds its row).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.screen_fit import Problem, check_window, describe, global_rect

KEYBOARD_WAIT_S = 3.0
CHECK_SETTLE_S = 0.05  # layout is forced before each check; a picture also waits for the paint
PICTURE_SETTLE_S = 0.3


@dataclass(frozen=True)
class CitizenMode:
    """How a citizen can have the kiosk: a language and the toggles tapped on the attract screen."""

    name: str
    lang: str
    toggles: tuple[str, ...] = ()


MODES: tuple[CitizenMode, ...] = (
    CitizenMode("zh", "zh_CN"),
    CitizenMode("en", "en"),
    CitizenMode("zh-large", "zh_CN", ("LargeTextButton",)),
    CitizenMode("en-large", "en", ("LargeTextButton",)),
    CitizenMode("zh-elder", "zh_CN", ("ElderButton",)),
)
DEMO_CITIZEN = "zhang_wei"
SCREEN_SIZES = ("1920x1080", "1080x1920", "1280x1024", "1366x768")
"""The panels halls use: landscape full HD, the same turned upright, 5:4 and the small 16:9."""


@dataclass
class PageReport:
    mode: str
    theme: str
    page: str
    keyboard: bool
    problems: list[Problem]

    def as_json(self) -> str:
        return json.dumps({"mode": self.mode, "theme": self.theme, "page": self.page,
                           "keyboard": self.keyboard, "problems": [str(p) for p in self.problems]},
                          ensure_ascii=False)


class ScreenCheck:
    """At each page of a walk: check the window, then again with the keyboard open (if it opens)."""

    def __init__(self, window: Any, out: TextIO, pictures: Path | None = None) -> None:
        self.window = window
        self.out = out
        self.pictures = pictures
        self.mode = ""
        self.theme = ""
        self.pages = 0
        self.failed = 0
        self._walker: Any = None
        self._count = 0

    def walk(self, modes: tuple[CitizenMode, ...], themes: list[str]) -> None:
        """Every theme in every mode, one visit each; prints each visit's effort and verdict."""
        from kiosk.walkthrough import Walker

        for mode in modes:
            for theme in themes:
                self.mode, self.theme, self._count = mode.name, theme, 0
                before = self.failed
                self._walker = Walker(self.window, on_screen=self.at_page,
                                      settle_s=PICTURE_SETTLE_S if self.pictures else CHECK_SETTLE_S)
                self._walker.choose_mode(mode.lang, mode.toggles)
                result = self._walker.walk(theme, DEMO_CITIZEN, delivery="courier")
                print(f"{mode.name:<9} {theme:<12} every matter: taps {result.taps:>3} typed "
                      f"{result.typed_chars:>3} | pages {len(result.screens):>2} | "
                      f"{self.failed - before} pages do not fit", flush=True)

    def at_page(self, page: str, _window: Any) -> None:
        self._report(page, keyboard=False)
        field = self._first_text_field()
        if field is not None:
            self._with_keyboard(page, field)

    def _report(self, page: str, *, keyboard: bool, extra: list[Problem] | None = None) -> None:
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        problems = check_window(self.window) + (extra or [])
        self.pages += 1
        self.failed += bool(problems)
        self.out.write(PageReport(self.mode, self.theme, page, keyboard, problems).as_json() + "\n")
        self.out.flush()
        if self.pictures is not None:
            self._picture(page + ("-keyboard" if keyboard else ""))

    def _picture(self, page: str) -> None:
        """What the screen shows (the X server's pixels, not a widget's own rendering)."""
        self.pictures.mkdir(parents=True, exist_ok=True)
        shot = self.window.screen().grabWindow(0)
        shot.save(str(self.pictures / f"{self.mode}-{self.theme}-{self._count:02d}-{page}.png"))
        self._count += 1

    def _first_text_field(self) -> Any:
        from PySide6.QtWidgets import QLineEdit

        from kiosk.keyboard import wants_keyboard

        page = self.window.stack.currentWidget()
        fields = [f for f in page.findChildren(QLineEdit) if f.isVisible() and wants_keyboard(f)]
        return fields[0] if fields else None

    def _with_keyboard(self, page: str, field: Any) -> None:
        """Tap the field as a finger would; the page above must shrink, the window must not grow."""
        keyboard = self.window.keyboard
        if not keyboard.available:
            return
        walker = self._walker
        walker.tap(field, count=False)  # the check's tap, not the citizen's effort
        walker.wait_for(keyboard.isVisible, "the on-screen keyboard", KEYBOARD_WAIT_S)
        walker.pump(0.15)
        self._report(page, keyboard=True, extra=_field_in_view(field, keyboard))
        field.clearFocus()
        walker.wait_for(lambda: not keyboard.isVisible(), "the keyboard to close", KEYBOARD_WAIT_S)
        walker.pump(0.05)


def _field_in_view(field: Any, keyboard: Any) -> list[Problem]:
    """The field being typed into is on screen, above the keyboard, not scrolled away under it."""
    rect = global_rect(field)
    if rect.bottom() >= global_rect(keyboard).top():
        return [Problem(describe(field), "covered by the keyboard while typing")]
    parent = field.parentWidget()
    while parent is not None and not parent.isWindow():
        if not global_rect(parent).contains(rect):
            return [Problem(describe(field), f"scrolled out of view while typing (in {describe(parent)})")]
        parent = parent.parentWidget()
    return []


def small_shop_effort(window: Any, themes: list[str]) -> None:
    """Taps and typing for a small shop (first choices, no situations), per theme, in Chinese."""
    from kiosk.walkthrough import Walker, typical_answers

    for theme in themes:
        walker = Walker(window)
        walker.choose_mode("zh_CN")
        result = walker.walk(theme, DEMO_CITIZEN, typical_answers(window.journey.catalog.theme(theme)))
        print(f"small shop {theme:<12} taps {result.taps:>3} typed {result.typed_chars:>3}", flush=True)


def run(report: Path, *, modes: tuple[CitizenMode, ...] = MODES, themes: list[str] | None = None,
        pictures: Path | None = None, data_dir: Path, effort: bool = False) -> int:
    """The demo kiosk full screen on this display, walked; 0 when every page fits, 1 when not."""
    from kiosk.app import make_application
    from kiosk.runtime import build_runtime
    from kiosk.settings import load_settings
    from kiosk.walkthrough import WalkError
    from kiosk.window import KioskWindow

    settings = load_settings(None, {"hub.embedded": True, "terminal.data_dir": str(data_dir)})
    runtime = build_runtime(settings, demo=True)
    make_application()
    window = KioskWindow(runtime, demo=True)
    window.fill_screen()
    runtime.start()
    themes = themes or [t.id for t in runtime.catalog.themes]
    check = None
    try:
        with report.open("w", encoding="utf-8") as out:
            check = ScreenCheck(window, out, pictures)
            try:
                check.walk(modes, themes)
                if effort:
                    small_shop_effort(window, themes)
            except WalkError as exc:
                out.write(json.dumps({"mode": check.mode, "theme": check.theme, "error": str(exc)},
                                     ensure_ascii=False) + "\n")
                print(f"walk stopped: {exc}", file=sys.stderr)
                return 2
    finally:
        window.leave_kiosk_mode()
        window.close()
        runtime.close()
    screen = window.screen().geometry()
    print(f"{screen.width()}×{screen.height()}: {check.pages} pages checked, {check.failed} do not fit")
    return 1 if check.failed else 0


def _modes(names: str) -> tuple[CitizenMode, ...]:
    by_name = {mode.name: mode for mode in MODES}
    unknown = [n for n in names.split(",") if n not in by_name]
    if unknown:
        raise SystemExit(f"unknown mode {', '.join(unknown)} (known: {', '.join(by_name)})")
    return tuple(by_name[n] for n in names.split(","))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.screen_check", description=__doc__.split("\n")[0])
    parser.add_argument("--report", required=True, type=Path, help="JSON lines, one per page checked")
    parser.add_argument("--pictures", type=Path, help="also save the screen at every page here")
    parser.add_argument("--modes", type=_modes, default=MODES, help="comma-separated: "
                        + ",".join(m.name for m in MODES))
    parser.add_argument("--themes", type=lambda s: s.split(","), help="comma-separated theme ids")
    parser.add_argument("--data-dir", type=Path, help="the demo terminal's folder (default: a temp one)")
    parser.add_argument("--effort", action="store_true", help="also walk a small shop per theme")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="screen-check-") as temp:
        return run(args.report, modes=args.modes, themes=args.themes, pictures=args.pictures,
                   data_dir=args.data_dir or Path(temp), effort=args.effort)


if __name__ == "__main__":
    sys.exit(main())
