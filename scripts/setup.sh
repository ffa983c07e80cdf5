#!/usr/bin/env bash
# Sets up a fresh Debian 12 + Node 20 machine for tracelab: system packages (apt), npm packages, build.
#   scripts/setup.sh        what `npm start` needs (JupyterLab: Debian's jupyter_server + the lab/ frontend)
#   scripts/setup.sh check  also Chromium (`npm run start:check`)
#   scripts/setup.sh test   also what the tests need (babeltrace2 for parity, Jupyter clients for the kernel,
#                           Chromium for the JupyterLab end-to-end tests)
set -euo pipefail
cd "$(dirname "$0")/.."
want=(babeltrace2 python3-jupyter-server python3-jupyterlab-server)
if [ "${1:-}" = test ]; then
  want+=(python3-jupyter-client jupyter-nbconvert python3-nbformat jupyter-client python3-jupyter-kernel-test chromium
    python3-hatchling)
elif [ "${1:-}" = check ]; then
  want+=(chromium)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  echo "setup: apt-get install ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
fi
npm run --silent build >&2
# The labextension, the JupyterLab frontend in lab/, the kernelspec (each skipped when its inputs did not change).
bash scripts/lab-setup.sh
