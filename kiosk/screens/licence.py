"""营业执照: the licence's QR under the camera, or the credit code typed by hand.

The preview runs from the camera's newest frame on a timer; decoding is one
scan on a worker for as long as the step lasts (no read loop here), so the
picture never stutters. When the camera fails the citizen types
the code instead, checked by its GB 32100 digit as they type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit

from devices.errors import DeviceError
from flows.identifiers import is_valid_uscc
from flows.journey import EnterpriseFacts, JourneyError
from kiosk.keyboard import hints_for
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import Spinner, WrapGrid, button, label, tr
from kiosk.wording import fill

if TYPE_CHECKING:  # numpy comes with the camera's first frame, not with this page
    import numpy as np

SCAN_S = 300.0  # one scan for the step; cancelled when the step ends, renewed if it runs out
RESCAN_AFTER_MS = 1500  # after a wrong code the camera looks again, not in a tight loop
RETRY_CAMERA_MS = 3000  # after a camera fault
PREVIEW_INTERVAL_MS = 66  # ~15 fps
PREVIEW_WIDTH = 640


def frame_to_pixmap(frame: np.ndarray, width: int) -> QPixmap:
    """A BGR (or grey) frame as a pixmap scaled to `width`, for the preview."""
    if frame.ndim == 2:
        image = QImage(frame.data, frame.shape[1], frame.shape[0], frame.strides[0],
                       QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, frame.shape[1], frame.shape[0], frame.strides[0],
                       QImage.Format.Format_BGR888)
    return QPixmap.fromImage(image.scaledToWidth(width, Qt.TransformationMode.FastTransformation))


class LicenceScreen(Screen):
    title = "营业执照"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        self.body.addWidget(label(tr("请将营业执照上的二维码对准摄像头"), "Guidance"))
        row = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.preview.setStyleSheet("background: #1d2633; border-radius: 12px;")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.preview)
        side = QHBoxLayout()
        row.addLayout(side, 1)
        self.body.addLayout(row)
        self.spinner = Spinner()
        self.body.addWidget(self.spinner)
        self.body.addWidget(label(tr("扫描不成功？也可以手动输入18位统一社会信用代码："), "Hint"))
        manual = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("UsccEdit")
        self.code_edit.setMaxLength(18)
        self.code_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.code_edit.setInputMethodHints(hints_for("uscc"))
        self.code_edit.setPlaceholderText("91310104MA1FR0000C")
        self.code_edit.setAccessibleName(tr("统一社会信用代码"))
        self.code_edit.textChanged.connect(self._code_typed)
        manual.addWidget(self.code_edit, 1)
        self.code_state = label("", "Hint", wrap=False)
        manual.addWidget(self.code_state)
        self.body.addLayout(manual)
        self.demo_row = QGridLayout()  # wraps, so a portrait screen is not pushed wider
        self.body.addLayout(self.demo_row)
        self.body.addStretch(1)
        self.next_button.setText(tr("使用输入的代码"))
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_INTERVAL_MS)
        self._timer.timeout.connect(self._show_frame)
        self._active = False
        self._busy = False
        if ctx.demo:
            self._add_demo_controls()

    def _add_demo_controls(self) -> None:
        camera = self.ctx.runtime.devices.camera
        if camera is None or not hasattr(camera, "show_licence"):
            return
        reader = self.ctx.runtime.devices.idcard
        self.demo_row.addWidget(label(tr("演示：出示执照"), "Hint", wrap=False), 0, 0)
        keys = [key for key, _display in (reader.citizens() if hasattr(reader, "citizens") else [])]
        demos = [(fill(tr("样例%1"), n), (lambda k=key: camera.show_licence(k)),
                  f"demo-licence-{key}") for n, key in enumerate(keys, 1)]
        demos.append((tr("无效二维码"), camera.show_garbage, "demo-garbage"))
        shown = WrapGrid(3)
        self.demo_row.addWidget(shown, 0, 1)
        for text, action, name in demos:
            shown.add(button(text, action, name=name))

    def enter(self) -> None:
        super().enter()
        self.code_edit.clear()
        self._active = True
        camera = self.ctx.runtime.devices.camera
        self.preview.setVisible(camera is not None)
        if camera is None:
            self.show_error(tr("本机未配置摄像头，请手动输入统一社会信用代码"))
            return
        try:
            camera.start()
        except DeviceError as exc:
            self.show_error(self.words(exc))
            return
        self._timer.start()
        self._scan()

    def leave(self) -> None:
        self._active = False
        self._timer.stop()
        self.spinner.stop()
        if self.ctx.runtime.scanner is not None:
            self.ctx.runtime.scanner.cancel()
            self.ctx.runtime.devices.camera.stop()
        self.preview.clear()

    def wipe(self) -> None:
        super().wipe()
        self.code_edit.clear()
        self.preview.clear()

    def _show_frame(self) -> None:
        camera = self.ctx.runtime.devices.camera
        frame = camera.latest_frame() if camera is not None else None
        if frame is not None:
            self.preview.setPixmap(frame_to_pixmap(frame, PREVIEW_WIDTH))

    def _scan(self) -> None:
        if not self._active or self._busy or self.ctx.runtime.scanner is None:
            return
        self._busy = True
        scanner = self.ctx.runtime.scanner
        self.ctx.background.run(lambda: scanner.scan(SCAN_S), self._seen, self._failed)

    def _seen(self, result: Any) -> None:
        self._busy = False
        if not self._active:
            return
        if result is None:
            self._scan()  # the long scan ran out with nothing shown: look on
        elif result.kind != "licence" or not result.uscc:
            self.show_error(tr("未识别到营业执照二维码，请出示营业执照正本或副本上的二维码"))
            QTimer.singleShot(RESCAN_AFTER_MS, self._scan)
        else:
            self._use(result.uscc)

    def _failed(self, error: Exception) -> None:
        self.show_error(self.words(error) if isinstance(error, DeviceError)
                        else tr("摄像头暂时无法使用，请手动输入"))
        self._busy = False
        QTimer.singleShot(RETRY_CAMERA_MS, self._scan)

    def _code_typed(self, text: str) -> None:
        text = text.strip().upper()
        if len(text) < 18:
            self.code_state.setText(tr("还差 %n 位", "", 18 - len(text)) if text else "")
        else:
            self.code_state.setText(tr("✓ 代码有效") if is_valid_uscc(text) else tr("✗ 校验位不符"))

    def next_step(self) -> None:
        code = self.journey.check_uscc(self.code_edit.text())
        self._use(code)

    def _use(self, uscc: str) -> None:
        self._active = False
        if self.ctx.runtime.scanner is not None:
            self.ctx.runtime.scanner.cancel()
        self.spinner.start()
        journey = self.journey
        self.ctx.background.run(
            lambda: journey.fetch_enterprise(uscc, journey.id_number),
            lambda facts: self._accept(uscc, facts),
            self._failed,
        )

    def _accept(self, uscc: str, facts: EnterpriseFacts) -> None:
        self.spinner.stop()
        self._busy = False
        camera = self.ctx.runtime.devices.camera
        if self.ctx.demo and hasattr(camera, "show_nothing"):
            camera.show_nothing()  # the demo's hand takes the licence away once it is read
        try:
            self.journey.accept_licence(uscc, facts)
        except JourneyError as exc:
            self.show_error(self.words(exc))
            self._active = True
            self._scan()
