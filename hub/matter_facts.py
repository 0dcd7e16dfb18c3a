"""What the hub needs to know of each matter to track it: names, department, committed limit.

The catalog stays flows/'s to interpret; the hub reads only these five keys of each
`matters/*.yaml` of the catalog version an application was made under (the latest when
the hub never saw that version), so a due date follows the limit the citizen was shown.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import yaml

from hub.catalog import CatalogStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatterFacts:
    matter_id: str
    name_zh: str
    name_en: str
    department_zh: str
    department_en: str
    days_after: int  # the theme's committed limit in working days from 受理


def facts_from_files(files: dict[str, str]) -> dict[str, MatterFacts]:
    """matter id → facts, from the catalog files under matters/ (a broken file is skipped, logged)."""
    found: dict[str, MatterFacts] = {}
    for path, text in files.items():
        if not path.startswith("matters/") or not path.endswith((".yaml", ".yml")):
            continue
        try:
            data = yaml.safe_load(text)
            facts = MatterFacts(
                str(data["id"]),
                str(data.get("name_zh", data["id"])),
                str(data.get("name_en", "")),
                str(data.get("department_zh", "")),
                str(data.get("department_en", "")),
                int(data.get("days_after", 0)),
            )
        except (yaml.YAMLError, KeyError, TypeError, ValueError):
            log.warning("catalog file %s has no usable matter facts", path)
            continue
        found[facts.matter_id] = facts
    return found


class MatterFactsBook:
    """Facts per catalog version, read once per version."""

    def __init__(self, catalog: CatalogStore) -> None:
        self._catalog = catalog
        self._by_version: dict[str, dict[str, MatterFacts]] = {}
        self._lock = threading.Lock()

    def facts(self, catalog_version: str | None, matter_id: str) -> MatterFacts:
        book = self._book(catalog_version)
        return book.get(matter_id) or MatterFacts(matter_id, matter_id, matter_id, "", "", 0)

    def _book(self, version: str | None) -> dict[str, MatterFacts]:
        with self._lock:
            for candidate in (version, self._catalog.latest_version):
                if candidate and candidate in self._by_version:
                    return self._by_version[candidate]
        for candidate in (version, self._catalog.latest_version):
            found = self._catalog.get(candidate) if candidate else None
            if found is not None:
                book = facts_from_files(found.files)
                with self._lock:
                    self._by_version[candidate] = book  # type: ignore[index]
                return book
        return {}
