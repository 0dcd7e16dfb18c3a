"""Consent before any personal data is read (PIPL: separate consent for ID numbers)."""

from __future__ import annotations

from kiosk.screens.base import Screen
from kiosk.widgets import label, tr

CONSENT_TEXT = (
    "为办理您选择的事项，本机将读取您的身份证件信息（含身份证号码等敏感个人信息），"
    "并向政务服务中心调取您及您企业的档案信息和电子证照，用于预先填写申请表。\n\n"
    "这些信息只用于本次办理；提交后加密保存并发送至政务服务中心，发送成功后本机即删除。"
    "您离开或超时未操作时，本机会立即清除您的全部信息。"
)


class ConsentScreen(Screen):
    title = "个人信息使用告知"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.body.addWidget(label(tr(CONSENT_TEXT), "Guidance"))
        self.body.addStretch(1)
        self.next_button.setText(tr("同意并继续"))
        self.cancel_button.setText(tr("不同意"))
        self.back_button.hide()

    def next_step(self) -> None:
        self.journey.accept_consent()
