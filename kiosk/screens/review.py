"""多表合一: one merged form, mostly filled in, each value tagged with where it came from.

Values from the ID card, the licence and the hub's profiles are shown read-only
with a source tag; the rest the citizen fills in place, validated as they type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from flows.display import display_value, source_tag
from kiosk.keyboard import hints_for
from kiosk.screens.base import Screen, ScreenContext
from kiosk.widgets import ChoiceButtons, MultiChoice, button, label, restyle, touch_scroll, tr
from kiosk.wording import fill

SIDE_BY_SIDE_MIN_PX = 1600  # narrower pages (portrait, 1280, 1366) put each label above its field
MAX_BUTTON_CHOICES = 4  # up to this many options show as buttons (one tap), more as a drop-down
COMPACT_BELOW_PX = 600
"""A page shorter than this (a 768-high panel with the keyboard open, a 1024-high one in large
text) lets the summary and the next-to-fill button step aside, so the form keeps the room for
the field being typed into: in 长辈模式 on 1366×768 they and the nav row left it no room at all."""


class ReviewScreen(Screen):
    body_scrolls = False  # the long form/list scrolls in its own area
    title = "多表合一"

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.headline.setText(tr("多表合一 · 请核对"))
        self.summary = label("", "Guidance")
        self.body.addWidget(self.summary)
        self._content = QWidget()
        self._list = QVBoxLayout(self._content)
        self.scroll = touch_scroll(self._content)
        self._captions: dict[QWidget, QLabel] = {}  # each editor's label, shown with it while typing
        self.scroll.caption_of = self._captions.get
        self.body.addWidget(self.scroll, 1)
        self.editors: dict[str, QWidget] = {}
        self._sections: dict[tuple, _Section] = {}  # (section, fields, editable each) → its widgets
        self._shown: dict[str, str] = {}
        self._filled: list[_Row] = []  # rows given a value since the last wipe: the ones to forget
        self.next_button.setText(tr("确认无误"))
        self.to_fill_button = button(tr("下一个待填项"), self.show_next_to_fill, name="NextToFill")
        self.body.insertWidget(1, self.to_fill_button)  # under the summary: the nav row stays short

    def prepare(self) -> None:
        self.redraw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        short = event.size().height() < COMPACT_BELOW_PX
        for widget in (self.summary, self.to_fill_button):
            if widget.isHidden() != short:
                widget.setHidden(short)

    def wipe(self) -> None:
        """Forget the citizen: every row given a value cleared. The rows are kept for the next form,
        not destroyed: making ~300 widgets a visit cost 90-170 ms (review) and the wipe more. Only
        rows that were filled can hold anything of a citizen (a row is on the form only once filled,
        and only a row on the form can be typed into), so only they are cleared, not every row of
        every theme's form kept so far."""
        super().wipe()
        while self._list.count():
            self._list.takeAt(0)
        for row in self._filled:
            row.forget()
        self._filled.clear()
        for editor in self.editors.values():
            editor.setObjectName("")
        self.editors.clear()
        self._shown.clear()
        self.summary.clear()

    def redraw(self) -> None:
        self.wipe()
        merged, filled = self.journey.merged, self.journey.filled
        if merged is None:
            return
        self.summary.setText(
            fill(tr("共 %1 项，本次为您免填 %2 项，还需填写 %3 项"),
                 len(filled.values), filled.autofilled_count, filled.manual_count)
        )
        shown = []
        for section in merged.sections:
            values = [filled.values.get(f.key) for f in section.fields]
            drawn = self._section(section, values)
            for merged_field, row, value in zip(section.fields, drawn.rows, values, strict=True):
                self._fill_row(row, merged_field, value)
            self._list.addWidget(drawn.title)
            self._list.addWidget(drawn.card)
            shown.append(drawn)
        self._list.addStretch(1)
        for drawn in self._sections.values():  # only whole sections show or hide: cheap
            for widget in (drawn.title, drawn.card):
                if widget.isHidden() != (drawn not in shown):
                    widget.setHidden(drawn not in shown)
        self._list.activate()  # lay out the long form now, not piecemeal over the next frames
        self._count_to_fill()

    def _section(self, section: Any, values: list[Any]) -> _Section:
        """A section's title and card with a row per field, made the first time this section
        shows with these fields (each editable or not) and reused by every later form."""
        editable = tuple(v is None or v.editable for v in values)
        stacked = self._shown_width() < SIDE_BY_SIDE_MIN_PX  # narrow: each label above its field
        key = (section.id, tuple(f.key for f in section.fields), editable, stacked)
        drawn = self._sections.get(key)
        if drawn is None:
            card = QWidget(self._content)
            card.setObjectName("Card")
            grid = QGridLayout(card)
            for column, stretch in enumerate((1, 0) if stacked else (1, 2, 0)):
                grid.setColumnStretch(column, stretch)  # values get the room; long labels wrap
            rows = []
            for index, (merged_field, value) in enumerate(zip(section.fields, values, strict=True)):
                row = self._new_row(merged_field, value is None or value.editable,
                                    None if value is None else value.value)
                if stacked:  # label and source tag on one line, the value below at full width
                    grid.addWidget(row.label, 2 * index, 0)
                    grid.addWidget(row.tag, 2 * index, 1)
                    grid.addWidget(row.editor, 2 * index + 1, 0, 1, 2)
                else:
                    for column, widget in enumerate((row.label, row.editor, row.tag)):
                        grid.addWidget(widget, index, column)
                rows.append(row)
            drawn = self._sections[key] = _Section(label(self.text(section, "title"), "SectionTitle"),
                                                   card, rows)
        return drawn

    def _shown_width(self) -> int:
        """The width this page has on screen: its stack's. The form is drawn before the page shows
        (`prepare`), when a page never shown yet still has Qt's default size (640 px wide)."""
        stack = self.parentWidget()
        return stack.width() if stack is not None else self.width()

    def _fill_row(self, row: _Row, merged_field: Any, filled: Any) -> None:
        value = None if filled is None else filled.value
        key = merged_field.key
        editor = row.editor
        if isinstance(editor, QLineEdit):
            shown = "" if value is None else display_value(
                self.journey.catalog, merged_field.element_id, value, lang=self._display_lang)
            editor.setText(shown)  # setText, not typing: no undo history of the last citizen
            self._shown[key] = shown
        else:
            row.choose(value)
        source = filled.source if filled is not None else "citizen"
        row.tag.setText(source_tag(source, self._display_lang) or tr("请填写"))
        if row.tag.property("source") != source:
            row.tag.setProperty("source", source)
            restyle(row.tag)
        editor.setObjectName(f"field-{key}")  # only the rows on the form carry the names
        self.editors[key] = editor
        self._filled.append(row)

    def _new_row(self, merged_field: Any, editable: bool, value: Any) -> _Row:
        """A field's label, editor and source tag."""
        key = merged_field.key
        mark = " *" if merged_field.required else ""
        row_label = label(self.text(merged_field, "label") + mark)  # wraps: narrow screens
        if editable and (merged_field.kind == "bool" or (
                merged_field.kind == "enum" and len(merged_field.options) <= MAX_BUTTON_CHOICES)):
            editor = ChoiceButtons(self._choices(merged_field), value)
            editor.changed.connect(lambda chosen, e=editor, k=key: self._report(
                k, e, self.journey.set_field(k, chosen)))
        elif editable and merged_field.kind == "enum":
            editor = self._choice_editor(merged_field, value)
        elif editable and merged_field.kind == "multi":
            editor = MultiChoice([(o.id, self.text(o, "text")) for o in merged_field.options], value or [])
            editor.changed.connect(lambda chosen, e=editor, k=key: self._report(
                k, e, self.journey.set_field(k, chosen)))
        else:
            editor = QLineEdit()
            editor.setReadOnly(not editable)
            editor.setInputMethodHints(hints_for(merged_field.kind))
            editor.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            if editable:
                editor.editingFinished.connect(lambda e=editor, k=key: self._edited(k, e))
        editor.setObjectName(f"field-{key}")
        editor.setAccessibleName(self.text(merged_field, "label"))
        self._captions[editor] = row_label
        return _Row(row_label, editor, label("", "SourceTag", wrap=False))

    @property
    def _display_lang(self) -> str:
        return "en" if self.ctx.lang == "en" else "zh"

    def _choices(self, merged_field: Any) -> list[tuple[Any, str]]:
        if merged_field.kind == "bool":
            return [(True, tr("是")), (False, tr("否"))]
        return [(o.id, self.text(o, "text")) for o in merged_field.options]

    def _choice_editor(self, merged_field: Any, value: Any) -> QComboBox:
        """A long list of options as a drop-down; choices are picked, never typed."""
        box = QComboBox()
        box.addItem(tr("请选择"), None)
        for data, text in self._choices(merged_field):
            box.addItem(text, data)
        index = next((i for i in range(box.count()) if box.itemData(i) == value and value is not None), 0)
        box.setCurrentIndex(index)
        key = merged_field.key
        box.currentIndexChanged.connect(lambda _i, b=box, k=key: self._chosen(k, b))
        return box

    def _chosen(self, key: str, box: QComboBox) -> None:
        self._report(key, box, self.journey.set_field(key, box.currentData()))

    def _edited(self, key: str, editor: QLineEdit) -> None:
        text = editor.text().strip()
        if text == self._shown.get(key):
            return  # unchanged: keep the value (a date, a code) behind the display text
        self._shown[key] = text
        self._report(key, editor, self.journey.set_field(key, text))

    def _report(self, key: str, editor: QWidget, problem: str | None) -> None:
        editor.setProperty("invalid", bool(problem))
        editor.setToolTip(self.words(problem) if problem else "")
        restyle(editor)
        self._count_to_fill()
        if problem:
            self._show_problem(editor, problem)
        else:
            self.clear_error()

    def _show_problem(self, editor: QWidget, problem: str) -> None:
        """The field's label and what is wrong, in the citizen's language."""
        words = self.words(problem)
        self.show_error(fill(tr("%1：%2"), editor.accessibleName(), words))

    def to_fill(self) -> list[str]:
        """Keys of the fields still waiting for the citizen, in the order they appear."""
        filled = self.journey.filled
        if filled is None:
            return []
        return [key for key in self.editors
                if (value := filled.values.get(key)) is not None and value.editable and value.is_empty]

    def _count_to_fill(self) -> None:
        waiting = len(self.to_fill())
        self.to_fill_button.setText(fill(tr("下一个待填项（%1）"), waiting) if waiting
                                    else tr("已全部填写"))

    def show_next_to_fill(self) -> None:
        """Scroll to the first field still empty, so nobody hunts through the prefilled ones."""
        waiting = self.to_fill()
        if not waiting:
            self.to_fill_button.setText(tr("已全部填写"))
            return
        editor = self.editors[waiting[0]]
        self.scroll.ensureWidgetVisible(editor, 40, 120)
        if isinstance(editor, QLineEdit):
            editor.setFocus()
        self._count_to_fill()

    def next_step(self) -> None:
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit) and not editor.isReadOnly():
                self._edited(key, editor)
        problems = self.journey.problems()
        for element_id, editor in self.editors.items():
            editor.setProperty("invalid", element_id in problems)
            restyle(editor)
        if problems:
            first = next(iter(problems))
            editor = self.editors.get(first)
            if editor is not None:
                self._show_problem(editor, problems[first])
                editor.setFocus()
                return
        self.journey.finish_review()


