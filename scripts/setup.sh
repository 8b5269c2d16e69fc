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
# The MCP client test (host-test/cli/tests/it/mcp_client.rs): the official MCP TypeScript SDK,
# pinned by host-test/mcp-client/package-lock.json. Without node the demo still runs and that test
# fails saying what to install; a failed install is an error, as the suite needs it.
mcp_client=host-test/mcp-client
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -f "$mcp_client/node_modules/.package-lock.json" ] || [ "$mcp_client/package-lock.json" -nt "$mcp_client/node_modules/.package-lock.json" ]; then
    (cd "$mcp_client" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
else
  echo "note: node/npm not found; the MCP client test will fail until they are installed (Debian: apt-get install nodejs npm)" >&2
fi
