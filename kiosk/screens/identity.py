"""身份认证: every identity source the terminal offers, side by side; the first to read wins.

Cards placed on and lifted off the readers arrive as signals from the device
bridge (no read loop here): a card placed starts one bounded read; the city-app
code is one scan that lasts as long as the step. Which read counts, and what a
lifted card means, is decided in kiosk.identity_sources.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel

from devices.errors import DeviceError
from flows.journey import JourneyError, PersonFacts
from kiosk.identity_sources import CARD_SOURCES, CITY_APP, IdentityRace, Verdict, offered_sources
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import Spinner, WrapGrid, button, label, pictogram, tr
from kiosk.wording import fill

CARD_READ_S = 3.0  # one read once a card is placed: a SAM module or a card answers well within this
CITY_APP_SCAN_S = 300.0  # one scan for the step; cancelled when the step ends, renewed if it runs out
RESCAN_AFTER_MS = 1500  # after a wrong code or a fault the camera looks again, not in a tight loop
DEMO_COLUMNS = 2

SOURCE_TEXT = {
    "idcard": "请将身份证放在感应区",
    "pcsc": "请将社会保障卡插入读卡器",
    "city_app": "请打开随申办“亮码”，将二维码对准下方摄像头",
}
PICTOGRAM = {"idcard": "idcard", "pcsc": "idcard", "city_app": "phone"}


class IdentityScreen(Screen):
    title = "身份认证"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.offered = offered_sources(ctx.runtime.devices, ctx.runtime.scanner)
        self.picture = pictogram(PICTOGRAM[self.offered[0]] if self.offered else "idcard")
        self.body.addWidget(self.picture)
        self.guidance = label("", "Guidance")
        self.body.addWidget(self.guidance)
        self.source_labels: dict[str, QLabel] = {}
        for number, source in enumerate(self.offered if len(self.offered) > 1 else [], start=1):
            line = label(f"{number}. {tr(SOURCE_TEXT[source])}", "Hint")
            line.setObjectName(f"source-{source}")
            self.source_labels[source] = line
            self.body.addWidget(line)
        self.spinner = Spinner()
        self.body.addWidget(self.spinner)
        self.demo_row = QGridLayout()  # wraps, so a portrait screen is not pushed wider
        self.body.addLayout(self.demo_row)
        self.body.addStretch(1)
        self.next_button.hide()
        self._active = False
        self._race = IdentityRace(self.offered)
        self._show_waiting()
        if ctx.bridge is not None:
            ctx.bridge.mediaInserted.connect(self._card_placed)
            ctx.bridge.mediaRemoved.connect(self._card_lifted)
        if ctx.demo:
            self._add_demo_controls()

    # -- demo: stand-ins for a hand placing a card ---------------------------
    def _add_demo_controls(self) -> None:
        reader = self.ctx.runtime.devices.idcard
        if reader is None or not hasattr(reader, "present"):
            return
        self.demo_row.addWidget(label(tr("演示："), "Hint", wrap=False), 0, 0)
        cards = WrapGrid(DEMO_COLUMNS)
        self.demo_row.addWidget(cards, 0, 1)
        for number, (key, display) in enumerate(reader.citizens(), start=1):
            name = display.split()[0]  # the masked name only; the masked number is too long for a button
            cards.add(button(fill(tr("样例%1 %2"), number, name),
                             lambda k=key: reader.present(k), name=f"demo-card-{key}"))

    # -- the step ----------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self._active = True
        self._race = IdentityRace(self.offered)
        self._show_waiting()
        for source in self.offered:
            if source in CARD_SOURCES:
                self._read_card(source, 0.0)  # a card already on the reader is read at once
        if CITY_APP in self.offered:
            self._scan_city_app()

    def leave(self) -> None:
        self._active = False
        self.spinner.stop()
        for source in self.offered:
            self._stop_source(source)

    def _show_waiting(self) -> None:
        if not self.offered:
            self.guidance.setText(tr("本机暂无可用的身份认证方式，请联系工作人员"))
        elif len(self.offered) == 1:
            self.guidance.setText(tr(SOURCE_TEXT[self.offered[0]]))
        else:
            self.guidance.setText(tr("请任选一种方式认证身份："))

    def _device(self, source: str) -> Any:
        return getattr(self.ctx.runtime.devices, source)

    def _stop_source(self, source: str) -> None:
        if source == CITY_APP:
            scanner, camera = self.ctx.runtime.scanner, self.ctx.runtime.devices.camera
            if scanner is not None:
                scanner.cancel()
            if camera is not None:
                camera.stop()
        elif self._device(source) is not None:
            self._device(source).cancel()

    # -- cards -------------------------------------------------------------------
    def _card_placed(self, device: str) -> None:
        if self._active and device in self.offered and device in CARD_SOURCES:
            self._read_card(device, CARD_READ_S)

    def _card_lifted(self, device: str) -> None:
        if self._active and self._race.card_removed(device):
            self._device(device).cancel()
            self.show_error(tr("证件已移开，尚未读完。请重新放好，读完前请勿移动"))

    def _read_card(self, source: str, timeout_s: float) -> None:
        ticket = self._race.start(source)
        if ticket is None:
            return
        reader = self._device(source)
        self.ctx.background.run(lambda: reader.read_card(timeout_s),
                                lambda record: self._card_read(source, ticket, record),
                                lambda error: self._card_failed(source, ticket, error))

    def _card_read(self, source: str, ticket: int, record: Any) -> None:
        if not self._active:
            return
        verdict = self._race.finished(source, ticket, record is not None)
        if verdict == Verdict.WON:
            self._won()
            card = record.as_dict()
            try:
                self.journey.check_card(card)
            except JourneyError as exc:
                self._refused(self._message(exc))
                return
            self._lookup_person(card)
        elif verdict == Verdict.READ_AGAIN:
            self._read_card(source, CARD_READ_S)

    def _card_failed(self, source: str, ticket: int, error: Exception) -> None:
        if not self._active:
            return
        verdict = self._race.finished(source, ticket, False)
        if verdict == Verdict.IGNORED:
            return  # the card was lifted meanwhile and the citizen was told already
        self.show_error(self._message(error))
        if verdict == Verdict.READ_AGAIN:
            self._read_card(source, CARD_READ_S)

    # -- the city-app code ---------------------------------------------------------
    def _scan_city_app(self) -> None:
        if not self._active:
            return
        ticket = self._race.start(CITY_APP)
        if ticket is None:
            return
        scanner = self.ctx.runtime.scanner
        self.ctx.background.run(lambda: scanner.scan(CITY_APP_SCAN_S),
                                lambda result: self._code_seen(ticket, result),
                                lambda error: self._scan_failed(ticket, error))

    def _code_seen(self, ticket: int, result: Any) -> None:
        if not self._active:
            return
        is_token = result is not None and result.kind == "city_app" and bool(result.token)
        verdict = self._race.finished(CITY_APP, ticket, is_token)
        if verdict == Verdict.WON:
            self._won()
            token = result.token
            self.guidance.setText(tr("正在核验，请稍候…"))
            self.ctx.background.run(lambda: self.journey.fetch_city_app(token), self._lookup_person,
                                    self._lookup_failed)
        elif verdict != Verdict.IGNORED:
            if result is None:
                self._scan_city_app()  # the long scan ran out with nothing shown: look on
                return
            self.show_error(tr("这不是随申办身份码，请打开随申办“亮码”后重试"))
            QTimer.singleShot(RESCAN_AFTER_MS, self._scan_city_app)

    def _scan_failed(self, ticket: int, error: Exception) -> None:
        if not self._active or self._race.finished(CITY_APP, ticket, False) == Verdict.IGNORED:
            return
        self.show_error(self._message(error))
        QTimer.singleShot(RESCAN_AFTER_MS, self._scan_city_app)

    # -- after a source won ----------------------------------------------------------
    def _won(self) -> None:
        """One source read an identity: the others stop, the citizen sees it is being checked."""
        for source in self._race.losers():
            self._stop_source(source)
        self.clear_error()
        self.spinner.start()

    def _lookup_person(self, card: dict[str, Any]) -> None:
        if not self._active:
            return
        self.guidance.setText(tr("正在读取档案，请稍候…"))
        journey = self.journey
        self.ctx.background.run(lambda: journey.fetch_person(card["id_number"]),
                                lambda facts: self._accept(card, facts), self._lookup_failed)

    def _accept(self, card: dict[str, Any], facts: PersonFacts) -> None:
        self.spinner.stop()
        reader = self.ctx.runtime.devices.idcard
        if self.ctx.demo and self._race.winner == "idcard" and hasattr(reader, "remove"):
            reader.remove()  # the demo's hand lifts the sample card once it is read
        if self._active and not self.attempt(lambda: self.journey.accept_identity(card, facts)):
            self._refused(self.error.text())

    def _lookup_failed(self, error: Exception) -> None:
        if self._active:
            self._refused(self._message(error))

    def _refused(self, message: str) -> None:
        """The winner's identity was not accepted: say why, and let every source read again."""
        self.spinner.stop()
        self.show_error(message)
        self._race.reopen()
        self._show_waiting()
        if CITY_APP in self.offered:
            QTimer.singleShot(RESCAN_AFTER_MS, self._scan_city_app)

    def _message(self, error: Exception) -> str:
        if isinstance(error, JourneyError | DeviceError):
            return self.words(error)
        return tr("读取失败，请重试或联系工作人员")
