#!/usr/bin/env bash
# Installs the Debian packages taskweave needs to build and test; does nothing when all are
# present (set TW_FORCE_APT=1 to run apt-get update and install regardless, as CI does on a
# machine that may be new). Needs root (or sudo) only when something is installed.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config git
  libboost-dev libboost-graph-dev
  libpoco-dev libpugixml-dev libcurl4-openssl-dev libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-aiosmtpd openssl graphviz clang-format
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ "${TW_FORCE_APT:-0}" == 1 ]]; then
  missing=("${packages[@]}")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
