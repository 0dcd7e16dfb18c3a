"""The staff screens in the language the kiosk shows now, and messages that arrive in two languages.

The admin layers have no screen context: the window owns the citizen's language and
kiosk.i18n installs it as a Qt Linguist translator on the application. So the admin
screens pass their Chinese source strings through kiosk.widgets.tr() like the citizen
screens, ask the application which language that is (`kiosk_language`) where they need
the code itself, and are drawn again when staff open them in another language
(kiosk.admin.staff_mode). Qt-free layers (kiosk.staff's PIN messages, the outbox's
errors, devices.troubleshooting's live-test words) carry a Chinese and an English text
themselves; `in_kiosk_language` picks the one to show, so they need no catalog entry.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.i18n import CATALOGS, SOURCE_LANGUAGE

_MARKER = re.compile(r"%([1-9])")


def kiosk_language() -> str:
    """"en" while kiosk.i18n's English catalog is installed, the source language (zh_CN) otherwise."""
    app = QCoreApplication.instance()
    if app is None:
        return SOURCE_LANGUAGE
    for translator in app.findChildren(QTranslator):
        if translator.language() in CATALOGS and not translator.isEmpty():
            return translator.language()
    return SOURCE_LANGUAGE


def in_kiosk_language(message_zh: str, message_en: str) -> str:
    """The English text in English mode (when there is one), the Chinese otherwise."""
    if message_en and kiosk_language() == "en":
        return message_en
    return message_zh


def fill(text: str, *values: object) -> str:
    """`text` (a translated string) with %1, %2 … replaced by `values` in one pass.

    One pass, unlike chained ``.replace``: a value that itself holds "%2" (a device's
    error text, a path) is shown as it is instead of being filled in again.
    """

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _MARKER.sub(value, text)
