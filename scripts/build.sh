#!/usr/bin/env bash
# Configures and builds taskweave into a build directory (default: build/).
# Environment: BUILD_DIR, TW_SANITIZE (address|thread), TW_WERROR (ON|OFF), BUILD_TYPE,
# TW_BUILD_BENCHMARKS (ON|OFF; default OFF in a sanitizer build, where timings mean nothing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
benchmarks_default=ON
[ -n "${TW_SANITIZE:-}" ] && benchmarks_default=OFF
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

cmake -S "$root" -B "$build_dir" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DTW_WERROR="${TW_WERROR:-OFF}" -DTW_SANITIZE="${TW_SANITIZE:-}" \
  -DTW_BUILD_BENCHMARKS="${TW_BUILD_BENCHMARKS:-$benchmarks_default}" -DTW_BUILD_FUZZERS="${TW_BUILD_FUZZERS:-OFF}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
