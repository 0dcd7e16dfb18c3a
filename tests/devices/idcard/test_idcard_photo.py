"""The WLT photo plug-in seam: loading a decoder by name, and never letting it break a visit."""

from __future__ import annotations

import pytest
from idcard_samples import RESIDENT
from msgspec.structs import replace

from devices.idcard.photo import PhotoDecoderUnavailable, decode_photo, load_photo_decoder


def test_a_named_decoder_is_loaded_and_used() -> None:
    decoder = load_photo_decoder("wlt_test_decoder:to_bmp_header")
    record = replace(RESIDENT, photo_wlt=bytes(1024))
    assert decode_photo(record, decoder) == b"BM" + (1024).to_bytes(4, "little")


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("no_colon_here", "form package.module:callable"),
        ("no_such_vendor_module:unpack", "not installed"),
        ("wlt_test_decoder:missing", "no callable"),
        ("wlt_test_decoder:NOT_CALLABLE", "no callable"),
    ],
)
def test_unusable_decoders_are_typed_errors(spec: str, words: str) -> None:
    with pytest.raises(PhotoDecoderUnavailable, match=words):
        load_photo_decoder(spec)


@pytest.mark.expect_log(r"photo decoder failed: RuntimeError")
def test_a_crashing_decoder_or_a_missing_photo_gives_none() -> None:
    with_photo = replace(RESIDENT, photo_wlt=bytes(1024))
    assert decode_photo(with_photo, load_photo_decoder("wlt_test_decoder:broken")) is None
    assert decode_photo(RESIDENT, load_photo_decoder("wlt_test_decoder:to_bmp_header")) is None
    assert decode_photo(with_photo, None) is None
