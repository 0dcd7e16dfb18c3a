"""Engine timing: from answers to merged form and checklist, for every theme.

For each theme, under its max answers (the most matters) and under random valid
answers, times one full pass — applicable_matters → merge_forms → prefill (demo
citizen records + answers) → validate → build_checklist → split_to_matters — and
prints the median and 95th percentile per pass, plus the catalog load time.
Run:

    .venv/bin/python bench/bench_engine.py [--runs 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.answers import answer_elements  # noqa: E402
from flows.catalog import load_catalog  # noqa: E402
from flows.engine import (  # noqa: E402
    applicable_matters,
    build_checklist,
    merge_forms,
    prefill,
    split_to_matters,
    validate,
)
from flows.model import Catalog, Theme  # noqa: E402
from flows.sources import enterprise_elements, identity_elements, licence_elements, person_elements  # noqa: E402


def demo_records() -> dict[str, dict[str, Any]]:
    data = json.loads((ROOT / "assets" / "samples" / "citizens.json").read_text(encoding="utf-8"))
    li_na = next(c for c in data["citizens"] if c["key"] == "li_na")
    return {
        "id_card": identity_elements(li_na["card"]),
        "licence": licence_elements(li_na["enterprise"]["uscc"]),
        "person_profile": person_elements(li_na["person_profile"]),
        "enterprise_profile": enterprise_elements(li_na["enterprise"]),
    }


def random_answers(theme: Theme, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in theme.questions():
        if q.kind == "bool":
            answers[q.id] = rng.random() < 0.5
        elif q.kind == "single":
            answers[q.id] = rng.choice(q.option_ids())
        else:
            answers[q.id] = [o for o in q.option_ids() if rng.random() < 0.5]
    return answers


def one_pass(catalog: Catalog, theme_id: str, answers: dict[str, Any], records: dict) -> int:
    matters = applicable_matters(catalog, theme_id, answers)
    merged = merge_forms(catalog, matters)
    filled = prefill(catalog, merged, {**records, "answer": answer_elements(catalog, theme_id, answers)})
    validate(catalog, filled)
    build_checklist(catalog, theme_id, matters, {"business_licence", "id_card"}, answers)
    split_to_matters(filled, matters)
    return len(merged.fields)


def timed(runs: int, work: Any) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    load = timed(max(5, args.runs // 30), load_catalog)
    print(f"catalog load: median {statistics.median(load):.1f} ms, p95 {p95(load):.1f} ms ({len(load)} runs)")
    catalog = load_catalog()
    records = demo_records()
    print(f"{'theme':<12} {'answers':<8} {'fields':>6} {'median ms':>10} {'p95 ms':>8}")
    for theme in catalog.themes:
        fields = one_pass(catalog, theme.id, theme.max_answers, records)
        most = timed(args.runs, lambda t=theme: one_pass(catalog, t.id, t.max_answers, records))
        print(f"{theme.id:<12} {'max':<8} {fields:>6} {statistics.median(most):>10.2f} {p95(most):>8.2f}")
        answer_sets = [random_answers(theme, rng) for _ in range(args.runs)]
        it = iter(answer_sets)
        rand = timed(args.runs, lambda t=theme, i=it: one_pass(catalog, t.id, next(i), records))
        print(f"{theme.id:<12} {'random':<8} {'':>6} {statistics.median(rand):>10.2f} {p95(rand):>8.2f}")


if __name__ == "__main__":
    main()
