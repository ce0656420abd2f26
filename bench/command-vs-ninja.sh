#!/bin/sh
# Times `taskweave run` through the real Command plugin against `ninja -j2` on the same DAG of
# 2,000 `true` commands (issue 5 benchmark b, issue 6): all independent, and layered 20 x 100
# (task (k, i) waits for (k-1, i) and (k-1, i+1)), both at two in parallel. Runs are
# interleaved, REPEAT of each; the best and the median wall times are reported, and the ratio of
# the best ones (target: taskweave within 1.25x of ninja).
#
#   bench/command-vs-ninja.sh [BUILD_DIR] [REPEAT]     (defaults: build, 5)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
repeat=${2:-5}
taskweave="$build/bin/taskweave"
plugins="$build/lib/taskweave/plugins"
for need in "$taskweave" "$plugins/taskweave-plugin-command.so"; do
  [ -e "$need" ] || { echo "missing $need: build the taskweave and taskweave-plugin-command targets" >&2; exit 2; }
done
command -v ninja >/dev/null || { echo "ninja is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

now() { date +%s.%N; }

# seconds COMMAND...: runs it quietly and prints its wall time; fails the script if it fails.
seconds() {
  start=$(now)
  "$@" >"$work/last.out" 2>&1 || { cat "$work/last.out" >&2; echo "failed: $*" >&2; exit 1; }
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' 
}

# best_and_median FILE: "best median" of the numbers in FILE.
best_and_median() {
  sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f %.3f", v[1], v[int((NR + 1) / 2)] }'
}

echo "taskweave $("$taskweave" --version 2>/dev/null | head -1), ninja $(ninja --version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %14s %14s %18s %18s %8s\n' shape "ninja best" "ninja median" "taskweave best" "taskweave median" ratio
for shape in independent layered; do
  dir="$work/$shape"
  if [ "$shape" = independent ]; then
    python3 "$here/command_dag.py" independent 2000 "$dir"
  else
    python3 "$here/command_dag.py" layered 20 100 "$dir"
  fi
  : >"$work/ninja.times"
  : >"$work/taskweave.times"
  i=0
  while [ "$i" -lt "$repeat" ]; do
    rm -rf "$dir/.ninja_log" "$dir/.ninja_deps" "$dir/state"
    (cd "$dir" && seconds ninja -j2 -f build.ninja) >>"$work/ninja.times"
    seconds "$taskweave" run "$dir/wf.xml" --plugins-dir "$plugins" --max-parallel 2 \
      --state-dir "$dir/state" --quiet >>"$work/taskweave.times"
    i=$((i + 1))
  done
  set -- $(best_and_median "$work/ninja.times") $(best_and_median "$work/taskweave.times")
  ratio=$(awk -v t="$3" -v n="$1" 'BEGIN { printf "%.2f", t / n }')
  printf '%-12s %12s s %12s s %16s s %16s s %7sx\n' "$shape" "$1" "$2" "$3" "$4" "$ratio"
done
