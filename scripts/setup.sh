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
