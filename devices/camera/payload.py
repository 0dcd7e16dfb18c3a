"""What a scanned QR text means: a business licence, a city-app identity code, or nothing we know.

The QR proves nothing by itself (the hub checks the code); this module only
extracts the Unified Social Credit Code or the city-app token and rejects codes
whose GB 32100 check character is wrong, so a misprint never reaches a form.

Formats recognised:

* licence, paper: ``http://www.gsxt.gov.cn/index.html?uniscid=<USCC>``
* licence, electronic: ``https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=<USCC>-SAIC_SHOW_...``
  (any http(s) URL whose query has ``uniscid=`` or ``serial=`` starting with an 18-character code)
* licence, bare: the 18-character USCC alone
* city app (随申办 / 市民云) identity code, defined by this project:
  ``CITYAPP:<token>`` or ``https://ywtb.sh.gov.cn/cityapp/id?token=<token>``,
  where token is 8-256 characters of ``A-Z a-z 0-9 - _ . ~`` (URL-safe, opaque,
  verified by the hub at POST /v1/cityapp/verify).
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from msgspec import Struct

from flows.identifiers import USCC_CHARSET, is_valid_uscc

ScanKind = Literal["licence", "city_app", "unknown"]

CITY_APP_PREFIX = "CITYAPP:"
CITY_APP_URL = "https://ywtb.sh.gov.cn/cityapp/id"
MAX_PAYLOAD_CHARS = 4096

_TOKEN_RE = re.compile(r"^[A-Za-z0-9._~-]{8,256}$")
_USCC_PREFIX_RE = re.compile(rf"^[{USCC_CHARSET}]{{18}}")


class ScanResult(Struct, frozen=True):
    """One decoded QR code. `raw` is the text as scanned; `reason` says why it is "unknown"."""

    kind: ScanKind
    uscc: str | None = None
    token: str | None = None
    raw: str = ""
    reason: str = ""


def city_app_payload(token: str) -> str:
    """The QR text the city app shows for `token` (the simulator and tests draw it)."""
    if not _TOKEN_RE.match(token):
        raise ValueError("a city-app token is 8-256 characters of A-Z a-z 0-9 - _ . ~")
    return CITY_APP_PREFIX + token


def licence_payload(uscc: str) -> str:
    """The QR text printed on a paper business licence for `uscc`."""
    return f"http://www.gsxt.gov.cn/index.html?uniscid={uscc}"


def classify_payload(text: str) -> ScanResult:
    """Say what a QR text is. Never raises: anything unexpected is kind "unknown" with a reason."""
    if not isinstance(text, str):
        return ScanResult("unknown", raw="", reason="not text")
    raw = text[:MAX_PAYLOAD_CHARS]
    stripped = raw.strip()
    if stripped.upper().startswith(CITY_APP_PREFIX):
        return _city_app(stripped[len(CITY_APP_PREFIX) :], raw)
    if stripped.lower().startswith(("http://", "https://")):
        return _from_url(stripped, raw)
    candidate = stripped.upper()
    if len(candidate) == 18 and _USCC_PREFIX_RE.match(candidate):
        return _licence(candidate, raw)
    return ScanResult("unknown", raw=raw, reason="not a licence or city-app code")


def _from_url(url: str, raw: str) -> ScanResult:
    try:
        parts = urlsplit(url)
        query = parse_qs(parts.query, max_num_fields=50)
    except ValueError:
        return ScanResult("unknown", raw=raw, reason="malformed URL")
    if (
        parts.scheme + "://" + parts.netloc + parts.path
    ).lower() == CITY_APP_URL.lower() and "token" in query:
        return _city_app(query["token"][0], raw)
    for key in ("uniscid", "serial"):
        values = query.get(key)
        if values:
            match = _USCC_PREFIX_RE.match(values[0].strip().upper())
            if not match:
                return ScanResult(
                    "unknown", raw=raw, reason=f"{key}= does not start with an 18-character code"
                )
            return _licence(match.group(0), raw)
    return ScanResult("unknown", raw=raw, reason="URL carries no uniscid=, serial= or city-app token")


def _licence(uscc: str, raw: str) -> ScanResult:
    if not is_valid_uscc(uscc):
        return ScanResult("unknown", raw=raw, reason="credit code check character (GB 32100) is wrong")
    return ScanResult("licence", uscc=uscc, raw=raw)


def _city_app(token: str, raw: str) -> ScanResult:
    if not _TOKEN_RE.match(token):
        return ScanResult("unknown", raw=raw, reason="city-app token has a wrong length or characters")
    return ScanResult("city_app", token=token, raw=raw)
