"""GA 467 frames: the public test vectors, reply parsing, stream reassembly and SW3 meanings."""

from __future__ import annotations

import pytest

from devices.idcard import ga467
from devices.idcard.errors import FrameError, SamCardError, SamFault


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (ga467.FIND_CARD, "aaaaaa9669 0003 2001 22"),
        (ga467.SELECT_CARD, "aaaaaa9669 0003 2002 21"),
        (ga467.READ_BASE_INFO, "aaaaaa9669 0003 3001 32"),
        (ga467.SAM_STATUS, "aaaaaa9669 0003 11ff ed"),
    ],
)
def test_commands_match_the_published_vectors(command: ga467.Command, expected: str) -> None:
    assert ga467.build_command(command) == bytes.fromhex(expected.replace(" ", ""))


def test_found_reply_vector_parses() -> None:
    reply = ga467.parse_reply(bytes.fromhex("aaaaaa9669 0008 00009f 00000000 97".replace(" ", "")))
    assert reply.sw3 == ga467.Sw3.FOUND
    assert reply.ok
    assert reply.data == bytes(4)


def test_base_info_reply_has_the_documented_length() -> None:
    frame = ga467.build_reply(ga467.Sw3.OK, ga467.build_base_info(bytes(256), bytes(1024)))
    assert len(frame) == 1295
    assert frame[5:7] == b"\x05\x08"
    info = ga467.parse_base_info(ga467.parse_reply(frame).data)
    assert (len(info.text), len(info.photo)) == (256, 1024)


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda f: f[:-1] + bytes([f[-1] ^ 1]), "checksum"),
        (lambda f: b"\x00" + f[1:], "preamble"),
        (lambda f: f[:-2], "expected"),
        (lambda f: f[:5] + b"\x00\x02" + f[7:], "out of range"),
        (lambda f: f[:6], "shorter"),
    ],
)
def test_malformed_replies_raise_frame_error(mutate, reason: str) -> None:
    frame = ga467.build_reply(ga467.Sw3.OK, b"\x01\x02")
    with pytest.raises(FrameError, match=reason):
        ga467.parse_reply(mutate(frame))


def test_assembler_skips_garbage_and_joins_pieces() -> None:
    frame = ga467.build_reply(ga467.Sw3.OK, bytes(range(40)))
    stream = b"\x13\xaa\xaa\x96garbage\xaa" + frame
    assembler = ga467.ReplyAssembler()
    replies = []
    for i in range(0, len(stream), 3):
        assembler.feed(stream[i : i + 3])
        reply = assembler.next_reply()
        if reply is not None:
            replies.append(reply)
    assert [r.data for r in replies] == [bytes(range(40))]
    assert assembler.pending() == 0


def test_assembler_raises_once_for_a_corrupt_frame_then_resynchronises() -> None:
    good = ga467.build_reply(ga467.Sw3.OK, b"ok")
    bad = good[:-1] + bytes([good[-1] ^ 0x55])
    assembler = ga467.ReplyAssembler()
    assembler.feed(bad + good)
    with pytest.raises(FrameError, match="checksum"):
        assembler.next_reply()
    reply = assembler.next_reply()
    assert reply is not None and reply.data == b"ok"


def test_assembler_rejects_a_fake_header_with_a_huge_length() -> None:
    good = ga467.build_reply(ga467.Sw3.OK, b"x")
    assembler = ga467.ReplyAssembler()
    assembler.feed(ga467.PREAMBLE + b"\xff\xff" + good)
    reply = assembler.next_reply()
    assert reply is not None and reply.data == b"x"


def test_assembler_buffer_stays_bounded_under_endless_noise() -> None:
    """A header promising a long frame, then a flood of bytes that never completes it."""
    assembler = ga467.ReplyAssembler()
    assembler.feed(ga467.PREAMBLE + b"\x09\xff")
    for _ in range(50):
        assembler.feed(b"\x00" * 40)
        assert assembler.next_reply() is None
    assert assembler.pending() <= 2 * (7 + ga467.MAX_LEN)
    assembler.feed(b"\x00" * 3000)
    with pytest.raises(FrameError, match="checksum"):
        assembler.next_reply()
    assembler.feed(b"\x01" * 20000)
    assert assembler.next_reply() is None
    assert assembler.pending() <= len(ga467.PREAMBLE)


@pytest.mark.parametrize("sw3", [s for s in ga467.Sw3])
def test_every_sw3_has_a_status_and_a_side(sw3: ga467.Sw3) -> None:
    info = ga467.status_info(sw3)
    assert info.status != "unknown"
    assert info.side in {"ok", "no_card", "card", "reader"}
    assert info.message


@pytest.mark.parametrize(
    ("sw3", "error"),
    [
        (0x31, SamCardError),
        (0x32, SamCardError),
        (0x33, SamCardError),
        (0x41, SamCardError),
        (0x81, SamCardError),
        (0x10, SamFault),
        (0x11, SamFault),
        (0x21, SamFault),
        (0x60, SamFault),
        (0x77, SamFault),
    ],
)
def test_failing_sw3_raises_its_typed_error(sw3: int, error: type[Exception]) -> None:
    reply = ga467.Reply(0, 0, sw3, b"")
    with pytest.raises(error, match=f"SW3 {sw3:02X}") as caught:
        reply.raise_for_status()
    assert caught.value.sw3 == sw3


def test_ok_found_and_no_card_do_not_raise() -> None:
    for sw3 in (0x90, 0x9F, 0x80):
        ga467.Reply(0, 0, sw3, b"").raise_for_status()
    assert not ga467.Reply(0, 0, 0x80, b"").ok


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x01", "too short"),
        (b"\x00\x10\x04\x00" + bytes(16), "text length"),
        (b"\x01\x00\x05\x00" + bytes(256), "photo length"),
        (b"\x01\x00\x04\x00" + bytes(300), "shorter than"),
    ],
)
def test_base_info_lengths_are_checked(data: bytes, reason: str) -> None:
    with pytest.raises(FrameError, match=reason):
        ga467.parse_base_info(data)
