#!/usr/bin/env bash
# The whole test suite: formatting, clippy on both targets, unit tests (native), integration tests
# through the component against the simulator, and every example recipe.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== clippy (native workspace, then the component for wasm32-wasip2)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p zoom-connector --target wasm32-wasip2 -- -D warnings
echo "== tests"
cargo test --workspace
echo "== examples"
for example in examples/*.rs; do
  name=$(basename "$example" .rs)
  echo "-- $name"
  cargo run --quiet -p zoom-host --example "$name"
done
