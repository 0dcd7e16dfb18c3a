"""The screen a passer-by sees: one tile per life event (一件事)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import button, icon, label, tr


class AttractScreen(Screen):
    title = ""
    show_nav = False

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr("一件事 一次办"))
        self.body.addWidget(label(tr("请选择您要办理的事情，轻触开始"), "Guidance"))
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.body.addLayout(self.grid, 1)
        help_row = QHBoxLayout()
        self.help_note = label("", "Guidance")
        help_row.addWidget(self.help_note, 1)
        self.help_button = button(tr("呼叫工作人员（帮办）"), self._call_staff, name="CallStaff")
        help_row.addWidget(self.help_button)
        self.body.addLayout(help_row)
        self.tiles: dict[str, object] = {}
        self._columns = 3
        self._build_tiles()

    def _build_tiles(self) -> None:
        for i, theme in enumerate(self.ctx.journey.catalog.themes):
            tile = button(theme.title_zh, role="tile", name=f"theme-{theme.id}")
            tile.setIcon(icon(theme.icon))
            tile.setIconSize(QSize(96, 96))
            tile.clicked.connect(lambda _c=False, t=theme.id: self.journey.choose_theme(t))
            self.tiles[theme.id] = tile
            self.grid.addWidget(tile, i // self._columns, i % self._columns)

    def enter(self) -> None:
        super().enter()
        accepting, reason = self.ctx.runtime.outbox.accepting()
        for tile in self.tiles.values():
            tile.setEnabled(accepting)
        if not accepting:
            self.show_error(tr("本机暂停受理新的申请：") + reason.split(" / ")[0])

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
        """Three tiles a row in landscape, two in portrait."""
        if columns == self._columns:
            return
        self._columns = columns
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // columns, i % columns)
