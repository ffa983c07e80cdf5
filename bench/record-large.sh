#!/usr/bin/env bash
# Records the large real kernel trace the benchmark reads (5M+ events), by running the corpus recipe
# ../shared/traces/recorded/recipes/bench-large.sh (perf record -a of sched/irq/timer/net/block/tcp + syscalls:*
# while stress-ng forks, pipes and context-switches; then perf data convert --to-ctf).
#   bench/record-large.sh [OUTDIR]     default OUTDIR: bench/out/large  (git-ignored)
# Needs root (perf -a, apt-get for stress-ng/linux-perf/babeltrace2). Knobs passed to the recipe: DUR (seconds of
# stress, default 12 here), STRESS, SYSCALLS, PERF_MMAP. Takes ~3-4 minutes (most of it perf's CTF converter).
# Output: OUTDIR/ctf (the CTF trace), OUTDIR/summary.txt (event count by babeltrace2, sizes, timings).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RECIPE="$HERE/../../shared/traces/recorded/recipes/bench-large.sh"
OUT="${1:-$HERE/out/large}"
MIN_EVENTS="${MIN_EVENTS:-5000000}"
export DUR="${DUR:-12}"

[ -f "$RECIPE" ] || { echo "record-large: recipe not found: $RECIPE" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "record-large: needs root (perf record -a, apt-get)" >&2; exit 1; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# The recipe writes its scratch files to /tmp/rec/bench-large and its outputs to $OUT only.
bash "$RECIPE" "$OUT"

events=$(awk -F: '/^events \(babeltrace2\)/ {gsub(/ /, "", $2); print $2}' "$OUT/summary.txt")
echo "record-large: $events events in $OUT/ctf"
if [ -z "$events" ] || [ "$events" -lt "$MIN_EVENTS" ]; then
  echo "record-large: fewer than $MIN_EVENTS events; re-run with a longer DUR (e.g. DUR=20 $0)" >&2
  exit 2
fi
