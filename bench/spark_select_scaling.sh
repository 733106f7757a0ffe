#!/usr/bin/env bash
# Scaling benchmark of the Spark selection job (anomaly-search select): a replicated LHCO-format particle sample
# (default 50,000 events, bench/make_replicated_lhco.py) selected with local[1] and local[2]; prints events/s of
# each and the speed-up, with the machine's load average (other processes skew the figures).
#   bench/spark_select_scaling.sh [EVENTS] [WORKDIR]
# Needs python3 (PYTHON, default /usr/bin/python3) with h5py and numpy, and ../shared/data/lhco_format/lhco_format_sample.h5.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-50000}"
WORK="${2:-$(mktemp -d "${TMPDIR:-/tmp}/spark-scaling.XXXXXX")}"
SRC="$ROOT/../shared/data/lhco_format/lhco_format_sample.h5"
[[ -f "$SRC" ]] || { echo "missing $SRC" >&2; exit 2; }
mkdir -p "$WORK"
H5="$WORK/replicated-$EVENTS.h5"
[[ -f "$H5" ]] || "${PYTHON:-/usr/bin/python3}" "$ROOT/bench/make_replicated_lhco.py" "$H5" --events "$EVENTS" --source "$SRC"
echo "input: $H5 ($EVENTS events), cores: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RATE
for n in 1 2; do
  out="$("$ROOT/bin/anomaly-search" select "$H5" -o "$WORK/local$n.parquet" --overwrite --master "local[$n]" \
      --partitions 16 2>&1 | tee "$WORK/local$n.log" | grep '^wrote ')"
  echo "local[$n]: $out"
  RATE[$n]="$(sed -E 's/.*\(([0-9,]+) events\/s\).*/\1/' <<<"$out" | tr -d ,)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="${RATE[1]}" -v b="${RATE[2]}" 'BEGIN { printf "events/s: local[1] %d, local[2] %d, speed-up %.2f\n", a, b, b / a }'
# The two tables differ only in their provenance (start time, arguments): compare the rest of inspect's summary.
strip() { "$ROOT/bin/anomaly-search" inspect "$1" 2>/dev/null | grep -v -e '^file:' -e 'Time"' -e 'local[12]' -e 'local\[[12]\]'; }
cmp <(strip "$WORK/local1.parquet") <(strip "$WORK/local2.parquet") \
  && echo "local[1] and local[2] outputs: same content summary" || echo "WARNING: outputs differ"
