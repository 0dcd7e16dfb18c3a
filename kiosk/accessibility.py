"""Accessible names and descriptions for every control, in the language the kiosk is drawn in.

A screen reader (Orca over AT-SPI on the kiosk's Linux) reads a control's accessible name
and description. Screens make their controls with names that say what they are
(``NextButton``, ``theme-coffee``, ``q-shop_size-small``…); this filter gives each
control, when Qt first polishes it, a description of what a tap does, chosen by that
name, and a name where the control has no text of its own (a field, a scroll bar). It
never overwrites what a screen set itself. Pages are rebuilt when the language changes,
so the descriptions follow the language.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QTextEdit, QWidget

from kiosk.widgets import tr

BY_NAME = {
    "BackButton": "返回上一步，已填写的内容会保留",
    "CancelButton": "放弃本次办理，清除您的信息并回到首页",
    "NextButton": "确认本页内容并进入下一步",
    "LanguageButton": "切换界面语言",
    "LargeTextButton": "放大文字并提高对比度，仅本次办理有效",
    "ElderButton": "更大的字、语音引导、每屏一个问题，仅本次办理有效",
    "VoiceButton": "打开或关闭语音引导",
    "CallStaff": "通知工作人员到本机旁帮助您",
    "IdleContinue": "继续本次办理",
    "ThemeSearch": "输入关键词查找要办理的事情",
    "TrackTile": "凭回执上的二维码或办件编号查询办理进度",
    "PrintChecklist": "打印需要准备的材料清单",
    "SelectAllMaterials": "把所有材料标记为已准备",
}
"""What a tap on a control does, by its object name."""

BY_PREFIX = {
    "theme-": "开始办理这件事",
    "q-": "轻触选择此项，可随时更改",
    "material-": "轻触标记此材料已准备或未准备",
    "delivery-": "选择此领取方式",
    "rating-": "为本次服务评价",
    "field-": "核对此项，如有错误请修改",
    "demo-": "演示：代替放卡或出示执照",
}
"""The same, for families of controls named by a prefix."""

BY_KIND = {
    "checkable": "轻触选择或取消",
    "button": "轻触执行此操作",
    "field": "轻触后输入",
    "choice": "轻触后选择",
    "slider": "拖动以查看更多内容",
}
KIND_NAMES = {"slider": "滚动条", "field": "输入框", "choice": "选择框"}
"""A name for a control with no text of its own (the field's label, when a screen set none)."""

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QTextEdit, QAbstractSlider)


def kind_of(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return "checkable" if widget.isCheckable() else "button"
    if isinstance(widget, (QLineEdit, QTextEdit)):
        return "field"
    if isinstance(widget, QComboBox):
        return "choice"
    return "slider"


def description_for(widget: QWidget) -> str:
    name = widget.objectName()
    if name in BY_NAME:
        return tr(BY_NAME[name])
    for prefix, text in BY_PREFIX.items():
        if name.startswith(prefix):
            return tr(text)
    return tr(BY_KIND[kind_of(widget)])


def name_for(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text().strip():
        return ""  # Qt reads the button's own text, and follows it when the text changes
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    kind = kind_of(widget)
    return tr(KIND_NAMES[kind]) if kind in KIND_NAMES else tr("按钮")


def describe(widget: QWidget) -> None:
    """Fill in what the control lacks; what a screen set stays."""
    if not widget.accessibleDescription():
        widget.setAccessibleDescription(description_for(widget))
    if not widget.accessibleName():
        name = name_for(widget)
        if name:
            widget.setAccessibleName(name)


class AccessibleControls(QObject):
    """Watches the application's events (kiosk.app_events): describes each control as Qt
    polishes it (once per widget)."""

    WATCHES = (QEvent.Type.Polish,)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, INTERACTIVE):
            describe(watched)
        return False


__all__ = ["AccessibleControls", "describe"]
