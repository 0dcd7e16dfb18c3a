"""办事清单: the matters that apply, their departments and limits, and what to bring."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.screens.base import Screen, ScreenContext, clear_layout
from kiosk.submission import print_checklist
from kiosk.widgets import WrapGrid, button, label, touch_scroll, tr
from kiosk.wording import fill, print_problem_text, status_text


class ChecklistScreen(Screen):
    body_scrolls = False  # the long form/list scrolls in its own area
    title = "办事清单"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self._content = QWidget()
        column = QVBoxLayout(self._content)  # the summary scrolls with the list: on a 768-high
        column.setContentsMargins(0, 0, 0, 0)  # panel in 长辈模式 it left the list no room
        self.summary = label("", "Guidance")
        column.addWidget(self.summary)
        self._list = QVBoxLayout()
        column.addLayout(self._list, 1)
        self.body.addWidget(touch_scroll(self._content), 1)
        self.print_note = label("", "Hint")
        self.print_note.hide()  # shown with a word to say: no empty row above the buttons
        self.body.addWidget(self.print_note)
        self.select_all = button(tr("全选"), self._select_all, name="SelectAllMaterials")
        self.print_button = button(tr("打印清单"), self._print, name="PrintChecklist")
        extras = WrapGrid(2)  # above the nav row, which stays short enough for a portrait screen
        extras.add(self.select_all)
        extras.add(self.print_button)
        self.body.addWidget(extras)
        self.material_buttons: dict[str, QPushButton] = {}

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self._list)
        self.summary.clear()
        self._note("")
        self.material_buttons.clear()

    def prepare(self) -> None:
        """The list is drawn anew for each entry (the matters follow the answers), while the page
        is hidden: its ~40 rows then cost no show and hide events of their own."""
        self.wipe()
        matters = self.journey.matters
        checklist = self.journey.checklist()
        bring = sum(1 for item in checklist.items if item.status == "bring")
        longest = max((m.days_after for m in matters), default=0)
        self.summary.setText(
            fill(tr("本次一并办理 %1 个事项，并联审批，最长 %2 个工作日；需提交材料 %3 份"),
                 len(matters), longest, bring)
        )
        self._list.addWidget(label(tr("办理事项"), "SectionTitle"))
        grid = QGridLayout()
        for row, matter in enumerate(matters):
            grid.addWidget(label(self.text(matter, "name")), row, 0)
            grid.addWidget(label(self.text(matter, "department"), "Hint"), row, 1)
            grid.addWidget(label(fill(tr("%1 个工作日"), matter.days_after), "Hint"), row, 2)
        self._list.addLayout(grid)
        self._list.addWidget(label(tr("申请材料"), "SectionTitle"))
        materials = QGridLayout()
        for row, item in enumerate(checklist.items):
            pick = button(self.text(item, "name"), role="option", name=f"material-{item.material_id}")
            pick.setCheckable(True)
            pick.setChecked(item.status == "bring")  # what to bring is picked for the printed list
            self.material_buttons[item.material_id] = pick
            materials.addWidget(pick, 2 * row, 0)  # its status below: long names keep the full width
            materials.addWidget(label(status_text(item.status, tr), "Hint"), 2 * row + 1, 0)
        self._list.addLayout(materials)
        self._list.addStretch(1)

    def _select_all(self) -> None:
        everything = not all(b.isChecked() for b in self.material_buttons.values())
        for pick in self.material_buttons.values():
            pick.setChecked(everything)

    def chosen(self) -> list[str]:
        return [material for material, pick in self.material_buttons.items() if pick.isChecked()]

    def _print(self) -> None:
        """The chosen materials and the matters on paper, to prepare at home (nothing submitted yet)."""
        chosen = set(self.chosen())
        items = [i for i in self.journey.checklist().items if i.material_id in chosen]
        theme, matters = self.journey.theme, self.journey.matters
        runtime, lang = self.ctx.runtime, self.ctx.lang
        self.print_button.setEnabled(False)
        self._note(tr("正在打印清单…"))
        self.ctx.background.run(lambda: print_checklist(runtime, theme, matters, items, lang=lang, tr=tr),
                                self._printed, self._printed)

    def _printed(self, problem: str | Exception) -> None:
        self.print_button.setEnabled(True)
        if isinstance(problem, Exception):
            self._note(tr("清单打印失败，可在提交后随回执一并打印"))
        else:
            done = tr("清单已打印，请取走。")
            self._note(print_problem_text(problem, tr) if problem else done)

    def _note(self, text: str) -> None:
        self.print_note.setText(text)
        self.print_note.setVisible(bool(text))

    def next_step(self) -> None:
        self.journey.finish_checklist()
