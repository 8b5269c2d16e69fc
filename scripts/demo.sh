#!/usr/bin/env bash
# Builds the component and the host (cargo shows its progress: the first build takes minutes), then
# runs the end-to-end demo against the embedded simulator.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cargo run -p zoom-host -- demo
