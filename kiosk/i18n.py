"""Switch the kiosk between Chinese (the source language) and English while it runs.

The screens' strings are zh_CN source strings passed through ``kiosk.widgets.tr``;
English comes from the Qt Linguist catalog ``assets/translations/onestop_en.qm``
(built from ``onestop_en.ts`` by ``scripts/translations.py``). Chinese needs no
translator at all. The installed translator is a child of the application object,
so there is exactly one per application and nothing global to keep in step.

After a switch Qt sends every widget a ``QEvent.LanguageChange``; screens re-read
their texts through ``tr()`` then.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.wording import SOURCE_LANGUAGE, catalog_text

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "assets" / "translations"
CATALOGS: dict[str, Path] = {"en": TRANSLATIONS / "onestop_en.qm"}
LANGUAGES: tuple[str, ...] = (SOURCE_LANGUAGE, *CATALOGS)
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
"""Each language named in itself, as a language switch shows it (data, not translated text)."""
_TRANSLATOR_NAME = "onestop-kiosk-translator"
__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "SOURCE_LANGUAGE",
    "UnsupportedLanguageError",
    "catalog_text",
    "install_language",
    "installed_language",
    "next_language",
]


def next_language(current: str, offered: list[str] | tuple[str, ...]) -> str | None:
    """The language the switch offers after `current` among the terminal's languages; None when the
    terminal offers only one (then the kiosk shows no language switch)."""
    choices = [lang for lang in dict.fromkeys(offered) if lang in LANGUAGES]
    if len(choices) < 2:
        return None
    if current not in choices:
        return choices[0]
    return choices[(choices.index(current) + 1) % len(choices)]


class UnsupportedLanguageError(ValueError):
    """The kiosk was asked for a language it has no translation for."""

    def __init__(self, lang: object) -> None:
        super().__init__(f"language {lang!r} is not offered by the kiosk (offered: {', '.join(LANGUAGES)})")


def install_language(app: QCoreApplication, lang: str, catalogs: dict[str, Path] | None = None) -> bool:
    """Show the kiosk in ``lang`` ("zh_CN" or "en"); True when that language is now in effect.

    The previous kiosk translator is removed first; "zh_CN" installs none. When the
    catalog file is missing or unreadable the previous language stays, the reason is
    logged for staff, and the answer is False. A language the kiosk does not offer
    raises :class:`UnsupportedLanguageError`.
    """
    catalogs = CATALOGS if catalogs is None else catalogs
    if lang != SOURCE_LANGUAGE and lang not in catalogs:
        raise UnsupportedLanguageError(lang)
    if lang == SOURCE_LANGUAGE:
        _remove_translators(app)
        return True
    translator = _load(app, lang, catalogs[lang])
    if translator is None:
        return False
    _remove_translators(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if not app.installTranslator(translator):
        translator.deleteLater()
        log.warning("Qt refused the %s translator; the kiosk stays in its previous language", lang)
        return False
    return True


def installed_language() -> str:
    """The language `install_language` put in effect: a catalog's language while its translator is
    installed, the source language (zh_CN) otherwise. For layers with no screen context (the
    staff screens), which need the language code and not only translated text."""
    app = QCoreApplication.instance()
    if app is None:
        return SOURCE_LANGUAGE
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        if translator.language() in CATALOGS and not translator.isEmpty():
            return translator.language()
    return SOURCE_LANGUAGE


def _load(app: QCoreApplication, lang: str, path: Path) -> QTranslator | None:
    if not path.is_file():
        log.warning("translation file %s is missing; run scripts/translations.py update", path)
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)) or translator.isEmpty():
        translator.deleteLater()
        log.warning("translation file %s for %s cannot be loaded (damaged or empty); rebuild it with "
                    "scripts/translations.py update", path, lang)
        return None
    return translator


def _remove_translators(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()
