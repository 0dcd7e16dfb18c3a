#!/usr/bin/env bash
# Runs the whole suite headless. Rigs (pcscd, PostgreSQL, Chromium, the hub) are
# started and stopped by the tests' own fixtures, so this stays one command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
