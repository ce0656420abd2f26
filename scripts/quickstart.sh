#!/usr/bin/env bash
# README command 1: installs what is missing, builds, lists the plugins and runs the example.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
export BUILD_DIR=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$BUILD_DIR/bin/taskweave" plugins
"$root/scripts/run-example.sh"
