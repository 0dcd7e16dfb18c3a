"""Reads recorded ESC/POS bytes back into text lines, QR payloads and cuts, for assertions.

Independent of the renderer: it knows the commands a receipt may contain and
decodes text as GB18030 (what a Chinese-mode printer does). An unknown command
is an error, so a stray byte in the output fails the test instead of hiding.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnknownCommand(ValueError):
    pass


@dataclass
class ParsedReceipt:
    lines: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    cuts: int = 0
    initialised: bool = False
    chinese_mode: bool = False
    bold_lines: list[str] = field(default_factory=list)
    centred_lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# fixed-length commands: prefix -> number of parameter bytes after the prefix
_FIXED = {
    b"\x1b\x40": 0,  # ESC @ init
    b"\x1c\x26": 0,  # FS & Chinese mode on
    b"\x1c\x2e": 0,  # FS . Chinese mode off
    b"\x1b\x21": 1,  # ESC ! print mode
    b"\x1b\x45": 1,  # ESC E bold
    b"\x1b\x61": 1,  # ESC a align
    b"\x1b\x4d": 1,  # ESC M font
    b"\x1b\x2d": 1,  # ESC - underline
    b"\x1b\x47": 1,  # ESC G double strike
    b"\x1b\x64": 1,  # ESC d feed n lines
    b"\x1b\x74": 1,  # ESC t code table
    b"\x1d\x21": 1,  # GS ! size
    b"\x1d\x42": 1,  # GS B invert
    b"\x1b\x7b": 1,  # ESC { upside down
}


def parse_escpos(data: bytes) -> ParsedReceipt:
    receipt = ParsedReceipt()
    state = {"bold": False, "align": 0}
    current = bytearray()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == 0x0A:
            _end_line(receipt, current, state)
            current = bytearray()
            i += 1
            continue
        if byte in (0x1B, 0x1C, 0x1D):
            i = _command(data, i, receipt, state)
            continue
        if byte < 0x20:
            raise UnknownCommand(f"control byte 0x{byte:02x} at {i}")
        current.append(byte)
        i += 1
    if current:
        _end_line(receipt, current, state)
    return receipt


def _end_line(receipt: ParsedReceipt, current: bytearray, state: dict) -> None:
    line = bytes(current).decode("gb18030")
    receipt.lines.append(line)
    if state["bold"] and line:
        receipt.bold_lines.append(line)
    if state["align"] == 1 and line:
        receipt.centred_lines.append(line)


def _command(data: bytes, i: int, receipt: ParsedReceipt, state: dict) -> int:
    two = data[i : i + 2]
    if two in _FIXED:
        n = _FIXED[two]
        params = data[i + 2 : i + 2 + n]
        if len(params) != n:
            raise UnknownCommand(f"truncated command {two.hex()} at {i}")
        if two == b"\x1b\x40":
            receipt.initialised = True
        elif two == b"\x1c\x26":
            receipt.chinese_mode = True
        elif two == b"\x1c\x2e":
            receipt.chinese_mode = False
        elif two == b"\x1b\x45":
            state["bold"] = params[0] & 1 == 1
        elif two == b"\x1b\x61":
            state["align"] = params[0] % 48 if params[0] >= 48 else params[0]
        return i + 2 + n
    if two == b"\x1d\x56":  # GS V m [n]
        mode = data[i + 2]
        receipt.cuts += 1
        return i + 3 + (1 if mode in (65, 66) else 0)
    if data[i : i + 3] == b"\x1d\x28\x6b":  # GS ( k pL pH cn fn [m] data
        length = data[i + 3] + 256 * data[i + 4]
        body = data[i + 5 : i + 5 + length]
        if len(body) != length:
            raise UnknownCommand(f"truncated GS ( k at {i}")
        cn, fn = body[0], body[1]
        if cn == 0x31 and fn == 0x50:  # store QR data: cn fn m data
            receipt.qr_payloads.append(body[3:].decode("utf-8"))
        return i + 5 + length
    raise UnknownCommand(f"unknown command {data[i : i + 3].hex()} at {i}")
