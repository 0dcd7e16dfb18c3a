"""身份认证: the ID card on the reader, or the city app's QR code under the camera."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout

from devices.errors import DeviceError
from flows.journey import JourneyError, PersonFacts
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import Spinner, button, label, pictogram, set_pictogram, tr

READ_SLICE_S = 1.0  # one blocking read; the screen loops while it is shown
DEMO_COLUMNS = 2
RETRY_AFTER_FAULT_MS = 1500  # a faulty reader is asked again, but not in a tight loop


class IdentityScreen(Screen):
    title = "身份认证"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.picture = pictogram("idcard")
        self.body.addWidget(self.picture)
        self.guidance = label(tr("请将身份证放在感应区"), "Guidance")
        self.body.addWidget(self.guidance)
        self.spinner = Spinner()
        self.body.addWidget(self.spinner)
        self.mode_button = button(tr("没带身份证？扫描随申办二维码"), self._toggle_mode, name="CityAppButton")
        self.body.addWidget(self.mode_button)
        self.demo_row = QGridLayout()  # wraps, so a portrait screen is not pushed wider
        self.body.addLayout(self.demo_row)
        self.body.addStretch(1)
        self.next_button.hide()
        self._mode = "card"
        self._active = False
        self._busy = False
        if ctx.demo:
            self._add_demo_controls()

    # -- demo: stand-ins for a hand placing a card ---------------------------
    def _add_demo_controls(self) -> None:
        reader = self.ctx.runtime.devices.idcard
        if reader is None or not hasattr(reader, "present"):
            return
        self.demo_row.addWidget(label(tr("演示："), "Hint", wrap=False), 0, 0)
        for number, (key, display) in enumerate(reader.citizens(), start=1):
            name = display.split()[0]  # the masked name only; the masked number is too long for a button
            self.demo_row.addWidget(
                button(tr("样例%1 %2").replace("%1", str(number)).replace("%2", name),
                       lambda k=key: reader.present(k), name=f"demo-card-{key}"),
                (number - 1) // DEMO_COLUMNS, 1 + (number - 1) % DEMO_COLUMNS,
            )

    # -- reading loop ----------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self._active = True
        devices = self.ctx.runtime.devices
        self.mode_button.setVisible(devices.idcard is not None and devices.camera is not None)
        self._set_mode("card" if devices.idcard is not None else "city_app")

    def leave(self) -> None:
        self._active = False
        self.spinner.stop()
        devices = self.ctx.runtime.devices
        if devices.idcard is not None:
            devices.idcard.cancel()
        if devices.camera is not None:
            devices.camera.cancel()
            devices.camera.stop()

    def _toggle_mode(self) -> None:
        self._set_mode("city_app" if self._mode == "card" else "card")

    def _set_mode(self, mode: str) -> None:
        self._mode = mode
        if mode == "card":
            set_pictogram(self.picture, "idcard")
            self.guidance.setText(tr("请将身份证放在感应区"))
            self.mode_button.setText(tr("没带身份证？扫描随申办二维码"))
        else:
            set_pictogram(self.picture, "phone")
            self.guidance.setText(tr("请打开随申办“亮码”，将二维码对准下方摄像头"))
            self.mode_button.setText(tr("改用身份证"))
        self._poll()

    def _poll(self) -> None:
        if not self._active or self._busy:
            return
        self._busy = True
        if self._mode == "card":
            reader = self.ctx.runtime.devices.idcard
            self.ctx.background.run(lambda: reader.read_card(READ_SLICE_S), self._card_read, self._failed)
        else:
            scanner = self.ctx.runtime.scanner
            self.ctx.background.run(lambda: scanner.scan(READ_SLICE_S), self._code_seen, self._failed)

    def _again(self) -> None:
        self._busy = False
        self._poll()

    def _card_read(self, record: Any) -> None:
        if record is None or not self._active:
            self._again()
            return
        card = record.as_dict()
        try:
            self.journey.check_card(card)
        except JourneyError as exc:
            self.show_error(exc.message_zh)
            self._again()
            return
        self._lookup_person(card)

    def _code_seen(self, result: Any) -> None:
        if result is None or not self._active:
            self._again()
            return
        if result.kind != "city_app" or not result.token:
            self.show_error(tr("这不是随申办身份码，请打开随申办“亮码”后重试"))
            self._again()
            return
        token = result.token
        self.spinner.start()
        self.guidance.setText(tr("正在核验，请稍候…"))
        self.ctx.background.run(lambda: self.journey.fetch_city_app(token), self._lookup_person, self._failed)

    def _lookup_person(self, card: dict[str, Any]) -> None:
        self.spinner.start()
        self.guidance.setText(tr("正在读取档案，请稍候…"))
        journey = self.journey
        self.ctx.background.run(
            lambda: journey.fetch_person(card["id_number"]),
            lambda facts: self._accept(card, facts),
            self._failed,
        )

    def _accept(self, card: dict[str, Any], facts: PersonFacts) -> None:
        self.spinner.stop()
        self._busy = False
        reader = self.ctx.runtime.devices.idcard
        if self.ctx.demo and hasattr(reader, "remove"):
            reader.remove()  # the demo's hand lifts the sample card once it is read
        if self._active:
            self.attempt(lambda: self.journey.accept_identity(card, facts))

    def _failed(self, error: Exception) -> None:
        self.spinner.stop()
        if isinstance(error, JourneyError | DeviceError):
            self.show_error(error.message_zh)
        else:
            self.show_error(tr("读取失败，请重试或联系工作人员"))
        self.guidance.setText(tr("请将身份证放在感应区") if self._mode == "card" else tr("请重新出示二维码"))
        QTimer.singleShot(RETRY_AFTER_FAULT_MS, self._again)
