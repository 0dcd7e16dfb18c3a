"""Fuzzing the demo profile: whatever a (hostile or broken) card answers, only typed card errors come out."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import CardReadError
from devices.pcsc import profile

ANSWER = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda data, sw: data + sw,
        st.binary(max_size=260),
        st.sampled_from(
            [b"\x90\x00", b"\x61\x10", b"\x6c\x05", b"\x6a\x82", b"\x6b\x00", b"\x69\x86", b"\x62\x82"]
        ),
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ANSWER, min_size=1, max_size=40), st.booleans())
def test_read_identity_raises_only_card_read_errors(answers: list[bytes], with_photo: bool) -> None:
    remaining = iter(answers)

    def transmit(apdu: bytes) -> profile.ApduResponse:
        # a card that runs out of answers has been pulled: vpcd then answers nothing
        return profile.ApduResponse.from_bytes(next(remaining, b""))

    with contextlib.suppress(CardReadError):
        profile.read_identity(transmit, with_photo=with_photo)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256), st.sampled_from([b"\x90\x00", b"\x6a\x82"]))
def test_a_well_behaved_card_with_any_text_block(block: bytes, photo_select: bytes) -> None:
    """The APDU dance succeeds and the decoder gets arbitrary bytes: still only typed errors."""
    answers = iter(
        [b"\x90\x00", b"\x90\x00", block[:128] + b"\x90\x00", block[128:] + b"\x90\x00", photo_select]
        + [bytes(128) + b"\x90\x00"] * 8
    )
    sent: list[bytes] = []

    def transmit(apdu: bytes) -> profile.ApduResponse:
        sent.append(apdu)
        return profile.ApduResponse.from_bytes(next(answers, b"\x6f\x00"))

    try:
        record = profile.read_identity(transmit)
    except CardReadError:
        assert any(a[1] == 0xB0 for a in sent)  # the failure came after reading, from the data
        return
    assert record.source == "pcsc"
