"""配送: collect the licences at the hall (自取) or have them sent, postage paid on delivery."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit

from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import Spinner, button, label, tr


class DeliveryScreen(Screen):
    title = "领取方式"

    def __init__(self, ctx: ScreenContext, submit) -> None:
        super().__init__(ctx)
        self._submit = submit
        self.headline.setText(tr(self.title))
        self.body.addWidget(label(tr("审批完成后，证照如何交给您？"), "Guidance"))
        row = QHBoxLayout()
        self.pickup = button(tr("到大厅窗口自取"), role="option", name="delivery-pickup")
        self.courier = button(tr("快递到付"), role="option", name="delivery-courier")
        group = QButtonGroup(self)
        for choice in (self.pickup, self.courier):
            choice.setCheckable(True)
            group.addButton(choice)
            row.addWidget(choice)
            choice.clicked.connect(self._method_changed)
        self.body.addLayout(row)
        self.remembered = label(tr("已按您上次办理时的选择预选，可修改"), "Hint")
        self.body.addWidget(self.remembered)
        self.address_label = label(tr("邮寄地址（已按您的档案预填，可修改）："), "Hint")
        self.body.addWidget(self.address_label)
        self.address = QLineEdit()
        self.address.setObjectName("DeliveryAddress")
        self.address.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.address.setAccessibleName(tr("邮寄地址"))
        self.body.addWidget(self.address)
        self.spinner = Spinner()
        self.body.addWidget(self.spinner)
        self.body.addStretch(1)
        self.next_button.setText(tr("提交申请"))

    def enter(self) -> None:
        super().enter()
        self.spinner.stop()
        delivery = self.journey.visit.delivery
        self.pickup.setChecked(delivery.method == "pickup")
        self.courier.setChecked(delivery.method == "courier")
        self.address.setText(delivery.address)
        self.remembered.setVisible(delivery.remembered)
        self._method_changed()

    def wipe(self) -> None:
        super().wipe()
        self.address.clear()

    def _method_changed(self) -> None:
        courier = self.courier.isChecked()
        self.address.setVisible(courier)
        self.address_label.setVisible(courier)

    def next_step(self) -> None:
        method = "courier" if self.courier.isChecked() else "pickup"
        self.journey.choose_delivery(method, self.address.text())
        self.next_button.setEnabled(False)
        self.spinner.start()
        self._submit()

    def submit_finished(self) -> None:
        self.spinner.stop()
        self.next_button.setEnabled(True)
