#!/usr/bin/env bash
# Sets up what the JupyterLab host needs, skipping every step whose inputs did not change (stamps in lab/.stamps/):
#   1. the prebuilt labextension (npm run build:labextension -> labextension/)
#   2. lab/'s npm packages (npm ci in lab/, its own node_modules) and its webpack build (lab/build/)
#      -- skipped where a real `jupyter lab` exists (pip/conda), which serves the extension itself
#   3. the tracelab kernelspec and the labextension under lab/share/jupyter (JUPYTER_PATH for the server)
# Needs the root npm install and `npm run build` (scripts/setup.sh runs this script after them).
# TRACELAB_LAB=npm forces the npm-built frontend even where `jupyter lab` exists.
set -euo pipefail
cd "$(dirname "$0")/.."
stamps=lab/.stamps
mkdir -p "$stamps"

step() { # step "what" command...: runs a step, or stops with a clear message
  local what=$1
  shift
  echo "lab-setup: $what" >&2
  if ! "$@" >&2; then
    echo "lab-setup: FAILED: $what (command: $*)" >&2
    exit 1
  fi
}

# Hash of the contents of the given files and folders (node_modules excluded).
inputs_hash() {
  find "$@" -type f -not -path '*/node_modules/*' -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64
}

# up_to_date NAME HASH OUTPUT: true when the stamp holds HASH and OUTPUT exists.
up_to_date() { [ -e "$3" ] && [ -f "$stamps/$1" ] && [ "$(cat "$stamps/$1")" = "$2" ]; }

# 1. The prebuilt labextension.
ext_hash=$(inputs_hash src/renderers src/protocol style package.json package-lock.json)
ext_entry=$(ls labextension/static/remoteEntry.*.js 2>/dev/null | head -n1 || true)
if ! up_to_date labextension "$ext_hash" "${ext_entry:-labextension/none}"; then
  step "building the labextension (npm run build:labextension)" npm run --silent build:labextension
  echo "$ext_hash" > "$stamps/labextension"
fi

# 2. The npm-built JupyterLab frontend, unless a real `jupyter lab` will serve.
if [ "${TRACELAB_LAB:-}" = npm ] || ! command -v jupyter-lab >/dev/null; then
  npm_hash=$(inputs_hash lab/package.json lab/package-lock.json)
  if ! up_to_date lab-npm "$npm_hash" lab/node_modules/.package-lock.json; then
    step "installing lab/ npm packages (npm ci in lab/)" npm ci --prefix lab --no-audit --no-fund
    echo "$npm_hash" > "$stamps/lab-npm"
  fi
  build_hash=$(inputs_hash lab/package.json lab/package-lock.json lab/webpack.config.js lab/src)
  if ! up_to_date lab-build "$build_hash" lab/build/static/bundle.js; then
    step "building the JupyterLab frontend (webpack in lab/, a few minutes)" npm run --prefix lab --silent build
    echo "$build_hash" > "$stamps/lab-build"
  fi
fi

# 3. Kernelspec and labextension where the server looks (JUPYTER_PATH=lab/share/jupyter).
ks_hash=$(echo "$(command -v node) $(pwd) $(inputs_hash src/kernel-bridge/kernelspec.ts)" | sha256sum | cut -c1-64)
if ! up_to_date kernelspec "$ks_hash" lab/share/jupyter/kernels/tracelab/kernel.json; then
  step "installing the tracelab kernelspec in lab/share/jupyter" node bin/tracelab.js kernel install --prefix lab
  echo "$ks_hash" > "$stamps/kernelspec"
fi
mkdir -p lab/share/jupyter/labextensions
ln -sfn ../../../../labextension lab/share/jupyter/labextensions/tracelab
