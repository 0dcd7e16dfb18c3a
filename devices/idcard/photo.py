"""The optional seam for decoding a card's WLT photo with a vendor library.

The 1024-byte WLT photo of a Chinese ID card is compressed with a proprietary
codec; only vendors' closed libraries decode it, so the kiosk keeps it as opaque
bytes and decodes it only when a site installs such a library and names an
adapter for it here ("package.module:callable", a callable taking the WLT bytes
and returning image bytes such as a 102×126 BMP). Nothing in the citizen flow
depends on the photo: a failing decoder is logged and the photo is skipped.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from devices.errors import DeviceError
from devices.idcard.record import IdentityRecord

log = logging.getLogger(__name__)

PhotoDecoder = Callable[[bytes], bytes]


class PhotoDecoderUnavailable(DeviceError):
    """The configured photo decoder cannot be loaded (module or callable missing)."""

    message_zh = "身份证照片解码组件不可用，请联系工作人员"
    message_en = "The ID photo decoder is not available; please ask staff"


def load_photo_decoder(spec: str) -> PhotoDecoder:
    """Import "package.module:callable"; PhotoDecoderUnavailable when it cannot be used."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise PhotoDecoderUnavailable(f"photo decoder {spec!r} is not in the form package.module:callable")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise PhotoDecoderUnavailable(f"photo decoder module {module_name!r} not installed: {exc}") from exc
    decoder = getattr(module, attribute, None)
    if not callable(decoder):
        raise PhotoDecoderUnavailable(f"{module_name!r} has no callable {attribute!r}")
    return decoder


def decode_photo(record: IdentityRecord, decoder: PhotoDecoder | None) -> bytes | None:
    """The decoded image, or None when there is no photo, no decoder, or the decoder fails."""
    if decoder is None or not record.photo_wlt:
        return None
    try:
        image = decoder(record.photo_wlt)
    except Exception as exc:  # a vendor library's failure must never stop the citizen's visit
        log.warning("photo decoder failed: %s", type(exc).__name__)
        return None
    return image if isinstance(image, bytes | bytearray) and image else None
