"""classify_payload: licence URLs, bare codes, city-app codes, and anything else as "unknown"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.camera.payload import (
    ScanResult,
    city_app_payload,
    classify_payload,
    licence_payload,
)
from flows.identifiers import USCC_CHARSET, is_valid_uscc, uscc_check_char

GOOD = "91310104MA1FR0000C"


@pytest.mark.parametrize(
    "text",
    [
        f"http://www.gsxt.gov.cn/index.html?uniscid={GOOD}",
        f"https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial={GOOD}-SAIC_SHOW_10000&signData=x",
        GOOD,
        GOOD.lower(),
        f"  {GOOD}\n",
    ],
)
def test_licence_forms_give_the_credit_code(text: str) -> None:
    assert classify_payload(text) == ScanResult("licence", uscc=GOOD, raw=text)


def test_a_code_with_a_wrong_check_character_is_not_a_licence() -> None:
    result = classify_payload(f"http://www.gsxt.gov.cn/index.html?uniscid={GOOD[:-1]}D")
    assert result.kind == "unknown"
    assert "GB 32100" in result.reason


def test_serial_that_does_not_start_with_a_code_is_unknown() -> None:
    result = classify_payload("https://zzlz.gsxt.gov.cn/verifKey.do?serial=SAIC_SHOW")
    assert result.kind == "unknown" and "serial=" in result.reason


@pytest.mark.parametrize(
    "text",
    [
        "CITYAPP:abcdefghijklmnop1234",
        "cityapp:abcdefghijklmnop1234",
        "https://ywtb.sh.gov.cn/cityapp/id?token=abcdefghijklmnop1234",
    ],
)
def test_city_app_forms_give_the_token(text: str) -> None:
    result = classify_payload(text)
    assert result.kind == "city_app"
    assert result.token == "abcdefghijklmnop1234"


@pytest.mark.parametrize(
    "token", ["short", "x" * 257, "has space in it ok?", "汉字汉字汉字汉字汉字汉字汉字汉字"]
)
def test_bad_city_app_tokens_are_unknown(token: str) -> None:
    assert classify_payload("CITYAPP:" + token).kind == "unknown"


@pytest.mark.parametrize(
    "text", ["", "hello", "http://[::1", "https://example.com/?a=1", "WIFI:S:x;;", "\x00\x1b"]
)
def test_other_text_is_unknown_with_a_reason(text: str) -> None:
    result = classify_payload(text)
    assert result.kind == "unknown"
    assert result.reason


def test_non_text_is_unknown() -> None:
    assert classify_payload(b"bytes").kind == "unknown"  # type: ignore[arg-type]


def test_city_app_payload_refuses_a_bad_token() -> None:
    with pytest.raises(ValueError, match="8-256"):
        city_app_payload("short")


usccs = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17).map(lambda b: b + uscc_check_char(b))


@given(usccs)
def test_any_valid_code_round_trips_through_the_licence_qr(uscc: str) -> None:
    assert classify_payload(licence_payload(uscc)).uscc == uscc


@given(
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~",
        min_size=16,
        max_size=256,
    )
)
def test_any_valid_token_round_trips(token: str) -> None:
    assert classify_payload(city_app_payload(token)).token == token


@given(st.text(max_size=600))
def test_fuzz_any_text_is_classified_without_raising(text: str) -> None:
    result = classify_payload(text)
    assert result.kind in ("licence", "city_app", "unknown")
    if result.kind == "licence":
        assert result.uscc is not None and is_valid_uscc(result.uscc)
    if result.kind == "unknown":
        assert result.reason


@given(st.text(max_size=100))
def test_fuzz_urls_with_random_queries_never_raise(tail: str) -> None:
    for prefix in (
        "http://www.gsxt.gov.cn/index.html?uniscid=",
        "https://x/?serial=",
        "https://ywtb.sh.gov.cn/cityapp/id?token=",
    ):
        assert classify_payload(prefix + tail).kind in ("licence", "city_app", "unknown")
