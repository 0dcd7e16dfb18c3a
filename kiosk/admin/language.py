"""The staff screens in the language the kiosk shows now, and messages that arrive in two languages.

The admin layers have no screen context: the window owns the citizen's language and
kiosk.i18n installs it as a Qt Linguist translator on the application. So the admin
screens pass their Chinese source strings through kiosk.widgets.tr() like the citizen
screens, ask kiosk.i18n which language that is (`installed_language`) where they need
the code itself, and are drawn again when staff open them in another language
(kiosk.admin.staff_mode). Qt-free layers (kiosk.staff's PIN messages, the outbox's
errors, devices.troubleshooting's live-test words) carry a Chinese and an English text
themselves; `in_kiosk_language` picks the one to show, so they need no catalog entry.
"""

from __future__ import annotations

from kiosk.i18n import installed_language


def in_kiosk_language(message_zh: str, message_en: str) -> str:
    """The English text in English mode (when there is one), the Chinese otherwise."""
    if message_en and installed_language() == "en":
        return message_en
    return message_zh
