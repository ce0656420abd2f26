#!/usr/bin/env bash
# README command 2: installs what is missing, builds with warnings as errors, runs every test.
# Environment: BUILD_DIR (default build/), TW_SANITIZE (address|thread) for a sanitizer build,
# CTEST_ARGS for extra ctest arguments (e.g. "-LE slow" to skip the slow tests), TW_WERROR=OFF
# to build without warnings as errors. docs/testing.md explains labels and sanitizer builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
export BUILD_DIR=${BUILD_DIR:-$root/build}
TW_WERROR=${TW_WERROR:-ON} "$root/scripts/build.sh"
# shellcheck disable=SC2086
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" ${CTEST_ARGS:-}
