"""Catalog conditions: JSON Logic rules, checked when the catalog loads and evaluated safely.

Every "when" in the catalog (which matter applies, which question is shown, when a
record may fill an element) is a JSON Logic rule (https://jsonlogic.com), the
format Open Forms uses, so rules are data that staff tools can edit and other
systems can read, and nothing is ever eval'd.

Library choice: ``panzi-json-logic`` 1.0.1. Compared on PyPI:
- ``json-logic`` (nadirizr) 0.6.3: last release 2017, no ``missing_some``/``merge``
  fixes, unmaintained;
- ``json-logic-qubit`` 0.9.1: a fork of the same code, dormant since 2019;
- ``maykin-json-logic-py`` (Open Forms' own): 0.16.1 uses 3.12-only syntax (a
  SyntaxError on our Python 3.11) and 0.16.0 imports python-dateutil undeclared;
- ``panzi-json-logic`` 1.0.1: pure Python 3, no dependencies, typed, implements the
  whole operator set of the official test suite (plus CertLogic), raises
  ``ReferenceError`` on an unknown operator instead of guessing.
All four install the same top-level module ``json_logic``, so only one may be
installed; we pin panzi's.

The evaluator is wrapped: an operator outside ``ALLOWED_OPERATORS`` is refused at
load time (``log`` would print citizen data), and any failure during evaluation
becomes a :class:`ConditionError` naming the rule, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ALLOWED_OPERATORS = frozenset(
    {
        "var", "missing", "missing_some", "if", "?:", "==", "!=", "===", "!==", "!", "!!",
        "and", "or", ">", ">=", "<", "<=", "+", "-", "*", "/", "%", "min", "max",
        "in", "cat", "substr", "merge", "map", "filter", "reduce", "all", "some", "none",
    }
)


class ConditionError(ValueError):
    """A catalog rule could not be evaluated; the message names the rule."""


def iter_operations(rule: Any) -> Iterator[tuple[str, Any]]:
    """Yield (operator, arguments) for every operation nested in a rule."""
    if isinstance(rule, list):
        for item in rule:
            yield from iter_operations(item)
    elif isinstance(rule, dict) and len(rule) == 1:
        op, args = next(iter(rule.items()))
        yield op, args
        yield from iter_operations(args)
    elif isinstance(rule, dict):
        # A dict with several keys is a literal to JSON Logic; inside a catalog it is a typo.
        yield "<object with several keys>", rule


def referenced_vars(rule: Any) -> set[str]:
    """The variable names a rule reads (``{"var": "x"}`` and ``{"var": ["x", default]}``)."""
    names: set[str] = set()
    for op, args in iter_operations(rule):
        if op == "var":
            first = args[0] if isinstance(args, list) and args else args
            if isinstance(first, str) and first:
                names.add(first)
    return names


def rule_problems(rule: Any) -> list[str]:
    """Why a rule is unfit for the catalog (unknown or forbidden operators); empty when fine."""
    problems = []
    for op, _args in iter_operations(rule):
        if op not in ALLOWED_OPERATORS:
            problems.append(f"unknown or forbidden JSON Logic operator {op!r}")
    return problems


def evaluate(rule: Any, data: dict[str, Any]) -> bool:
    """Evaluate a rule against data; ``None`` (no rule) means always true."""
    if rule is None:
        return True
    # json_logic loads at the first rule evaluated, not at start (≈10 ms); loading a catalog only checks rules
    from json_logic import jsonLogic
    from json_logic.builtins import to_bool

    try:
        return bool(to_bool(jsonLogic(rule, data)))
    except Exception as exc:  # the library raises ZeroDivisionError, TypeError, ReferenceError…
        raise ConditionError(f"catalog rule {rule!r} could not be evaluated: {exc}") from exc
