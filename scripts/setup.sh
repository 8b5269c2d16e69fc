#!/usr/bin/env bash
# Everything a fresh machine needs before cargo: the pinned toolchain and the wasm32-wasip2 target.
# Sourced by the other scripts; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v rustup >/dev/null 2>&1; then
  echo "rustup is required (https://rustup.rs)" >&2
  exit 1
fi
# rust-toolchain.toml pins the toolchain; an already-installed toolchain does not pick up new
# targets by itself, so add it explicitly.
rustup show active-toolchain >/dev/null
rustup target add wasm32-wasip2 >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true
# The benchmark's Zoom Rivet arm (bench/rivet): Zoom's Node.js SDK, pinned by package-lock.json.
# Without node the bench skips that arm with a note (Debian: apt-get install nodejs npm).
rivet=bench/rivet
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -f "$rivet/node_modules/.package-lock.json" ] || [ "$rivet/package-lock.json" -nt "$rivet/node_modules/.package-lock.json" ]; then
    (cd "$rivet" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "note: npm ci in $rivet failed; the bench will skip its Zoom Rivet arm" >&2
  fi
else
  echo "note: node/npm not found; the bench will skip its Zoom Rivet arm (Debian: apt-get install nodejs npm)" >&2
fi
# The jco tests (host-test/jco): jco and preview2-shim run the component under Node.js. The suite
# needs them, so for test.sh (and when this script is run by itself) a missing node or a failed
# install stops here; the demo and size scripts do not use them and only note it.
jco=host-test/jco
jco_missing() {
  if [ "${setup_requires_jco:-}" = 1 ] || [ "${BASH_SOURCE[0]}" = "$0" ]; then
    echo "$1" >&2
    exit 1
  fi
  echo "note: $1" >&2
}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  jco_missing "node and npm are required for the jco tests (Node.js 20+; Debian: apt-get install nodejs npm)"
elif [ ! -f "$jco/node_modules/.package-lock.json" ] || [ "$jco/package-lock.json" -nt "$jco/node_modules/.package-lock.json" ]; then
  (cd "$jco" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || jco_missing "npm ci in $jco failed; the jco tests need its packages"
fi
