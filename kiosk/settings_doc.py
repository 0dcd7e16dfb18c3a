"""The README's configuration table, generated from the settings declarations.

`python -m kiosk.settings_doc` prints it; a test keeps README.md in step with it.
"""

from __future__ import annotations

from kiosk.settings import settings_reference


def settings_table() -> str:
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for row in settings_reference():
        default = row["default"].replace("|", "\\|")
        kind = row["type"].replace("|", "\\|")
        lines.append(f"| `{row['key']}` | {kind} | `{default}` | {row['description']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(settings_table())
