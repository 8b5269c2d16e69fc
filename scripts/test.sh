#!/usr/bin/env bash
# The whole test suite: formatting, clippy on both targets, unit tests (native), integration tests
# through the component against the simulator, and every example recipe.
set -euo pipefail
# The jco tests need Node and host-test/jco's packages: setup.sh must install them or stop.
setup_requires_jco=1
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== clippy (native workspace, then the component for wasm32-wasip2)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p zoom-connector --target wasm32-wasip2 -- -D warnings
echo "== tests"
# Honour CARGO_TARGET_DIR: the tests write their secrets under its tmp/ (CARGO_TARGET_TMPDIR).
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target/tmp"
secrets="$target/tmp/secrets-used.txt"
rm -f "$secrets"
cargo test --workspace 2>&1 | tee "$target/test-output.log"
echo "== no secret in anything the suite printed"
# Only whole secrets count: a blank or short line would match everything.
patterns="$target/tmp/secret-patterns.txt"
grep -E '^.{12,}$' "$secrets" | sort -u > "$patterns" || true
if [ -s "$patterns" ] && grep -F -f "$patterns" "$target/test-output.log" >/dev/null; then
  echo "a secret used by the tests appears in their output ($target/test-output.log)" >&2
  exit 1
fi
echo "checked $(wc -l < "$patterns") secrets against $(wc -l < "$target/test-output.log") lines of test output"
echo "== examples"
for example in examples/*.rs; do
  name=$(basename "$example" .rs)
  echo "-- $name"
  cargo run --quiet -p zoom-host --example "$name"
done
