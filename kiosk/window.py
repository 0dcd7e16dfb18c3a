"""The kiosk window: top bar with the step bar, one stacked page per step, the idle guard.

It listens to the journey and shows the page for the current step; it owns no
decisions. Leaving a page stops its device work; going back to attract wipes
every page that showed citizen data.

Only the attract page is built before the first frame (kiosk/first_frame.py): the other
pages are built one per turn of the event loop after it, or when a citizen reaches one
first, and the staff screens at the first staff gesture. Their modules (with numpy, the
admin panel's editors, the tracking client) load then too (bench/bench_startup.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from flows.journey import PROGRESS_STEPS, Journey, Step
from kiosk import heap
from kiosk.accessibility import INTERACTIVE, AccessibleControls, describe
from kiosk.app_events import ApplicationEvents
from kiosk.background import Background
from kiosk.citizen_aids import CitizenAids
from kiosk.device_bridge import DeviceBridge
from kiosk.first_frame import AfterFirstFrame
from kiosk.i18n import catalog_text, install_language
from kiosk.idle import IdleGuard, IdleOverlay
from kiosk.keyboard import KeyboardPanel
from kiosk.lockdown import Lockdown
from kiosk.mode_style import ModeStyle
from kiosk.presentation import Mode
from kiosk.runtime import Runtime
from kiosk.screens.attract import AttractScreen
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import StepBar, TouchScroll, button, label, tr

if TYPE_CHECKING:
    from kiosk.admin.staff_mode import StaffMode
    from kiosk.screens.delivery import DeliveryScreen
    from kiosk.screens.done import DoneScreen
    from kiosk.screens.tracking import TrackingScreen

log = logging.getLogger(__name__)

RELEASE_AFTER_WIPE_MS = 100  # after the attract screen's first paint, before anyone can tap again
EXIT_RESTART = 3  # "restart me": the systemd unit's Restart=always brings the kiosk back
START_ANYWAY_MS = 3000  # what waits for the first frame starts by then even if nothing painted

PAGES: dict[Step, tuple[str, str]] = {
    Step.ATTRACT: ("kiosk.screens.attract", "AttractScreen"),
    Step.CONSENT: ("kiosk.screens.consent", "ConsentScreen"),
    Step.IDENTITY: ("kiosk.screens.identity", "IdentityScreen"),
    Step.BUSINESS: ("kiosk.screens.questions", "QuestionsScreen"),
    Step.SITUATION: ("kiosk.screens.questions", "QuestionsScreen"),
    Step.LICENCE: ("kiosk.screens.licence", "LicenceScreen"),
    Step.REVIEW: ("kiosk.screens.review", "ReviewScreen"),
    Step.CHECKLIST: ("kiosk.screens.checklist", "ChecklistScreen"),
    Step.DELIVERY: ("kiosk.screens.delivery", "DeliveryScreen"),
    Step.DONE: ("kiosk.screens.done", "DoneScreen"),
}
"""Each step's page (module, class), in the order a visit reaches them and idle time builds them."""

STEP_TITLES = {
    Step.IDENTITY: "身份认证",
    Step.BUSINESS: "主体业态",
    Step.SITUATION: "情形判断",
    Step.LICENCE: "营业执照",
    Step.REVIEW: "多表合一",
    Step.CHECKLIST: "办事清单",
    Step.DELIVERY: "配送",
    Step.DONE: "完成",
}


