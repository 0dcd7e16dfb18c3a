"""The seed's restaurant figures come out of the engine, and the stats command prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from flows.model import Catalog
from flows.stats import theme_stats

ROOT = Path(__file__).resolve().parents[2]
KEYS = [
    "theme", "title", "matters", "fields_before", "fields_after", "fields_autofilled", "fields_manual",
    "materials_before", "materials_after", "materials_after_no_elicences", "visits_before", "visits_after",
    "days_before", "days_after",
]


def test_restaurant_reproduces_the_seed_figures(catalog: Catalog) -> None:
    row = next(r for r in theme_stats(catalog) if r.theme == "restaurant")
    assert (row.fields_before, row.fields_after) == (186, 81)
    assert (row.materials_before, row.materials_after) == (34, 8)
    assert row.materials_after < row.materials_after_no_elicences <= row.materials_before
    assert (row.visits_before, row.visits_after) == (8, 1)
    assert (row.days_before, row.days_after) == (38, 7)
    assert row.fields_autofilled * 2 > row.fields_after
    assert row.fields_autofilled + row.fields_manual == row.fields_after


def test_every_theme_gets_better(catalog: Catalog) -> None:
    for row in theme_stats(catalog):
        assert row.fields_after < row.fields_before, row.theme
        assert row.materials_after < row.materials_before, row.theme
        assert row.visits_after <= 1 < row.visits_before, row.theme
        assert row.days_after < row.days_before, row.theme


def test_as_dict_has_exactly_the_documented_keys(catalog: Catalog) -> None:
    assert [list(r.as_dict()) for r in theme_stats(catalog)] == [KEYS] * 5


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["theme"] for r in rows] == ["supermarket", "restaurant", "drinks", "grocery", "coffee"]
    assert list(rows[1]) == KEYS and rows[1]["title"] == "我要开饭店"


def test_cli_table_and_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "我要开饭店" in out and "186→81" in out and "34→8" in out
    assert main(["check"]) == 0


def test_cli_check_reports_a_broken_catalog(catalog_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = catalog_copy / "matters" / "drainage.yaml"
    broken = path.read_text(encoding="utf-8").replace("days_after: 5", "days_after: x")
    path.write_text(broken, encoding="utf-8")
    assert main(["check", str(catalog_copy)]) == 1
    assert "matters/drainage.yaml:" in capsys.readouterr().out
    assert main(["stats", "--catalog", str(catalog_copy)]) == 1


def test_python_m_flows_runs_in_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flows", "stats", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[1]["fields_after"] == 81


def test_readme_figures_match_the_engine(catalog: Catalog) -> None:
    from flows.engine import applicable_matters

    readme = (ROOT / "flows" / "README.md").read_text(encoding="utf-8").splitlines()
    for r in theme_stats(catalog):
        line = next(x for x in readme if x.startswith(f"| {r.title} "))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1:] == [
            str(r.matters), f"{r.fields_before} → {r.fields_after}", str(r.fields_autofilled),
            str(r.fields_manual), f"{r.materials_before} → {r.materials_after}",
            f"{r.visits_before} → {r.visits_after}", f"{r.days_before} → {r.days_after}",
        ], r.theme
    for m in applicable_matters(catalog, "restaurant", catalog.theme("restaurant").max_answers):
        line = next(x for x in readme if x.startswith(f"| {m.name_zh} |"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1:] == [m.department_zh, str(len(m.form)), str(len(m.materials)), str(m.visits_before),
                             str(m.days_before), str(m.days_after), str(m.legal_days)], m.id
