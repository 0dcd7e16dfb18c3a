"""办事清单: the matters that apply, their departments and limits, and what to bring."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.screens.base import Screen, ScreenContext, clear_layout
from kiosk.widgets import label, touch_scroll, tr

STATUS_TEXT = {"bring": "请携带", "held": "电子证照已调取，免交", "commitment": "告知承诺，免交"}


class ChecklistScreen(Screen):
    title = "办事清单"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.summary = label("", "Guidance")
        self.body.addWidget(self.summary)
        self._content = QWidget()
        self._list = QVBoxLayout(self._content)
        self.body.addWidget(touch_scroll(self._content), 1)

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self._list)
        self.summary.clear()

    def enter(self) -> None:
        super().enter()
        self.wipe()
        matters = self.journey.matters
        checklist = self.journey.checklist()
        bring = sum(1 for item in checklist.items if item.status == "bring")
        longest = max((m.days_after for m in matters), default=0)
        self.summary.setText(
            tr("本次一并办理 %1 个事项，并联审批，最长 %2 个工作日；需提交材料 %3 份")
            .replace("%1", str(len(matters))).replace("%2", str(longest)).replace("%3", str(bring))
        )
        self._list.addWidget(label(tr("办理事项"), "SectionTitle"))
        grid = QGridLayout()
        for row, matter in enumerate(matters):
            grid.addWidget(label(self.text(matter, "name")), row, 0)
            grid.addWidget(label(self.text(matter, "department"), "Hint"), row, 1)
            grid.addWidget(label(tr("%1 个工作日").replace("%1", str(matter.days_after)), "Hint"), row, 2)
        self._list.addLayout(grid)
        self._list.addWidget(label(tr("申请材料"), "SectionTitle"))
        materials = QGridLayout()
        for row, item in enumerate(checklist.items):
            materials.addWidget(label(self.text(item, "name")), row, 0)
            materials.addWidget(label(tr(STATUS_TEXT.get(item.status, item.status)), "Hint"), row, 1)
        self._list.addLayout(materials)
        self._list.addStretch(1)

    def next_step(self) -> None:
        self.journey.finish_checklist()
