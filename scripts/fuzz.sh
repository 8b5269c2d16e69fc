#!/usr/bin/env bash
# Runs one fuzz target of fuzz/ (cargo fuzz, libFuzzer) on nightly, installing what it needs.
# usage: scripts/fuzz.sh TARGET SECONDS   run TARGET that long on its corpus, print the final stats
#        scripts/fuzz.sh list             the targets
#        scripts/fuzz.sh seed             (re)write the seed corpus from spec/ and docs/
#        scripts/fuzz.sh cmin TARGET      minimise TARGET's corpus
# Limits, so "no unbounded allocation, no loop" is checked: -rss_limit_mb=2048 (an input that
# makes a run take 2 GB fails), -timeout=10 (one input running 10 s fails), -max_len=65536.
# No sanitizer (-s none): the code is safe Rust, and wasmtime under ASan is a heavy build. Debug
# assertions and overflow checks are on (cargo fuzz's default), so an overflow is a finding.
# Crashes land in fuzz/artifacts/TARGET/ (not committed); the whole log in fuzz/target/TARGET.log.
# `bridge` builds wasmtime (cranelift) and the component (fuzz/target); the others build without
# either, in fuzz/target/light.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cd fuzz
fuzz() { cargo +nightly fuzz "$@"; }
# The flags that pick the build for a target: no sanitizer, and bridge's feature and target dir.
flags() {
  if [ "$1" = bridge ]; then
    echo "-s none --features bridge --target-dir target"
  else
    echo "-s none --target-dir target/light"
  fi
}

case "${1:-}" in
  list)
    # `seed` is a bin of the crate too, but it writes the seeds rather than fuzzing.
    fuzz list | grep -vx seed
    ;;
  seed)
    # shellcheck disable=SC2046
    fuzz build $(flags seed) seed
    target/light/x86_64-unknown-linux-gnu/release/seed
    ;;
  cmin)
    target="${2:?usage: scripts/fuzz.sh cmin TARGET}"
    # shellcheck disable=SC2046
    fuzz cmin $(flags "$target") "$target" -- -rss_limit_mb=2048 -timeout=10 -max_len=65536
    ;;
  "" | -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    target="$1"
    seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS}"
    if [ "$target" = bridge ]; then
      # The bridge reads the WIT types from the built component.
      (cd .. && cargo build --quiet --release --target wasm32-wasip2 -p zoom-connector)
      built="${CARGO_TARGET_DIR:-target}"
      case "$built" in /*) ;; *) built="$(cd .. && pwd)/$built" ;; esac
      export ZOOM_COMPONENT="$built/wasm32-wasip2/release/zoom_connector.wasm"
    fi
    mkdir -p "corpus/$target" target
    log="target/$target.log"
    # libFuzzer reports on stderr; the last lines are the final stats.
    set +e
    # shellcheck disable=SC2046
    fuzz run $(flags "$target") "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
      > "$log" 2>&1
    status=$?
    set -e
    echo "== $target, $seconds s: last status line and final stats ($log)"
    grep -E '^#[0-9]+' "$log" | tail -1
    grep -E '^(stat::|Done|INFO: fuzzed|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" || true
    echo "corpus/$target: $(ls "corpus/$target" | wc -l) files, $(du -sh "corpus/$target" | cut -f1)"
    exit "$status"
    ;;
esac
