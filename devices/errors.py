"""Typed device errors carrying the words a citizen or a clerk can act on.

Every error has a Chinese and an English message for the screen; the kiosk maps
the class to a screen and never shows a traceback.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base of every device failure."""

    message_zh = "设备故障，请联系工作人员"
    message_en = "Device fault, please ask staff for help"

    def __init__(self, detail: str = "", *, message_zh: str | None = None, message_en: str | None = None):
        super().__init__(detail or self.message_en)
        self.detail = detail
        if message_zh:
            self.message_zh = message_zh
        if message_en:
            self.message_en = message_en


class CardReadError(DeviceError):
    message_zh = "未能读取身份证，请重新放置"
    message_en = "The card could not be read, please place it again"


class CardExpired(CardReadError):
    message_zh = "身份证已过有效期，请使用有效证件或扫描随申办二维码"
    message_en = "This ID card has expired; use a valid card or the city app QR code"


class ReaderFault(DeviceError):
    message_zh = "读卡器暂时无法使用，请扫描随申办二维码或联系工作人员"
    message_en = "The card reader is not working; scan the city app QR code or ask staff"


class ScanError(DeviceError):
    message_zh = "未能识别二维码，请调整位置后重试"
    message_en = "The QR code could not be read, please adjust and try again"


class CameraFault(DeviceError):
    message_zh = "摄像头暂时无法使用，请手动输入统一社会信用代码"
    message_en = "The camera is not working; please type the credit code instead"


class PrinterError(DeviceError):
    message_zh = "打印机故障，您的申请已保存，请到服务台领取回执"
    message_en = "Printer fault; your application is saved, collect the receipt at the counter"


class PaperOut(PrinterError):
    message_zh = "打印纸已用完，您的申请已保存，请到服务台领取回执"
    message_en = "The printer is out of paper; your application is saved, collect the receipt at the counter"


class PrinterOffline(PrinterError):
    message_zh = "打印机离线，您的申请已保存，请到服务台领取回执"
    message_en = "The printer is offline; your application is saved, collect the receipt at the counter"


class PrinterUnreachable(PrinterOffline):
    """No connection: refused, no route, no such device file."""


class PrinterSilent(PrinterOffline):
    """Connected, but the printer does not answer the DLE EOT status query."""


class PrinterGarbled(PrinterError):
    """The printer answers the status query with bytes no ESC/POS printer sends (wrong baud rate,
    wrong port, another device)."""
