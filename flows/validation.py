"""Check one value against its data element: type, pattern, range, options and check digit.

The same rules hold wherever a value came from, so a corrupt hub profile is caught
as surely as a mistyped phone number. Messages are short and say what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flows.identifiers import is_valid_id_number, is_valid_uscc
from flows.model import DataElement

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
POSTCODE_RE = re.compile(r"^\d{6}$")
# 2017 foreign permanent residence ID: 3 letters + 12 digits, no published check digit
FOREIGN_2017_RE = re.compile(r"^[A-Z]{3}\d{12}$")
MAX_TEXT = 500


class Problem(str):
    """A validation message: reads as "中文 / English" (hub replies, logs) and carries each language
    apart (``message_zh`` / ``message_en``) so the kiosk shows only the citizen's."""

    message_zh: str
    message_en: str

    def __new__(cls, zh: str, en: str) -> Problem:
        problem = super().__new__(cls, f"{zh} / {en}")
        problem.message_zh, problem.message_en = zh, en
        return problem


def _bilingual(zh: str, en: str) -> str:
    return Problem(zh, en)


def value_problem(element: DataElement, value: Any) -> str | None:
    """Why ``value`` does not fit ``element``; None when it does (empty values are checked elsewhere)."""
    checker = _CHECKERS[element.kind]
    message = checker(element, value)
    pattern = element.pattern
    if message is None and isinstance(value, str) and pattern and not re.fullmatch(pattern, value):
        message = _bilingual("格式不正确", "wrong format")
    return message


def _text(element: DataElement, value: Any) -> str | None:
    if not isinstance(value, str):
        return _bilingual("应为文字", "must be text")
    limit = element.max_length or MAX_TEXT
    if len(value) > limit:
        return _bilingual(f"不能超过{limit}个字", f"at most {limit} characters")
    return None


def _phone(element: DataElement, value: Any) -> str | None:
    if not isinstance(value, str) or not PHONE_RE.match(value.strip()):
        return _bilingual(
            "请填写11位手机号或带区号的固定电话", "enter an 11-digit mobile or a landline with area code"
        )
    return None


def _number(element: DataElement, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _bilingual("应为数字", "must be a number")
    if value != value:  # NaN
        return _bilingual("应为数字", "must be a number")
    if element.min is not None and value < element.min:
        return _bilingual(f"不能小于{element.min:g}", f"must be at least {element.min:g}")
    if element.max is not None and value > element.max:
        return _bilingual(f"不能大于{element.max:g}", f"must be at most {element.max:g}")
    return None


def _date(element: DataElement, value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    if isinstance(value, str):
        if value == "长期":
            return None
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return _bilingual("日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD")


def _enum(element: DataElement, value: Any) -> str | None:
    if not isinstance(value, str) or value not in element.option_ids():
        return _bilingual("请从选项中选择", "choose one of the options")
    return None


def _multi(element: DataElement, value: Any) -> str | None:
    ids = element.option_ids()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v in ids for v in value):
        return _bilingual("请从选项中选择", "choose from the options")
    return None


def _bool(element: DataElement, value: Any) -> str | None:
    return None if isinstance(value, bool) else _bilingual("请选择是或否", "choose yes or no")


def _postcode(element: DataElement, value: Any) -> str | None:
    if not isinstance(value, str) or not POSTCODE_RE.match(value):
        return _bilingual("邮政编码应为6位数字", "postcode is 6 digits")
    return None


def _id_number(element: DataElement, value: Any) -> str | None:
    if isinstance(value, str) and FOREIGN_2017_RE.match(value.strip().upper()):
        return None
    if not isinstance(value, str) or not is_valid_id_number(value):
        return _bilingual("身份证号码有误，请核对最后一位校验码", "ID number is wrong; check the last digit")
    return None


def _uscc(element: DataElement, value: Any) -> str | None:
    if not isinstance(value, str) or not is_valid_uscc(value):
        return _bilingual("统一社会信用代码有误，请核对营业执照", "credit code is wrong; check the licence")
    return None


_CHECKERS = {
    "text": _text,
    "phone": _phone,
    "number": _number,
    "date": _date,
    "enum": _enum,
    "multi": _multi,
    "bool": _bool,
    "postcode": _postcode,
    "id_number": _id_number,
    "uscc": _uscc,
}

REQUIRED_MESSAGE = _bilingual("必填", "required")
