"""The citizen's own aids for one visit: the presentation mode (large text, 长辈模式) and voice guidance.

The window hands this object the steps it shows, the errors its pages raise and the
idle warnings; this object applies the mode (its look through the window's
kiosk.mode_style.ModeStyle, its idle times) and speaks.
The voice is created only when a citizen first asks for it (the speech engine never
loads before the first frame), speaks through :func:`flows.spoken.speakable` so no name
or ID number is said aloud, and stops when the citizen moves on or the visit is wiped.
Everything resets for the next citizen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flows.spoken import private_values, speakable
from kiosk.presentation import Mode, Presentation, presentation, toggled
from kiosk.widgets import tr

if TYPE_CHECKING:
    from kiosk.idle import IdleGuard
    from kiosk.screens.base import ScreenContext
    from kiosk.voice import Voice

STEP_GUIDANCE = {
    "attract": "请选择您要办理的事情，轻触开始",
    "consent": "请阅读个人信息使用说明，同意后轻触下一步",
    "identity": "请将身份证放在感应区",
    "business": "请选择您的经营主体和业态，然后轻触下一步",
    "situation": "请根据实际情况回答，轻触是或否，然后轻触下一步",
    "licence": "请将营业执照上的二维码对准摄像头",
    "review": "表格已为您填好大部分内容，请核对，标有推定的内容请特别确认",
    "checklist": "这是需要准备的材料清单，核对后轻触下一步",
    "delivery": "请选择领取方式，然后轻触提交",
    "done": "申请已提交，请取走回执，并为本次服务评价",
}
"""What each step says when it opens, when the page has no guidance line of its own."""

IDLE_WARNING = "您已有一段时间没有操作，如需继续，请轻触继续办理"


class CitizenAids:
    def __init__(self, ctx: ScreenContext, idle: IdleGuard, timeout_s: int, warning_s: int,
                 restyle: Callable[[Presentation], None]) -> None:
        self.ctx = ctx
        self.idle = idle
        self._restyle = restyle  # the mode's look on the window (kiosk.mode_style.ModeStyle.apply)
        self._base_idle = (timeout_s, warning_s)
        self.mode = Mode.NORMAL
        self.voice: Voice | None = None
        self._last_words = ""

    @property
    def presentation(self) -> Presentation:
        return presentation(self.mode)

    @property
    def voice_on(self) -> bool:
        return self.voice is not None and self.voice.enabled

    # -- the citizen's choices on the attract screen ------------------------------
    def choose(self, chosen: Mode, on: bool) -> None:
        """A mode button was tapped: apply the resulting mode (large and elder exclude each other)."""
        self.apply(toggled(self.mode, chosen, on))

    def apply(self, mode: Mode) -> None:
        before = self.presentation
        self.mode = Mode(mode)
        shown = self.presentation
        self.ctx.presentation = shown
        self._restyle(shown)
        self.idle.timeout_s, self.idle.warning_s = shown.idle_times(*self._base_idle)
        if shown.voice_on != before.voice_on:
            self.set_voice(shown.voice_on)
        if self.voice is not None:
            self.voice.set_pace(shown.speech_pace)

    def set_voice(self, on: bool) -> None:
        if on and self.voice is None:
            from kiosk.voice import Voice  # the speech engine loads only when a citizen asks for it

            self.voice = Voice(enabled=True)
            self.voice.set_pace(self.presentation.speech_pace)
        if self.voice is not None:
            self.voice.enabled = on
            if on and self._last_words:
                self.voice.say(self._last_words, self.ctx.lang)

    # -- speaking -------------------------------------------------------------------
    def step_words(self, step: str, screen: Any) -> str:
        """Headline and guidance of the page now shown, as it may be said aloud."""
        headline = screen.headline.text() if screen is not None else ""
        guidance = getattr(screen, "guidance", None)
        line = guidance.text() if guidance is not None and guidance.text() else ""
        if not line and step in STEP_GUIDANCE:
            line = tr(STEP_GUIDANCE[step])
        words = "。".join(part for part in (headline, line) if part)
        return self._speakable(words)

    def speak_step(self, step: str, screen: Any) -> None:
        """A page opened: say what to do there (and stop whatever the last page was saying)."""
        self._last_words = self.step_words(step, screen)
        if self.voice is not None:
            self.voice.stop()
            if self.voice.enabled:
                self.voice.say(self._last_words, self.ctx.lang)

    def repeat(self) -> None:
        """The 重听 control: say the page's guidance again."""
        if self.voice_on:
            self.voice.say(self._last_words, self.ctx.lang)

    def speak_error(self, message: str) -> None:
        """A page shows an error: say it too (without any personal data in it)."""
        if self.voice_on:
            self.voice.say(self._speakable(message), self.ctx.lang)

    def speak_idle_warning(self) -> None:
        """The idle countdown appeared: a citizen who does not look at the screen hears it."""
        if self.voice_on:
            self.voice.say(tr(IDLE_WARNING), self.ctx.lang)

    def _speakable(self, text: str) -> str:
        visit = self.ctx.journey.visit
        private = private_values(visit.identity, visit.person_profile, visit.enterprise_profile,
                                 {"uscc": visit.uscc})
        return speakable(text, private)

    # -- the next citizen -----------------------------------------------------------
    def reset(self) -> None:
        """Normal mode, voice off, nothing remembered: the last citizen's aids do not carry over."""
        self._last_words = ""
        if self.voice is not None:
            self.voice.enabled = False
        if self.mode != Mode.NORMAL:
            self.apply(Mode.NORMAL)


__all__ = ["IDLE_WARNING", "STEP_GUIDANCE", "CitizenAids"]
