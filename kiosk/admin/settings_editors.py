"""One touch editor per kind of setting: toggle, choice buttons, several choices, a text field.

No physical keyboard in a hall: choices are big buttons, and text or number
fields are QLineEdits, which bring up the embedded on-screen keyboard (digits
only for numbers, through input-method hints). Each editor reports its value
as the form needs it; numbers stay text until the form reads them, so a typo
becomes a message on that field instead of an exception.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.admin.settings_fields import SettingField, choice_text
from kiosk.widgets import MultiChoice, button, tr

ON = "开"
OFF = "关"


class Editor:
    """What the form asks of every editor."""

    widget: QWidget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_invalid(self, invalid: bool) -> None:
        self.widget.setProperty("invalid", invalid)
        style = self.widget.style()
        style.unpolish(self.widget)
        style.polish(self.widget)


class ToggleEditor(Editor):
    def __init__(self, field: SettingField) -> None:
        self.widget = button(tr(OFF), name=f"setting-{field.key}")
        self.widget.setCheckable(True)
        self.widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.widget.toggled.connect(lambda on: self.widget.setText(tr(ON) if on else tr(OFF)))

    def value(self) -> bool:
        return self.widget.isChecked()

    def set_value(self, value: Any) -> None:
        self.widget.setChecked(bool(value))
        self.widget.setText(tr(ON) if value else tr(OFF))


class ChoiceEditor(Editor):
    """One of a few values, as buttons (three to a row) of which exactly one is down."""

    COLUMNS = 3

    def __init__(self, field: SettingField) -> None:
        self.widget = QWidget()
        self.widget.setObjectName(f"setting-{field.key}")
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self.widget)
        self.group.setExclusive(True)
        self.buttons: dict[Any, QPushButton] = {}
        for index, choice in enumerate(field.choices):
            option = button(choice_text(choice, tr), name=f"choice-{field.key}-{choice}")
            option.setCheckable(True)
            self.group.addButton(option)
            self.buttons[choice] = option
            grid.addWidget(option, index // self.COLUMNS, index % self.COLUMNS)
        grid.setColumnStretch(self.COLUMNS, 1)

    def value(self) -> Any:
        for choice, option in self.buttons.items():
            if option.isChecked():
                return choice
        return None

    def set_value(self, value: Any) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)


class MultiEditor(Editor):
    """Any number of values (the languages offered), as toggle buttons."""

    def __init__(self, field: SettingField) -> None:
        self.choice = MultiChoice([(str(c), choice_text(c, tr)) for c in field.choices], columns=3)
        self.choice.setObjectName(f"setting-{field.key}")
        self.widget = self.choice
        self._by_text = {str(c): c for c in field.choices}

    def value(self) -> list[Any]:
        return [self._by_text[v] for v in self.choice.value()]

    def set_value(self, value: Any) -> None:
        chosen = {str(v) for v in value or []}
        for option_id, option in self.choice.buttons.items():
            option.setChecked(option_id in chosen)


class TextEditor(Editor):
    """Text, a number (digits keyboard) or a path; read-only keys are shown but not editable."""

    def __init__(self, field: SettingField) -> None:
        self.field = field
        self.widget = QLineEdit()
        self.widget.setObjectName(f"setting-{field.key}")
        self.widget.setMinimumWidth(360)
        hint = Qt.InputMethodHint
        if field.kind == "int":
            self.widget.setInputMethodHints(hint.ImhDigitsOnly | hint.ImhNoPredictiveText)
        elif field.kind == "float":
            self.widget.setInputMethodHints(hint.ImhFormattedNumbersOnly | hint.ImhNoPredictiveText)
        elif field.kind == "path" or field.section in ("hub", "devices"):
            self.widget.setInputMethodHints(hint.ImhNoAutoUppercase | hint.ImhNoPredictiveText)
        self.widget.setReadOnly(field.read_only)

    def value(self) -> str:
        return self.widget.text()

    def set_value(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))


def make_editor(field: SettingField) -> Editor:
    if field.kind == "bool":
        return ToggleEditor(field)
    if field.kind == "choice":
        return ChoiceEditor(field)
    if field.kind == "multi":
        return MultiEditor(field)
    return TextEditor(field)