class Pages(Mapping[Step, Screen]):
    """The window's page for each step, built the first time it is asked for.

    A mapping of every step, as when all pages were built up front: looking one up, or going
    through them all (`values()`), builds what is not built yet. The window's own passes (wipe,
    headline) go through `built()` only."""

    def __init__(self, build: Callable[[Step], Screen], added: Callable[[Step, Screen], None]) -> None:
        self._build = build
        self._added = added
        self._pages: dict[Step, Screen] = {}

    def __getitem__(self, step: Step) -> Screen:
        page = self._pages.get(step)
        if page is None:
            if step not in PAGES:
                raise KeyError(step)
            page = self._pages[step] = self._build(step)
            self._added(step, page)
        return page

    def __iter__(self) -> Iterator[Step]:
        return iter(PAGES)

    def __len__(self) -> int:
        return len(PAGES)

    def __contains__(self, step: object) -> bool:
        return step in PAGES

    def built(self) -> list[Screen]:
        return list(self._pages.values())

    def next_unbuilt(self) -> Step | None:
        return next((step for step in PAGES if step not in self._pages), None)

    def clear(self) -> list[Screen]:
        """Forget every page (the language changed); returns them for the window to delete."""
        pages, self._pages = list(self._pages.values()), {}
        return pages


class KioskWindow(QMainWindow):
    stepChanged = Signal(str)

    staffRequested = Signal()

    def __init__(self, runtime: Runtime, *, demo: bool = False, locked: bool = False,
                 config_path: Path | None = None) -> None:
        super().__init__()
        self.runtime = runtime
        self.locked = locked  # kiosk mode: no closing, no escape keys (staff leave through the admin panel)
        self.journey = Journey(runtime.catalog, runtime.hub, catalog_source=lambda: runtime.catalog)
        self.background = Background(self)
        self.setWindowTitle(tr("一网通办 · 自助服务终端"))
        self.bridge = DeviceBridge(runtime.devices.all(), self)  # device events reach screens here
        self.ctx = ScreenContext(self.journey, runtime, self.background, demo, bridge=self.bridge)

        root = QWidget()
        root.setObjectName("Root")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.top_bar = self._top_bar(runtime.settings.terminal.hall)
        column.addWidget(self.top_bar)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        self.keyboard = KeyboardPanel(root)
        self.keyboard.shownChanged.connect(self._keyboard_shown)
        column.addWidget(self.keyboard)
        self.setCentralWidget(root)

        self.screens = Pages(self._make_page, self._page_added)
        self._tracking: TrackingScreen | None = None  # 查询办件进度, shown over the attract step
        self.aids: CitizenAids | None = None
        self.app_events = ApplicationEvents(self)  # the one application-wide filter, from the first frame
        self.accessible = AccessibleControls(self)  # names and descriptions as controls are polished

        self.overlay = IdleOverlay(root)
        terminal = runtime.settings.terminal
        self.idle = IdleGuard(self.overlay, terminal.idle_timeout_s, terminal.idle_warning_s,
                              self._idle_expired, self)
        self.mode_style = ModeStyle(root, self._parts_in_view, self._citizen_pages, self)
        self.aids = CitizenAids(self.ctx, self.idle, terminal.idle_timeout_s, terminal.idle_warning_s,
                                self.mode_style.apply)
        self.ctx.speak = self.aids.speak_error
        self.idle.on_warning = self.aids.speak_idle_warning
        self.lockdown = Lockdown(self, self.staffRequested.emit)
        if locked:  # the window's own events until the first frame, then the application's
            self.installEventFilter(self.lockdown)
        self._config_path = config_path
        self._staff: StaffMode | None = None  # the PIN pad and admin panel, built at the first gesture
        self.staffRequested.connect(self._open_staff)
        self._current: Screen | None = None
        self._screen: QScreen | None = None
        self.stepChanged.connect(self._show_step)
        self.journey.subscribe(lambda step: self.stepChanged.emit(step.value))
        self._painted = False
        self._when_painted: list[Callable[[], None]] = []
        self._idle_build_queued = False
        self._closed = False  # a closed window builds nothing more in idle time
        self._first_frame = AfterFirstFrame(self._first_frame_shown, latest_ms=START_ANYWAY_MS, watch=self)
        if terminal.language != self.ctx.lang:
            self._apply_language(terminal.language)  # the language a new session starts in
        self._show_step(Step.ATTRACT.value)

    # -- pages, built when first needed ------------------------------------------
    def _make_page(self, step: Step) -> Screen:
        """The page of `step`, drawn in the current language (dropped when the language changes)."""
        module, name = PAGES[step]
        page_class = getattr(import_module(module), name)
        extra = {Step.BUSINESS: ("business",), Step.SITUATION: ("situation",),
                 Step.DELIVERY: (self._submit,)}.get(step, ())
        page: Screen = page_class(self.ctx, *extra)
        self.mode_style.dress(page)  # built during a large-text visit: polished in that look once
        self.stack.addWidget(page)
        if self.keyboard.isVisible():
            page.headline.hide()  # as _keyboard_shown does for the pages already there
        return page

    def _page_added(self, step: Step, page: Screen) -> None:
        if step != Step.ATTRACT:
            return
        attract: AttractScreen = page  # type: ignore[assignment]
        attract.languageRequested.connect(self.set_language)
        attract.largeTextToggled.connect(lambda on: self.set_mode(Mode.LARGE, on))
        attract.elderToggled.connect(lambda on: self.set_mode(Mode.ELDER, on))
        attract.voiceToggled.connect(self.set_voice)
        attract.trackRequested.connect(self._show_tracking)
        self._show_aids()

    def _citizen_pages(self) -> list[QWidget]:
        """The citizen's pages built so far (not the staff's, which keep their own look)."""
        return [*self.screens.built(), *([self._tracking] if self._tracking is not None else [])]

    def _parts_in_view(self) -> list[QWidget]:
        """What a mode change restyles at once: the bars, the idle overlay and the page shown."""
        shown = self.stack.currentWidget()
        return [self.top_bar, self.overlay, *([shown] if shown in self._citizen_pages() else [])]

    @property
    def tracking(self) -> TrackingScreen:
        """The tracking page (built the first time it is wanted)."""
        if self._tracking is None:
            from kiosk.screens.tracking import TrackingScreen

            self._tracking = TrackingScreen(self.ctx)
            self.mode_style.dress(self._tracking)
            self.stack.addWidget(self._tracking)
        return self._tracking

    def _drop_pages(self) -> None:
        """Delete every page built so far; each is built again, in the new language, when needed."""
        old_pages = self.screens.clear() + ([self._tracking] if self._tracking is not None else [])
        self._tracking = None
        for old in old_pages:
            self.stack.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        self._build_in_idle_time()

    def when_first_frame(self, then: Callable[[], None]) -> None:
        """Run `then` once the first frame is on the screen (at once if it is already)."""
        if self._painted:
            then()
        else:
            self._when_painted.append(then)

    def _first_frame_shown(self) -> None:
        self._painted = True
        self._watch_application()
        waiting, self._when_painted = self._when_painted, []
        for then in waiting:
            then()
        self._build_in_idle_time()

    def _watch_application(self) -> None:
        """The application-wide filters, from the first frame on: accessible names, the idle
        guard's touches, and (kiosk mode) the lockdown, which watched the window's own events
        until now (keys while no field has focus, taps in its corner, closing).

        Not before it: with any application-wide filter written in Python, PySide wraps every
        object an event goes to while the window is built and shown (Qt's own scroll bars,
        layouts, line-edit parts), and the first wrapper of each Qt class builds its enum types:
        ~25 ms of CPU before the first frame (bench/bench_startup.py). Before the first frame
        nothing is on the screen to tap; a close is refused by closeEvent() in kiosk mode."""
        app = QApplication.instance()
        if app is None:
            return
        if self.locked:  # first: a swallowed key reaches no other watcher
            self.removeEventFilter(self.lockdown)
            self.app_events.watch(self.lockdown, Lockdown.WATCHES)
        self.app_events.watch(self.idle, IdleGuard.WATCHES)
        self.app_events.watch(self.accessible, AccessibleControls.WATCHES)
        app.installEventFilter(self.app_events)  # the one application-wide filter (kiosk/app_events.py)
        polished = Qt.WidgetAttribute.WA_WState_Polished
        for widget in self.findChildren(QWidget):  # the ones polished before the filter was there
            if isinstance(widget, INTERACTIVE) and widget.testAttribute(polished):
                describe(widget)

    def _build_in_idle_time(self) -> None:
        """One page per turn of the event loop, so a tap in between is answered at once."""
        if self._painted and not self._idle_build_queued and not self._closed:
            self._idle_build_queued = True
            QTimer.singleShot(0, self, self._build_one_page)

    def _build_one_page(self) -> None:
        self._idle_build_queued = False
        if self._closed:
            return
        step = self.screens.next_unbuilt()
        if step is not None:
            self.screens[step]
        elif self._tracking is None:
            self.tracking  # noqa: B018  # built, last
        else:
            return
        self._build_in_idle_time()

    def set_large_text(self, on: bool) -> None:
        """Large text and high contrast for this visit; back to normal for the next citizen."""
        self.set_mode(Mode.LARGE, on)

    def set_mode(self, mode: Mode, on: bool) -> None:
        """A mode button on the attract screen (large text, 长辈模式): one tap, this visit only."""
        if self.aids is not None:
            self.aids.choose(mode, on)
            self._show_aids()
            self._arrange_tiles()

    def set_voice(self, on: bool) -> None:
        if self.aids is not None:
            self.aids.set_voice(on)
            self._show_aids()

    def _show_aids(self) -> None:
        """The attract buttons and the 重听 control show the aids as they are."""
        aids = self.aids
        attract: AttractScreen = self.screens[Step.ATTRACT]  # type: ignore[assignment]
        mode = aids.mode if aids is not None else Mode.NORMAL
        voice_on = aids is not None and aids.voice_on
        for widget, checked in ((attract.large_button, mode == Mode.LARGE),
                                (attract.elder_button, mode == Mode.ELDER),
                                (attract.voice_button, voice_on)):
            widget.blockSignals(True)
            widget.setChecked(checked)
            widget.blockSignals(False)
        self.repeat_button.setVisible(voice_on)

    def _reset_for_next_citizen(self) -> None:
        """The last citizen's language, text size, mode and voice do not carry over."""
        if self.aids is not None:
            self.aids.reset()
        default = self.runtime.settings.terminal.language
        if self.ctx.lang != default:
            self._apply_language(default)
        self._show_aids()
        self._arrange_tiles()

    def set_language(self, lang: str) -> None:
        """Switch the whole kiosk to `lang` between visits (only from the attract screen)."""
        if self.journey.step != Step.ATTRACT or lang == self.ctx.lang:
            return
        if self._apply_language(lang):
            self._current = None
            self._show_step(Step.ATTRACT.value)

    def _apply_language(self, lang: str) -> bool:
        app = QApplication.instance()
        if app is None or not install_language(app, lang):
            return False
        self.ctx.lang = lang
        self._drop_pages()
        self.step_bar.set_titles([tr(STEP_TITLES[s]) for s in PROGRESS_STEPS])
        self.setWindowTitle(tr("一网通办 · 自助服务终端"))
        return True

    def _top_bar(self, hall: str) -> QWidget:
        bar = QWidget()
        bar.setObjectName("TopBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(32, 12, 32, 12)
        self.theme_title = label("", "ThemeTitle", wrap=False)
        row.addWidget(self.theme_title)
        self.step_bar = StepBar([tr(STEP_TITLES[s]) for s in PROGRESS_STEPS])
        row.addWidget(self.step_bar, 1)
        self.repeat_button = button(tr("重听"), self._repeat, name="RepeatButton")
        self.repeat_button.setAccessibleDescription(tr("再说一遍本页的语音提示"))
        self.repeat_button.hide()
        row.addWidget(self.repeat_button)
        self.hall_name = label(hall, "HallName", wrap=False)  # shown while no step bar needs the room
        row.addWidget(self.hall_name)
        return bar

    # -- following the journey ------------------------------------------------
    def _show_step(self, value: str) -> None:
        step = Step(value)
        returning = step == Step.ATTRACT and self._current not in (None, self.screens[Step.ATTRACT])
        if self._current is not None:
            self._current.leave()
        if step == Step.ATTRACT:
            self.background.invalidate()  # late answers for the last citizen are dropped
            for page in self.screens.built():
                page.wipe()
            if returning:
                self._reset_for_next_citizen()
                QTimer.singleShot(RELEASE_AFTER_WIPE_MS, self, self._release_visit_memory)
        screen = self.screens[step]
        self._current = screen
        self.mode_style.dress(screen)  # before its rows are filled: they are polished once
        screen.prepare()
        self.stack.setCurrentWidget(screen)
        screen.enter()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for area in screen.findChildren(TouchScroll):
            area.follow_content()  # a page drawn in a fixed-size window: long parts scroll, not squeeze
        self.theme_title.setText(
            catalog_text(self.journey.theme, "title", self.ctx.lang) if self.journey.visit.theme_id else "")
        self.step_bar.set_current(PROGRESS_STEPS.index(step) if step in PROGRESS_STEPS else None)
        self.step_bar.setVisible(step in PROGRESS_STEPS)
        self.hall_name.setVisible(step not in PROGRESS_STEPS)
        self.idle.arm(step != Step.ATTRACT)
        if self.aids is not None:
            self.aids.speak_step(step.value, screen)

    def _show_tracking(self) -> None:
        """The tracking page, between visits: the journey stays at attract; back, idle or a new
        citizen return there, and the page forgets what it showed when it is left."""
        if self.journey.step != Step.ATTRACT:
            return
        if self._current is not None:
            self._current.leave()
        tracking = self.tracking
        self._current = tracking
        self.mode_style.dress(tracking)
        self.stack.setCurrentWidget(tracking)
        tracking.enter()
        self.idle.arm(True)

    def _repeat(self) -> None:
        if self.aids is not None:
            self.aids.repeat()

    def _release_visit_memory(self) -> None:
        """Once the attract screen has painted: the keyboard's QML garbage is collected and the
        freed heap handed back, so the terminal stays near its first-visit size for weeks."""
        self.keyboard.release_memory()
        heap.trim()

    def _idle_expired(self) -> None:
        log.info("idle timeout: session wiped")
        self.journey.cancel()

    # -- submission -----------------------------------------------------------
    def _submit(self) -> None:
        """Show what the submission operation reports; it decides and does everything else."""
        from kiosk.submission import Submission, SubmitRefused  # with the receipt's modules: not at start

        delivery: DeliveryScreen = self.screens[Step.DELIVERY]  # type: ignore[assignment]
        done: DoneScreen = self.screens[Step.DONE]  # type: ignore[assignment]
        submission = Submission(self.runtime, lang=self.ctx.lang, tr=tr)
        try:
            submitted = submission.commit(self.journey)
        except SubmitRefused as refused:  # nothing lost: the visit stays at delivery
            delivery.submit_finished()
            delivery.show_error(refused.text(self.ctx.lang, tr))
            return
        delivery.submit_finished()
        done.show_submitted(submitted)
        self.background.run(lambda: submission.finish(submitted), done.show_outcome, self._print_failed)

    def _print_failed(self, exc: Exception) -> None:
        """A surprise in the printing half: the application is safe, the counter has the receipt."""
        from kiosk.submission import SubmissionChanges

        log.error("deliver/print failed: %s", type(exc).__name__)
        done: DoneScreen = self.screens[Step.DONE]  # type: ignore[assignment]
        done.show_outcome(SubmissionChanges(self.journey.visit.application_id, False, False, "failed"))

    # -- window behaviour -------------------------------------------------------
    def fill_screen(self, screen: QScreen | None = None) -> None:
        """Take the screen's whole geometry, fixed, then go full screen.

        With no window manager (bare Xorg/xinit, Xvfb) showFullScreen() alone keeps the
        size hint; with one (cage, a desktop) the geometry set here is what it grants anyway.
        A fixed size also means no page and no keyboard can push the window past the edge:
        what does not fit shrinks (its scroll area), the window never grows.
        """
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        screen = screen or self.screen() or QGuiApplication.primaryScreen()
        if screen is not self._screen:
            if self._screen is not None:
                self._screen.geometryChanged.disconnect(self._screen_resized)
            screen.geometryChanged.connect(self._screen_resized)
            self._screen = screen
        self._take(screen.geometry())
        self.showFullScreen()

    def show_windowed(self, width: int = 1360, height: int = 840) -> None:
        """A movable window for a desk (`--windowed`), never larger than the screen's free area."""
        free = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.keyboard.fit_to(free.size())
        self.resize(min(width, free.width()), min(height, free.height()))
        self.show()

    def _keyboard_shown(self, shown: bool) -> None:
        """While the citizen types, the headline steps aside: on a 768-high panel in large text the
        field, the keyboard and the nav row need its room (the step bar still names the step)."""
        for page in self.screens.built():
            page.headline.setVisible(not shown)

    def _take(self, geometry: QRect) -> None:
        self.setFixedSize(geometry.size())
        self.setGeometry(geometry)
        self.keyboard.fit_to(geometry.size())

    def _screen_resized(self, geometry: QRect) -> None:
        """A rotated panel or a new mode (xrandr): follow the screen."""
        if self.isFullScreen() or self.minimumSize() == self.maximumSize():
            self._take(geometry)

    @property
    def staff(self) -> StaffMode:
        """The PIN pad and the admin panel, built at the first staff gesture (their modules too)."""
        if self._staff is None:
            from kiosk.admin.staff_mode import StaffMode

            staff = StaffMode(self.runtime, self.stack, self._config_path, bridge=self.bridge)
            staff.closed.connect(lambda: self.idle.arm(self.journey.step != Step.ATTRACT))
            staff.restart_requested.connect(lambda: self._quit(EXIT_RESTART))
            staff.exit_requested.connect(self._leave_and_close)
            self._staff = staff
        return self._staff

    def _open_staff(self) -> None:
        """Five corner taps: the PIN pad over the page; the citizen's idle wipe waits meanwhile."""
        if self.staff.active:
            return
        self.idle.arm(False)
        self.runtime.clear_staff_call()  # staff are here: the 帮办 alert is answered
        self.staff.open()

    def _quit(self, code: int) -> None:
        """Restart: leave with a code the service manager restarts on (systemd Restart=always)."""
        self.leave_kiosk_mode()
        app = QApplication.instance()
        if app is not None:
            app.exit(code)

    def _leave_and_close(self) -> None:
        self.leave_kiosk_mode()
        self.close()

    def leave_kiosk_mode(self) -> None:
        """Staff chose to leave: closing is allowed again."""
        self.locked = False
        self.removeEventFilter(self.lockdown)
        self.app_events.unwatch(self.lockdown)

    def closeEvent(self, event: QEvent) -> None:
        if self.locked:
            event.ignore()  # Alt+F4 or a window manager's close: the kiosk stays
            return
        self._first_frame.stop()  # nothing waiting for a first frame starts after the close
        self._when_painted.clear()
        self._closed = True
        if self._current is not None:
            self._current.leave()  # stop the page's timers and device work before the runtime goes
        self.background.invalidate()
        self.background.wait(3000)
        self.bridge.close()
        super().closeEvent(event)

    def resizeEvent(self, event) -> None:
        """Portrait screens get two theme tiles a row instead of three."""
        super().resizeEvent(event)
        self._arrange_tiles()

    def _arrange_tiles(self) -> None:
        """Tiles per row by orientation and mode (fewer, bigger ones in 长辈模式)."""
        attract: AttractScreen = self.screens[Step.ATTRACT]  # type: ignore[assignment]
        shown = self.ctx.presentation
        attract.set_columns(shown.tiles_per_row(portrait=self.width() < self.height()))



__all__ = ["KioskWindow"]
