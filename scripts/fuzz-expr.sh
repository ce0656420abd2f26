#!/usr/bin/env bash
# Builds the expression-language fuzzer (tests/fuzz/expr_fuzz.cpp) with clang under
# ASan+UBSan and runs it.
#
#   scripts/fuzz-expr.sh [SECONDS]        # default 600 (10 minutes)
#
# Environment: TW_FUZZ_BUILD_DIR (default: build-fuzz in the repo, git-ignored),
# TW_FUZZ_JOBS (parallel build jobs, default 2). The growing corpus is kept in
# $TW_FUZZ_BUILD_DIR/expr-corpus between runs; crashes are written to $TW_FUZZ_BUILD_DIR/crashes/.
# Exits non-zero when the fuzzer finds a crash, leak, timeout or sanitizer report.
set -euo pipefail

seconds="${1:-600}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TW_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${TW_FUZZ_JOBS:-2}"

command -v clang++ >/dev/null || { echo "fuzz-expr: clang++ is required (apt-get install clang)" >&2; exit 2; }

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTW_BUILD_FUZZERS=ON -DTW_SANITIZE=address -DTW_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target tw_expr_fuzz -j "$jobs"

corpus="$build/expr-corpus"
crashes="$build/crashes"
mkdir -p "$corpus" "$crashes"
echo "fuzz-expr: running for ${seconds}s (corpus $corpus)"
"$build/bin/tw_expr_fuzz" -max_total_time="$seconds" -dict="$root/tests/fuzz/expr.dict" \
  -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$crashes/" "$corpus" "$root/tests/fuzz/expr_seeds"
