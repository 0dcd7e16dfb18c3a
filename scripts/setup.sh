#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 machine: Debian packages (as root), a
# virtual environment in .venv, and the project installed into it with pinned
# versions from pyproject.toml. Re-running costs a second when nothing changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

want_pkgs=$(grep -vE '^\s*(#|$)' scripts/debian-packages.txt | tr '\n' ' ')
missing=""
for p in $want_pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # wait for another apt (unattended upgrades, a second terminal) instead of failing at once
    apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing >/dev/null
  else
    echo "setup: these Debian packages are missing:$missing" >&2
    echo "setup: as root run: apt-get install -y$missing" >&2
  fi
fi

py=""
for cand in python3.11 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    py="$cand"; break
  fi
done
[ -n "$py" ] || { echo "setup: Python 3.11 is required (Debian 12: apt-get install python3)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=.venv/.onestop-installed
hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$hash" > "$stamp"
fi

# Bytecode for the kiosk's own modules, written now: a deployed tree is not writable by the
# service, and without these files every start compiles them again (≈50 ms; bench/README.md).
.venv/bin/python -m compileall -q kiosk flows devices offline_cache hub main.py >/dev/null || true
