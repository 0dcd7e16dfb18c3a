"""Copies of the built-in catalog as a department would change them: one material more, or broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.catalog import DEFAULT_DIRECTORY

NEW_MATERIAL = "kitchen_exhaust_plan"
NEW_MATERIAL_ZH = "厨房油烟净化设施说明"


def catalog_copy(dest: Path) -> Path:
    shutil.copytree(DEFAULT_DIRECTORY, dest)
    return dest


def with_new_restaurant_material(dest: Path) -> Path:
    """The restaurant theme's 食品经营许可 asks for one material more (a department's change)."""
    catalog_copy(dest)
    materials = dest / "materials.yaml"
    text = materials.read_text("utf-8")
    anchor = "materials:\n"
    assert anchor in text
    materials.write_text(
        text.replace(
            anchor,
            anchor + f"  {NEW_MATERIAL}:\n    {{name_zh: {NEW_MATERIAL_ZH}, name_en: Kitchen exhaust}}\n",
            1,
        ),
        "utf-8",
    )
    matter = dest / "matters" / "food_business.yaml"
    text = matter.read_text("utf-8")
    assert "  - {material: equipment_list}\n" in text
    matter.write_text(
        text.replace(
            "  - {material: equipment_list}\n",
            f"  - {{material: equipment_list}}\n  - {{material: {NEW_MATERIAL}}}\n",
        ),
        "utf-8",
    )
    return dest


def with_unknown_material(dest: Path) -> Path:
    """A matter names a material nobody declared: `flows check` refuses it (file:line, field)."""
    catalog_copy(dest)
    matter = dest / "matters" / "food_business.yaml"
    text = matter.read_text("utf-8")
    matter.write_text(
        text.replace("  - {material: equipment_list}\n", "  - {material: no_such_material}\n"), "utf-8"
    )
    return dest


def with_theme_title(dest: Path, theme: str, title_zh: str) -> Path:
    """A department renames a theme (what a passer-by sees on the attract screen's tile)."""
    catalog_copy(dest)
    path = dest / "themes" / f"{theme}.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith("title_zh:")]
    assert len(found) == 1
    lines[found[0]] = f"title_zh: {title_zh}\n"
    path.write_text("".join(lines), "utf-8")
    return dest
