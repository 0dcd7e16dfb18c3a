"""Fuzzing: the frame parser and the text-block decoder raise only their own typed errors."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.idcard import ga467
from devices.idcard.errors import CardDataError, FrameError
from devices.idcard.textblock import TEXT_BLOCK_LEN, decode_text_block, encode_text_block

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=1400))
def test_parse_reply_raises_only_frame_error(data: bytes) -> None:
    try:
        reply = ga467.parse_reply(data)
    except FrameError:
        return
    assert isinstance(reply, ga467.Reply)


@FUZZ
@given(st.binary(max_size=60), st.integers(0, 0xFF), st.binary(max_size=40))
def test_parse_reply_with_a_valid_preamble_raises_only_frame_error(
    body: bytes, chk: int, tail: bytes
) -> None:
    frame = ga467.PREAMBLE + len(body).to_bytes(2, "big") + body + bytes([chk]) + tail
    with contextlib.suppress(FrameError):
        ga467.parse_reply(frame)


@FUZZ
@given(st.lists(st.binary(max_size=300), max_size=12))
def test_assembler_on_arbitrary_chunks_yields_replies_or_frame_errors(chunks: list[bytes]) -> None:
    assembler = ga467.ReplyAssembler()
    for chunk in chunks:
        assembler.feed(chunk)
        for _ in range(20):
            try:
                reply = assembler.next_reply()
            except FrameError:
                continue
            if reply is None:
                break
            assert isinstance(reply, ga467.Reply)
    assert assembler.pending() <= 2 * (7 + ga467.MAX_LEN)


@FUZZ
@given(
    st.lists(st.sampled_from([b"\xaa", b"\x96", b"\x69", b"\x00", b"\x05", b"\x08", b"\x90"]), max_size=400)
)
def test_assembler_on_preamble_heavy_noise(parts: list[bytes]) -> None:
    assembler = ga467.ReplyAssembler()
    assembler.feed(b"".join(parts))
    for _ in range(100):
        try:
            if assembler.next_reply() is None:
                break
        except FrameError:
            continue


@FUZZ
@given(st.binary(max_size=1400))
def test_parse_base_info_raises_only_frame_error(data: bytes) -> None:
    try:
        info = ga467.parse_base_info(data)
    except FrameError:
        return
    assert len(info.text) == 256


@FUZZ
@given(st.binary(min_size=TEXT_BLOCK_LEN, max_size=TEXT_BLOCK_LEN))
def test_decode_text_block_raises_only_card_data_error(block: bytes) -> None:
    with contextlib.suppress(CardDataError):
        decode_text_block(block)


@FUZZ
@given(st.binary(max_size=600))
def test_decode_text_block_any_length(block: bytes) -> None:
    with contextlib.suppress(CardDataError):
        decode_text_block(block)


@FUZZ
@given(st.data())
def test_decode_mutated_valid_blocks(data: st.DataObject) -> None:
    """Start from valid blocks of each layout and flip characters: the realistic corruption."""
    key = data.draw(st.sampled_from(["zhang_wei", "wang_jianguo"]))
    from devices.idcard.simulator import DEFAULT_CITIZENS_FILE, load_sample_blocks

    block = bytearray(load_sample_blocks(DEFAULT_CITIZENS_FILE)[key][1])
    flag = data.draw(st.sampled_from([" ", "J", "I", "Y"]))
    block[248:250] = flag.encode("utf-16-le")
    for _ in range(data.draw(st.integers(0, 6))):
        pos = data.draw(st.integers(0, TEXT_BLOCK_LEN // 2 - 1)) * 2
        char = data.draw(st.characters(codec="utf-16", exclude_categories=["Cs"]))
        encoded = char.encode("utf-16-le")[:2]
        block[pos : pos + 2] = encoded.ljust(2, b"\x00")
    try:
        record = decode_text_block(bytes(block))
    except CardDataError:
        return
    assert len(encode_text_block(record)) == TEXT_BLOCK_LEN
