"""A stand-in photo decoder module for the plug-in seam tests (no open WLT codec exists)."""


def to_bmp_header(wlt: bytes) -> bytes:
    return b"BM" + len(wlt).to_bytes(4, "little")


def broken(wlt: bytes) -> bytes:
    raise RuntimeError("vendor library crashed")


NOT_CALLABLE = 42
