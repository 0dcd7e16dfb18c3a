"""The hidden gesture: five taps in the top-right corner within three seconds, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.staff.gesture import CornerTapDetector

W, H = 1920, 1080
CORNER = (W - 10, 10)


@pytest.fixture
def detector(clock) -> CornerTapDetector:
    return CornerTapDetector(clock=clock)


def tap_corner(detector: CornerTapDetector, clock, times: int, gap_s: float = 0.3) -> list[bool]:
    results = []
    for _ in range(times):
        results.append(detector.tap(*CORNER, W, H))
        clock.advance(gap_s)
    return results


def test_five_quick_corner_taps_open_the_pin_pad(detector, clock) -> None:
    assert tap_corner(detector, clock, 5) == [False, False, False, False, True]


def test_the_count_starts_again_after_success(detector, clock) -> None:
    tap_corner(detector, clock, 5)
    assert tap_corner(detector, clock, 4) == [False] * 4


def test_four_taps_are_not_enough(detector, clock) -> None:
    assert not any(tap_corner(detector, clock, 4))


def test_too_slow_does_not_count_but_a_sliding_run_does(detector, clock) -> None:
    fired = []
    for at in (0.0, 1.0, 1.5, 2.0, 3.5, 3.6):  # first five span 3.5 s; the last five span 2.6 s
        clock.now = 1_000.0 + at
        fired.append(detector.tap(*CORNER, W, H))
    assert fired == [False, False, False, False, False, True]


def test_exactly_three_seconds_counts(detector, clock) -> None:
    assert tap_corner(detector, clock, 5, gap_s=0.75)[-1]


def test_a_tap_elsewhere_resets(detector, clock) -> None:
    tap_corner(detector, clock, 4)
    assert not detector.tap(W / 2, H / 2, W, H)
    assert tap_corner(detector, clock, 5)[-1] and not tap_corner(detector, clock, 4)[-1]


@pytest.mark.parametrize(
    ("x", "y"),
    [(0, 0), (W - 10, H - 10), (W - 121, 10), (W - 10, 120), (W, 10), (W - 10, -1)],
)
def test_other_corners_and_edges_do_not_count(detector, clock, x, y) -> None:
    results = []
    for _ in range(5):
        results.append(detector.tap(x, y, W, H))
        clock.advance(0.1)
    assert results == [False] * 5


def test_corner_boundaries(detector) -> None:
    assert detector.in_corner(W - 120, 0, W, H)
    assert detector.in_corner(W - 1, 119, W, H)
    assert not detector.in_corner(W - 121, 0, W, H)


@pytest.mark.parametrize("size", [(0, H), (W, 0), (-1, -1)])
def test_bad_screen_size_is_a_value_error(detector, size) -> None:
    with pytest.raises(ValueError, match="screen size"):
        detector.tap(1, 1, *size)


@pytest.mark.parametrize("kwargs", [{"taps": 1}, {"window_s": 0}, {"corner_px": 0}])
def test_bad_settings_are_refused(kwargs) -> None:
    with pytest.raises(ValueError):
        CornerTapDetector(**kwargs)


@given(
    st.lists(
        st.tuples(st.floats(0, W - 1), st.floats(0, H - 1), st.floats(0, 2.0)),
        max_size=40,
    )
)
@settings(max_examples=200, deadline=None)
def test_never_fires_without_five_corner_taps_in_a_row_within_the_window(taps) -> None:
    now = [0.0]
    detector = CornerTapDetector(clock=lambda: now[0])
    run: list[float] = []
    for x, y, gap in taps:
        now[0] += gap
        fired = detector.tap(x, y, W, H)
        if detector.in_corner(x, y, W, H):
            run.append(now[0])
        else:
            run = []
        expected = len(run) >= 5 and run[-1] - run[-5] <= 3.0
        assert fired == expected
        if fired:
            run = []