@dataclass
class _Section:
    """A section of the merged form on screen, kept for the next form with the same fields."""

    title: QLabel
    card: QWidget
    rows: list[_Row]


@dataclass
class _Row:
    """One field of the merged form on screen: its label, its editor, where its value came from."""

    label: QLabel
    editor: QWidget
    tag: QLabel

    def choose(self, value: Any) -> None:
        """Show a picked value on a choice editor, without reporting it back as the citizen's pick."""
        editor = self.editor
        if isinstance(editor, ChoiceButtons):
            for option, choice in editor.buttons:
                choice.setChecked(value is not None and option == value)
        elif isinstance(editor, MultiChoice):
            for option_id, choice in editor.buttons.items():
                choice.blockSignals(True)
                choice.setChecked(option_id in (value or []))
                choice.blockSignals(False)
        elif isinstance(editor, QComboBox):
            index = next((i for i in range(editor.count())
                          if value is not None and editor.itemData(i) == value), 0)
            editor.blockSignals(True)
            editor.setCurrentIndex(index)
            editor.blockSignals(False)

    def forget(self) -> None:
        """Nothing of the last citizen stays in the widgets: values, marks, tooltips, undo history."""
        if isinstance(self.editor, QLineEdit):
            self.editor.setText("")
        else:
            self.choose(None)
        if self.editor.property("invalid"):
            self.editor.setProperty("invalid", False)
            restyle(self.editor)
        self.editor.setToolTip("")
        self.tag.setText("")


__all__ = ["ReviewScreen"]
