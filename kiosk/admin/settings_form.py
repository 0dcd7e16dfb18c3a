"""The 设置 tab: every terminal setting as a touch form, validated before anything is saved.

Generated from the settings declaration (kiosk.admin.settings_fields), so a new
setting appears here without screen code. "保存" validates the whole form with
the same declarations the kiosk starts from; a wrong value is marked on its
own field and nothing is written. A valid change is audited `settings.save
{changed: [keys]}` (key names only, never values), written to the TOML file in
one atomic step, and takes effect at the next start ("重启后生效"), because the
devices, outbox and sync were built from the old values.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.admin.audit_gate import AuditGate, AuditRefused
from kiosk.admin.settings_editors import Editor, make_editor
from kiosk.admin.settings_fields import (
    SettingField,
    SettingsFormError,
    changed_keys,
    current_values,
    section_titles,
    setting_fields,
    validate_form,
)
from kiosk.admin.settings_toml import SettingsWriteError, write_settings
from kiosk.i18n import installed_language
from kiosk.settings import KioskSettings
from kiosk.widgets import button, label, touch_scroll, tr
from kiosk.wording import fill

NO_CONFIG_ZH = "未指定配置文件，无法保存：请技术人员用 --config 启动程序"


class SettingsForm(QWidget):
    """Signals `saved(settings, changed_keys)` after a write and `restart_requested()`."""

    saved = Signal(object, list)
    restart_requested = Signal()

    def __init__(
        self, settings: KioskSettings, config_path: Path | None, audit: AuditGate, lang: str | None = None
    ) -> None:
        super().__init__()
        self.lang = lang or installed_language()  # labels and section titles are declared in both languages
        self.titles = section_titles(lang)
        self.settings = settings
        self.config_path = Path(config_path) if config_path is not None else None
        self.audit = audit
        self.fields = setting_fields()
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._action_bar())
        self.banner = label("", "Banner")
        self.banner.hide()
        column.addWidget(self.banner)
        body = QWidget()
        body_column = QVBoxLayout(body)
        for section, title in self.titles.items():
            body_column.addWidget(label(title, "SectionTitle"))
            body_column.addWidget(self._section([f for f in self.fields if f.section == section]))
        body_column.addStretch(1)
        column.addWidget(touch_scroll(body), 1)
        self.load(settings)

    def _action_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.notice = label("", "Notice")
        row.addWidget(self.notice, 1)
        self.restart_button = button(tr("立即重启"), self.restart_requested.emit, name="SettingsRestart")
        self.restart_button.hide()
        row.addWidget(self.restart_button)
        row.addWidget(button(tr("撤销修改"), self.revert, name="SettingsRevert"))
        self.save_button = button(tr("保存"), self.save, role="primary", name="SettingsSave")
        row.addWidget(self.save_button)
        if self.config_path is None:
            self.save_button.setEnabled(False)
            self.notice.setText(tr(NO_CONFIG_ZH))
        return bar

    def _section(self, fields: list[SettingField]) -> QWidget:
        box = QWidget()
        box.setObjectName("Card")
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        grid = QGridLayout(box)
        grid.setContentsMargins(20, 12, 20, 12)
        grid.setHorizontalSpacing(24)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        for row, field in enumerate(fields):
            grid.addWidget(self._caption(field), row, 0)
            editor = make_editor(field)
            error = label("", "FieldError")
            error.hide()
            cell = QWidget()
            cell_column = QVBoxLayout(cell)
            cell_column.setContentsMargins(0, 4, 0, 4)
            cell_column.addWidget(editor.widget)
            cell_column.addWidget(error)
            grid.addWidget(cell, row, 1)
            self.editors[field.key] = editor
            self.errors[field.key] = error
        return box

    def _caption(self, field: SettingField) -> QWidget:
        caption = QWidget()
        column = QVBoxLayout(caption)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        column.addWidget(label(field.label(self.lang)))
        help_text = field.description
        if field.range_text():
            help_text += fill(tr("（范围 %1）"), field.range_text())
        if field.read_only:
            help_text += tr("（只能由技术人员在配置文件中修改）")
        column.addWidget(label(help_text, "Hint"))
        return caption

    # -- actions -----------------------------------------------------------------
    def load(self, settings: KioskSettings) -> None:
        """Show `settings` in every editor and clear the marks."""
        values = current_values(settings)
        for key, editor in self.editors.items():
            editor.set_value(values.get(key))
        self._clear_errors()

    def revert(self) -> None:
        self.load(self.settings)
        self.notice.setText("" if self.config_path is not None else tr(NO_CONFIG_ZH))

    def entered(self) -> dict[str, object]:
        return {key: editor.value() for key, editor in self.editors.items()}

    def save(self) -> bool:
        """Validate, audit, write; True when the file now holds the new settings."""
        self._clear_errors()
        if self.config_path is None:
            self._show_banner(tr(NO_CONFIG_ZH))
            return False
        try:
            new = validate_form(self.settings, self.entered(), tr)
        except SettingsFormError as exc:
            self._show_errors(exc.errors)
            return False
        changed = changed_keys(self.settings, new)
        if not changed:
            self.notice.setText(tr("没有修改"))
            return False
        try:
            self.audit.record("settings.save", {"changed": changed})
            write_settings(self.config_path, new)
        except AuditRefused as exc:
            self._show_banner(exc.message)
            return False
        except SettingsWriteError as exc:
            self._show_banner(fill(tr("保存失败，设置未改变：%1"), exc))
            return False
        self.settings = new
        self.notice.setText(tr("已保存 %n 项设置，重启后生效", None, len(changed)))
        self.restart_button.show()
        self.saved.emit(new, changed)
        return True

    # -- marks -------------------------------------------------------------------
    def _show_errors(self, errors: dict[str, str]) -> None:
        general = []
        for key, text in errors.items():
            if key in self.errors:
                self.errors[key].setText(text)
                self.errors[key].show()
                self.editors[key].set_invalid(True)
            else:
                general.append(fill(tr("%1：%2"), self.titles.get(key, key), text))
        summary = tr("有 %n 项需要修改，设置未保存", None, len(errors))
        self._show_banner("\n".join([summary, *general]))

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _clear_errors(self) -> None:
        self.banner.hide()
        for key, error in self.errors.items():
            error.hide()
            error.setText("")
            self.editors[key].set_invalid(False)

    def error_text(self, key: str) -> str:
        """The message shown under one field ("" when none)."""
        return self.errors[key].text()
