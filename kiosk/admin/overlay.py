"""A layer that covers its host widget and follows its size: the base of the PIN pad and the panel.

Staff screens sit over the citizen screens rather than replacing them, so
leaving admin mode returns exactly where the kiosk was. The host is whatever
the window chooses (the stacked screens, so the on-screen keyboard below them
stays usable for text fields). Colours that only staff screens use are set
here, on the layer, so the shared stylesheet stays the citizen's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

ADMIN_STYLE = """
#AdminLayer { background: #f4f6fa; }
#AdminHeader { background: #2f3b4c; }
#AdminHeader QLabel { color: white; font-size: 30px; font-weight: bold; }
#AdminNav QPushButton { min-width: 220px; text-align: left; padding-left: 28px; }
#PinDots { font-size: 64px; letter-spacing: 18px; color: #0b3566; }
#PinKey { min-width: 150px; min-height: 110px; font-size: 40px; font-weight: bold; }
#Banner { font-size: 26px; color: #b3261e; background: #fdecea; border-radius: 8px; padding: 8px 14px; }
#Notice { font-size: 26px; color: #0b7a3e; }
#FieldError { font-size: 22px; color: #b3261e; }
#Row { background: white; border: 1px solid #d5dfeb; border-radius: 10px; }
"""


class Overlay(QWidget):
    """A full-host layer: `show_over(host)` places it on top and keeps it the host's size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdminLayer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(ADMIN_STYLE)
        self._host: QWidget | None = None

    def show_over(self, host: QWidget) -> None:
        """Cover `host` (becoming its child) and follow its resizes until hidden."""
        if self._host is not host:
            if self._host is not None:
                self._host.removeEventFilter(self)
            self.setParent(host)
            host.installEventFilter(self)
            self._host = host
        self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False
