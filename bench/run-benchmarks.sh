#!/bin/sh
# Every benchmark of the project in one command (bench/README.md). First the micro-benchmarks
# (Google Benchmark: expression parse/evaluate, XML loading, plugin loading, state store), then
# the execution kernel's benchmarks (issue 5), peers run in the same invocation:
#  (a) 100,000 tasks of the in-process no-op test plugin, layered 100 x 1000 and as a chain:
#      per-task overhead of the kernel alone and with the SQLite state store (run_kernel_bench),
#      and end to end through `taskweave run` (process start and XML loading included);
#  (b) 2,000 `true` tasks, independent and layered 20 x 100, at --max-parallel 2, against
#      ninja -j2 on the same DAG: testkit.spawn (posix_spawn, no shell, own process group), and
#      the real Command plugin (sh -c) through bench/command-vs-ninja.sh;
#  (c) a skewed DAG: one `sleep 2` beside 4 chains of 100 `true`: makespan against the
#      critical-path bound (the long task's own duration);
#  (d) latency from a task's end to its successor's start (p50, p99) on the 100k chain;
#  (e) peak memory for 100k tasks.
#
#   bench/run-benchmarks.sh [BUILD_DIR] [REPEAT]     (defaults: build, 3)
# Needs the targets taskweave, run_kernel_bench, taskweave-plugin-testkit and
# taskweave-plugin-command, and ninja.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
repeat=${2:-3}
tw="$build/bin/taskweave"
bench="$build/bin/run_kernel_bench"
testkit="$build/tests/run-plugins"
for need in "$tw" "$bench" "$testkit/taskweave-plugin-testkit.so"; do
  [ -e "$need" ] || { echo "missing $need: build taskweave, run_kernel_bench and taskweave-plugin-testkit" >&2; exit 2; }
done
command -v ninja >/dev/null || { echo "ninja is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
best() { sort -n | head -1; }

echo "== taskweave benchmarks: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "-- micro-benchmarks: expressions, XML loading (corpus), plugin loading, state store"
for micro in tw_expr_bench model_load_bench plugin_load_bench state_bench; do
  if [ -x "$build/bin/$micro" ]; then
    "$build/bin/$micro" --benchmark_repetitions="$repeat" --benchmark_report_aggregates_only=true
  else
    echo "skipped $micro: not built"
  fi
done

echo "-- (a, d, e) 100,000 no-op tasks: kernel alone, kernel + state store (run_kernel_bench, $repeat runs each)"
# One JSON line per run, then the median and the range of the wall time per task: two threads
# on a shared 2-core VM make single runs vary by up to 2x.
for shape in chain layered; do
  for store in no yes; do
    : >"$work/a.times"
    i=0
    while [ "$i" -lt "$repeat" ]; do
      rm -rf "$work/store"
      if [ "$store" = yes ]; then
        line=$("$bench" "$shape" 100000 --width 1000 --plugins-dir "$testkit" --store "$work/store")
      else
        line=$("$bench" "$shape" 100000 --width 1000 --plugins-dir "$testkit")
      fi
      echo "$line"
      echo "$line" | sed 's/.*"us_per_task":\([0-9.]*\).*/\1/' >>"$work/a.times"
      i=$((i + 1))
    done
    sort -n "$work/a.times" | awk -v shape="$shape" -v store="$store" '{ t[NR] = $1 } END {
      printf "%-8s store=%-3s median %.2f us per task (%.2f-%.2f over %d runs)\n",
             shape, store, t[int((NR + 1) / 2)], t[1], t[NR], NR }'
  done
done

echo "-- (a, e) 100,000 no-op tasks end to end: taskweave run (load, plugins, state store, logs)"
for shape in chain layered; do
  python3 "$here/run_make_workflow.py" "$shape" 100000 --width 1000 >"$work/$shape.xml"
  rm -rf "$work/state"
  /usr/bin/time -f "%e %M" -o "$work/time" "$tw" run "$work/$shape.xml" --plugins-dir "$testkit" \
    --state-dir "$work/state" --quiet >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  set -- $(cat "$work/time")
  awk -v s="$1" -v kb="$2" -v shape="$shape" 'BEGIN {
    printf "%-8s 100000 tasks: %.2f s wall, %.1f us per task, peak RSS %.0f MB\n", shape, s, s * 10, kb / 1024 }'
done

echo "-- (b) 2,000 true at --max-parallel 2 vs ninja -j2 (best of $repeat, interleaved)"
printf '%-12s %12s %18s %8s\n' shape "ninja" "taskweave spawn" ratio
for shape in independent layered; do
  dir="$work/b-$shape"
  if [ "$shape" = independent ]; then
    python3 "$here/command_dag.py" independent 2000 "$dir"
  else
    python3 "$here/command_dag.py" layered 20 100 "$dir"
  fi
  # The same DAG with testkit.spawn tasks: posix_spawn of `true`, no shell.
  sed 's/TYPE="Command"/TYPE="testkit.spawn"/g' "$dir/wf.xml" >"$dir/spawn.xml"
  : >"$work/ninja.t"; : >"$work/tw.t"
  i=0
  while [ "$i" -lt "$repeat" ]; do
    rm -rf "$dir/.ninja_log" "$dir/state"
    a=$(now); (cd "$dir" && ninja -j2 -f build.ninja >/dev/null); b=$(now)
    elapsed "$a" "$b" >>"$work/ninja.t"; echo >>"$work/ninja.t"
    a=$(now)
    "$tw" run "$dir/spawn.xml" --plugins-dir "$testkit" --max-parallel 2 --state-dir "$dir/state" \
      --quiet >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
    b=$(now); elapsed "$a" "$b" >>"$work/tw.t"; echo >>"$work/tw.t"
    i=$((i + 1))
  done
  n=$(grep . "$work/ninja.t" | best); t=$(grep . "$work/tw.t" | best)
  printf '%-12s %10s s %16s s %7sx\n' "$shape" "$n" "$t" "$(awk -v t="$t" -v n="$n" 'BEGIN { printf "%.2f", t / n }')"
done
if [ -e "$build/lib/taskweave/plugins/taskweave-plugin-command.so" ]; then
  echo "-- (b) the same through the real Command plugin (sh -c per command): bench/command-vs-ninja.sh"
  sh "$here/command-vs-ninja.sh" "$build" "$repeat" | tail -n +2
fi

echo "-- (c) skewed DAG: sleep 2 beside 4 chains of 100 true, --max-parallel 2"
python3 "$here/run_make_workflow.py" skewed 401 --chains 4 --type testkit.spawn \
  --attr Command=true --long-attr "Command=sleep 2" >"$work/skewed.xml"
rm -rf "$work/state"
"$tw" run "$work/skewed.xml" --plugins-dir "$testkit" --max-parallel 2 --state-dir "$work/state" \
  --quiet --json-events="$work/skewed.jsonl" >/dev/null 2>&1
python3 - "$work/skewed.jsonl" <<'PY'
import json, sys
from datetime import datetime
def t(s): return datetime.strptime(s.rstrip("Z"), "%Y-%m-%dT%H:%M:%S.%f")
events = [json.loads(l) for l in open(sys.argv[1])]
start = t(events[0]["ts"]); end = t(events[-1]["ts"])
long = next(e for e in events if e["event"] == "task_finished" and e["task"] == "LONG")
bound = (t(long["end"]) - t(long["start"])).total_seconds()
makespan = (end - start).total_seconds()
print(f"makespan {makespan:.3f} s, critical-path bound {bound:.3f} s (the long task), "
      f"{100 * (makespan / bound - 1):.2f}% over")
PY
