"""The screen a passer-by sees: one tile per life event (一件事)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

from kiosk.i18n import LANGUAGE_NAMES, next_language
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import WrapGrid, button, icon, label, tr

SERVICE_CHECK_MS = 5000


class AttractScreen(Screen):
    """Theme tiles, a search box, and the citizen's own settings: language, large text, voice."""

    title = ""
    show_nav = False
    languageRequested = Signal(str)
    largeTextToggled = Signal(bool)
    elderToggled = Signal(bool)
    voiceToggled = Signal(bool)
    trackRequested = Signal()  # 查询办件进度: the window shows kiosk/screens/tracking.py

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr("一件事 一次办"))
        options = WrapGrid(4)  # one row where they fit, two on a narrow screen in large text
        self.next_language = next_language(ctx.lang, ctx.runtime.settings.terminal.languages)
        self.language_button = button(
            LANGUAGE_NAMES.get(self.next_language or "", ""), self._switch_language, name="LanguageButton")
        if self.next_language is None:
            self.language_button.hide()  # a terminal configured for one language shows no switch
        self.large_button = button(tr("大字模式"), name="LargeTextButton")
        self.large_button.setCheckable(True)
        self.large_button.toggled.connect(self.largeTextToggled)
        self.elder_button = button(tr("长辈模式"), name="ElderButton")
        self.elder_button.setCheckable(True)
        self.elder_button.toggled.connect(self.elderToggled)
        self.voice_button = button(tr("语音引导"), name="VoiceButton")
        self.voice_button.setCheckable(True)
        self.voice_button.toggled.connect(self.voiceToggled)
        for widget in (self.language_button, self.elder_button, self.large_button, self.voice_button):
            options.add(widget)
        self.search = QLineEdit()
        self.search.setObjectName("ThemeSearch")
        self.search.setPlaceholderText(tr("搜索：如 奶茶、咖啡、kfd"))
        self.search.setAccessibleName(tr("搜索要办理的事情"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keyboard opens when tapped, not by itself
        self.search.textChanged.connect(self._search)
        self.body.addWidget(options)
        self.body.addWidget(self.search)  # its own row: the whole placeholder shows in any language
        self.guidance = label(tr("请选择您要办理的事情，轻触开始"), "Guidance")
        self.body.addWidget(self.guidance)
        self.grid = WrapGrid(3, spacing=28)  # fewer tiles a row where their titles would not fit
        self.body.addWidget(self.grid, 1)
        help_row = WrapGrid(2)  # side by side where they fit, else one above the other
        self.track_button = button(tr("查询办件进度 / Track my application"), self.trackRequested.emit,
                                   name="TrackTile")
        help_row.add(self.track_button)
        self.help_button = button(tr("呼叫工作人员（帮办）"), self._call_staff, name="CallStaff")
        help_row.add(self.help_button)
        self.body.addWidget(help_row)
        self.help_note = label("", "Guidance")
        self.body.addWidget(self.help_note)
        self.tiles: dict[str, object] = {}
        self._service_timer = QTimer(self)
        self._service_timer.setInterval(SERVICE_CHECK_MS)  # a reader that fails or returns shows up here
        self._service_timer.timeout.connect(self._check_service)
        self._build_tiles()

    def _build_tiles(self) -> None:
        for theme in self.ctx.journey.catalog.themes:
            tile = button(self.text(theme, "title"), role="tile", name=f"theme-{theme.id}")
            tile.setIcon(icon(theme.icon))
            tile.setIconSize(QSize(96, 96))
            tile.clicked.connect(lambda _c=False, t=theme.id: self.journey.choose_theme(t))
            self.tiles[theme.id] = tile
            self.grid.add(tile)

    def _follow_catalog(self) -> None:
        """Between visits the journey takes the newest catalog from the hub: redraw the tiles then."""
        if not self.journey.refresh_catalog():
            return
        self.grid.clear()
        for tile in self.tiles.values():
            tile.deleteLater()
        self.tiles.clear()
        self._build_tiles()
        self._search(self.search.text())

    def _switch_language(self) -> None:
        if self.next_language is not None:
            self.languageRequested.emit(self.next_language)

    def _search(self, query: str) -> None:
        """Show only the themes the query finds (title, pinyin, initials, everyday words)."""
        from flows.search import match_themes  # at the first keystroke: the first frame needs no search

        matches = match_themes(self.journey.catalog, query)
        found = {m.theme.id for m in matches}
        for theme_id, tile in self.tiles.items():
            tile.setVisible(theme_id in found)
        why = [f"{m.matched} → {self.text(m.theme, 'title')}" for m in matches if m.via == "keyword"]
        if query.strip() and not found:
            self.guidance.setText(tr("没有找到相关事项，请换个说法，或直接选择下面的事项"))
            for tile in self.tiles.values():
                tile.setVisible(True)
        elif why:
            self.guidance.setText("；".join(why))
        else:
            self.guidance.setText(tr("请选择您要办理的事情，轻触开始"))

    def wipe(self) -> None:
        super().wipe()
        self.search.clear()
        self.help_note.clear()

    def enter(self) -> None:
        super().enter()
        self._follow_catalog()
        self._check_service()
        self._service_timer.start()

    def leave(self) -> None:
        self._service_timer.stop()

    def _check_service(self) -> None:
        """Open for visits only when one can be finished: a way to identify, room in the queue."""
        if not self.isVisible():  # the window was closed or another page is showing
            self._service_timer.stop()
            return
        self._follow_catalog()
        accepting, reason = self.ctx.runtime.outbox.accepting()
        broken = self.ctx.runtime.out_of_service_reason()
        for tile in self.tiles.values():
            tile.setEnabled(accepting and broken is None)
        if broken is not None:
            self.headline.setText(tr("本机暂停服务，请到人工窗口办理"))
            self.show_error(tr("设备故障（供工作人员参考）：") + broken)
        elif not accepting:
            self.show_error(tr("本机暂停受理新的申请：") + reason.split(" / ")[0])
        else:
            self.headline.setText(tr("一件事 一次办"))

    def _call_staff(self) -> None:
        self.help_button.setEnabled(False)
        self.help_note.setText(tr("正在呼叫工作人员…"))
        self.ctx.background.run(self.ctx.runtime.call_staff, self._staff_called, self._staff_not_called)

    def _staff_called(self, told_hub: object) -> None:
        if not told_hub:
            self._staff_not_called(RuntimeError("hub not reached"))
            return
        self.help_note.setText(tr("已通知工作人员，请稍候，马上为您服务。"))
        self.help_button.setEnabled(True)

    def _staff_not_called(self, _error: Exception) -> None:
        self.help_note.setText(tr("暂时无法联网通知，请到服务台寻求帮助。"))
        self.help_button.setEnabled(True)

    def set_columns(self, columns: int) -> None:
        """At most three tiles a row in landscape, two in portrait (fewer where titles would not fit)."""
        self.grid.set_max_columns(columns)
