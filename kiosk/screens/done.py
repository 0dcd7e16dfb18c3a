"""完成: the application id, whether it reached the hub, the receipt, and 好差评."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QButtonGroup

from kiosk.screens.base import Screen, ScreenContext
from kiosk.submission import SubmissionChanges, send_rating
from kiosk.widgets import Spinner, WrapGrid, button, label, pictogram, set_pictogram, tr
from kiosk.wording import delivery_state_text, fill, print_problem_text

RATINGS = ("非常不满意", "不满意", "基本满意", "满意", "非常满意")
# An SMS is promised only when the hub's notifier is configured (hub.sms_notifier); the QR always works.
NEXT_STEPS_SMS = ("各部门将并联审批，办理进度将以短信通知，也可凭回执上的二维码或办件编号随时查询。\n"
                  "请带走您的身份证和回执。")
NEXT_STEPS_QR = ("各部门将并联审批。凭回执上的二维码，或在本机“查询办件进度”输入办件编号，"
                 "可随时查询办理进度。\n请带走您的身份证和回执。")


class DoneScreen(Screen):
    title = "提交成功"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.picture = pictogram("waiting", 120)
        self.body.addWidget(self.picture)
        self.application = label("", "Figure")
        self.body.addWidget(self.application)
        self.delivery_state = label("", "Guidance")
        self.body.addWidget(self.delivery_state)
        self.print_state = label("", "Guidance")
        self.body.addWidget(self.print_state)
        self.spinner = Spinner()
        self.body.addWidget(self.spinner)
        self.next_steps = label("", "Hint")
        self.body.addWidget(self.next_steps)
        self.body.addWidget(label(tr("请为本次服务评价（好差评）："), "Guidance"))
        row = WrapGrid(len(RATINGS))  # five a row where they fit, else wrapped (long English words)
        self.rating_group = QButtonGroup(self)
        for stars, text in enumerate(RATINGS, start=1):
            choice = button(f"{'★' * stars}\n{tr(text)}", name=f"rating-{stars}")
            choice.setCheckable(True)
            choice.clicked.connect(lambda _c=False, s=stars: self._rate(s))
            self.rating_group.addButton(choice)
            row.add(choice)
        self.body.addWidget(row)
        self.rating_note = label("", "Hint")
        self.body.addWidget(self.rating_note)
        self.body.addStretch(1)
        self.back_button.hide()
        self.cancel_button.hide()
        self.next_button.setText(tr("完成，返回首页"))

    def enter(self) -> None:
        super().enter()
        self.application.clear()
        self.delivery_state.clear()
        set_pictogram(self.picture, "waiting", 120)
        self.print_state.setText(tr("正在打印回执，请稍候…"))
        self.spinner.start()
        self.next_steps.clear()
        self.rating_group.setExclusive(False)
        for choice in self.rating_group.buttons():
            choice.setChecked(False)
        self.rating_group.setExclusive(True)

    def _rate(self, stars: int) -> None:
        """Sent at once (queued like the application); a second tap sends the corrected rating."""
        self.journey.rate(stars)
        application_id = self.journey.visit.application_id
        if not application_id:
            return
        runtime = self.ctx.runtime
        theme_id = self.journey.visit.theme_id
        self.ctx.background.run(lambda: send_rating(runtime, application_id, theme_id, stars),
                                lambda _id: self.rating_note.setText(tr("感谢您的评价！")),
                                lambda _exc: self.rating_note.setText(tr("评价暂未保存，感谢您的反馈。")))

    def wipe(self) -> None:
        super().wipe()
        for text in (self.application, self.delivery_state, self.print_state, self.next_steps,
                     self.rating_note):
            text.clear()

    def show_submitted(self, submitted: Any) -> None:
        number = submitted.application_number or submitted.application_id
        self.application.setText(fill(tr("办件编号：%1"), number))
        self.next_steps.setText(tr(NEXT_STEPS_SMS if self.ctx.runtime.settings.hub.sms_notifier
                                   else NEXT_STEPS_QR))

    def show_outcome(self, changes: SubmissionChanges) -> None:
        """What the submission operation reports: reached the hub or queued, printed or why not."""
        self.spinner.stop()
        set_pictogram(self.picture, "success" if changes.delivered else "waiting", 120)
        self.delivery_state.setText(delivery_state_text(changes.delivered, tr))
        self.print_state.setText(tr("请取走回执。") if changes.printed
                                 else print_problem_text(changes.print_problem, tr))

    def next_step(self) -> None:
        self.journey.cancel()
