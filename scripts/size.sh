#!/usr/bin/env bash
# The release component's size, and what takes it: sections, and the code by crate, by function
# and by generic (see BENCHMARKS.md). Builds the shipped component, then the same build with the
# `name` section kept (strip = "none") in a target dir of its own, and reads that one with
# scripts/wasm_size.py (Python 3, standard library only).
# usage: scripts/size.sh [TOP_N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if ! command -v python3 >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq python3 >/dev/null
  else
    echo "python3 is required" >&2
    exit 1
  fi
fi
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet -p zoom-connector --release --target wasm32-wasip2
shipped="$target/wasm32-wasip2/release/zoom_connector.wasm"
echo "== shipped component: $(wc -c < "$shipped") bytes ($shipped)"
CARGO_PROFILE_RELEASE_STRIP=none cargo build --quiet -p zoom-connector --release --target wasm32-wasip2 \
  --target-dir "$target/size-names"
echo "== breakdown, from the same build with names kept (its debug sections are not shipped)"
python3 scripts/wasm_size.py "$target/size-names/wasm32-wasip2/release/zoom_connector.wasm" "${1:-40}"
