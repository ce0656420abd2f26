#!/usr/bin/env bash
# README command 1, last step: runs the example workflow config/examples/wf_sales_star.xml with
# the built CLI in a fresh run directory, then prints the star schema's row counts.
#
# Environment: BUILD_DIR (default build/), TASKWEAVE (the CLI, default $BUILD_DIR/bin/taskweave),
# TW_EXAMPLE_RUN_DIR (default $BUILD_DIR/example-run; a previous example run there is removed).
# Arguments go to `taskweave run`, e.g. --json-events=events.jsonl or --dry-run.
# Exits with the exit code of `taskweave run` (0 when the workflow SUCCEEDED).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
examples=$root/config/examples
build_dir=${BUILD_DIR:-$root/build}
taskweave=${TASKWEAVE:-$build_dir/bin/taskweave}
run_dir=${TW_EXAMPLE_RUN_DIR:-$build_dir/example-run}
marker=.taskweave-example-run

die() { echo "run-example: $*" >&2; exit 2; }
[[ -x $taskweave ]] || die "no taskweave at $taskweave: build it first (scripts/build.sh)"
command -v sqlite3 >/dev/null || die "the example's commands need the sqlite3 shell: apt-get install sqlite3"

# Start from an empty run directory, removing only what an earlier example run left there.
if [[ -e $run_dir ]]; then
  [[ -f $run_dir/$marker ]] || [[ -z $(ls -A "$run_dir") ]] ||
    die "$run_dir exists and is not an example run directory: set TW_EXAMPLE_RUN_DIR elsewhere"
  rm -rf "$run_dir"
fi
mkdir -p "$run_dir/target"
touch "$run_dir/$marker"
run_dir=$(cd "$run_dir" && pwd)

# The example's parameter file, preceded by where this run reads its inputs and writes.
params=$run_dir/wf_sales_star.par
{
  # shellcheck disable=SC2016 # the $ names are PowerCenter's, written as they are
  printf '[Global]\n$PMRootDir=%s\n$PMTargetFileDir=%s\n\n' "$examples" "$run_dir/target"
  cat "$examples/wf_sales_star.par"
} >"$params"

cd "$run_dir"
status=0
"$taskweave" run "$examples/wf_sales_star.xml" --config "$examples/taskweave.ini" \
  --param-file "$params" --state-dir "$run_dir/state" --log-dir "$run_dir/logs" "$@" || status=$?

warehouse=$run_dir/target/warehouse.sqlite
if [[ -f $warehouse ]]; then
  echo
  echo "Star schema in $warehouse:"
  sqlite3 -column -header "$warehouse" "
    SELECT 'dim_customer' AS \"table\", COUNT(*) AS \"rows\" FROM dim_customer
    UNION ALL SELECT 'dim_product', COUNT(*) FROM dim_product
    UNION ALL SELECT 'fact_sales', COUNT(*) FROM fact_sales;" ||
    echo "(the load did not get as far as creating every table)"
else
  echo "No warehouse was written (a dry run, or the load failed before it began)."
fi
exit "$status"
