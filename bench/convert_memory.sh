#!/usr/bin/env bash
# Acceptance benchmark (not a test): `anomaly-search convert` of a particle-level LHCO file runs in a fixed
# heap whatever the file size, and how many events/s it reaches.
#
#   bench/convert_memory.sh [N_EVENTS] [XMX]        defaults: 1100000 and 2g
#
# 1. Builds (once) BENCH_DIR/lhco_replicated_N.h5, N events in the pandas 'fixed' layout, by replicating the
#    1300-event sample ../shared/data/lhco_format/lhco_format_sample.h5 (bench/make_replicated_lhco.py; needs
#    h5py and numpy: apt-get install python3-h5py python3-numpy). 1.1M events are ~18.5 GB on disk.
# 2. Runs `bin/anomaly-search convert FILE -o BENCH_DIR/convert_N.parquet --overwrite` with
#    ANOMALY_SEARCH_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=..." and measures: wall time, events/s (the command's own
#    figure), the JVM's peak RSS (/usr/bin/time -v, plus /proc/PID/status polled every second for the split
#    into anonymous and file-backed memory), and the peak heap after GC (GC log).
# 3. Prints a report (also saved as BENCH_DIR/report_N_XMX.txt) and a table of every run in BENCH_DIR, so a
#    small and a large N can be compared: the heap after GC should not grow with N.
#
# Environment: BENCH_DIR (default <project>/target/bench, git-ignored), THREADS and CHUNK_SIZE (passed as
# --threads/--chunk-size when set), PYTHON (an interpreter with h5py; default: the first of python3,
# /usr/bin/python3 that has it), EXTRA_JAVA_OPTS (appended to the JVM options), KEEP_INPUT=0 to delete the
# generated HDF5 file after the run. Delete the data afterwards with: rm -r "$BENCH_DIR".
set -euo pipefail

N="${1:-1100000}"
XMX="${2:-2g}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$ROOT/target/bench}"
SOURCE="${SOURCE:-$ROOT/../shared/data/lhco_format/lhco_format_sample.h5}"
COLUMNS=2101

die() { echo "convert_memory: $*" >&2; exit 2; }
[[ "$N" =~ ^[0-9]+$ && "$N" -ge 1 ]] || die "N_EVENTS must be a positive integer, got '$N'"
[[ "$XMX" =~ ^[0-9]+[kKmMgG]?$ ]] || die "XMX must be a JVM heap size such as 2g or 1536m, got '$XMX'"
[[ -f "$SOURCE" ]] || die "sample file not found: $SOURCE (the shared data directory ../shared/data next to the project)"
mkdir -p "$BENCH_DIR"
BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"

# --- an interpreter with h5py ----------------------------------------------------------------------------
if [[ -z "${PYTHON:-}" ]]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import h5py, numpy' 2>/dev/null; then PYTHON="$p"; break; fi
  done
fi
[[ -n "${PYTHON:-}" ]] || die "no python with h5py and numpy; install them: apt-get install -y python3-h5py python3-numpy"

# --- the input file ----------------------------------------------------------------------------------------
INPUT="$BENCH_DIR/lhco_replicated_$N.h5"
rows_of() {  # prints the row count of df/block0_values, or nothing if the file is not a complete frame
  "$PYTHON" - "$1" "$COLUMNS" <<'EOF' 2>/dev/null || true
import os, sys, h5py
path, cols = sys.argv[1], int(sys.argv[2])
with h5py.File(path, "r") as f:
    v = f["df/block0_values"]
    if v.shape[1] == cols and os.path.getsize(path) >= v.shape[0] * cols * 8:
        print(v.shape[0])
EOF
}
if [[ -f "$INPUT" && "$(rows_of "$INPUT")" == "$N" ]]; then
  echo "input: $INPUT exists with $N events (not rebuilt)"
else
  need_kb=$(( N * COLUMNS * 8 / 1024 + 1024 * 1024 ))  # the data + 1 GB for the output and logs
  avail_kb=$(df -Pk "$BENCH_DIR" | awk 'NR==2 {print $4}')
  echo "disk: $(df -h "$BENCH_DIR" | awk 'NR==2 {print $4 " available on " $6}'), need ~$(( need_kb / 1024 / 1024 )) GB"
  (( avail_kb > need_kb )) || die "not enough disk space in $BENCH_DIR for $N events; set BENCH_DIR or use a smaller N"
  rm -f "$INPUT"
  "$PYTHON" "$ROOT/bench/make_replicated_lhco.py" "$INPUT" --events "$N" --source "$SOURCE"
fi

# --- build the launcher outside the timed run --------------------------------------------------------------
"$ROOT/bin/anomaly-search" --version >/dev/null

# --- the run -----------------------------------------------------------------------------------------------
TAG="${N}_${XMX}"
OUT="$BENCH_DIR/convert_$N.parquet"
GCLOG="$BENCH_DIR/gc_$TAG.log"
LOG="$BENCH_DIR/convert_$TAG.log"
TIMELOG="$BENCH_DIR/time_$TAG.txt"
RSSLOG="$BENCH_DIR/rss_$TAG.tsv"
REPORT="$BENCH_DIR/report_$TAG.txt"
args=(convert "$INPUT" -o "$OUT" --overwrite)
[[ -n "${THREADS:-}" ]] && args+=(--threads "$THREADS")
[[ -n "${CHUNK_SIZE:-}" ]] && args+=(--chunk-size "$CHUNK_SIZE")
export ANOMALY_SEARCH_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$GCLOG:uptime,level,tags ${EXTRA_JAVA_OPTS:-}"
rm -f "$GCLOG" "$RSSLOG"

timer=()
if [[ -x /usr/bin/time ]]; then timer=(/usr/bin/time -v -o "$TIMELOG"); else rm -f "$TIMELOG"; fi
echo "running: ANOMALY_SEARCH_JAVA_OPTS=\"$ANOMALY_SEARCH_JAVA_OPTS\" bin/anomaly-search ${args[*]}"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
"${timer[@]}" "$ROOT/bin/anomaly-search" "${args[@]}" >"$LOG" 2>&1 &
wrapper=$!
# The launcher execs java, so java is the launcher's pid (without /usr/bin/time) or its child (with it).
sample_rss() {
  local pid="" t0 now
  t0=$(date +%s)
  while kill -0 "$wrapper" 2>/dev/null; do
    if [[ -z "$pid" ]]; then
      for c in "$wrapper" $(cat "/proc/$wrapper/task/$wrapper/children" 2>/dev/null); do
        [[ "$(cat "/proc/$c/comm" 2>/dev/null)" == java ]] && pid=$c
      done
    fi
    if [[ -n "$pid" && -r "/proc/$pid/status" ]]; then
      now=$(date +%s)
      awk -v t=$(( now - t0 )) '/^(VmRSS|VmHWM|RssAnon|RssFile):/ {v[$1]=$2}
        END {if (v["VmRSS:"] != "") printf "%d\t%d\t%d\t%d\t%d\n", t, v["VmRSS:"], v["VmHWM:"], v["RssAnon:"], v["RssFile:"]}' \
        "/proc/$pid/status" >>"$RSSLOG" 2>/dev/null || true
    fi
    sleep 1
  done
}
sample_rss &
sampler=$!
rc=0
wait "$wrapper" || rc=$?
end=$(date +%s.%N)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
wait "$sampler" 2>/dev/null || true
if (( rc != 0 )); then
  tail -30 "$LOG" >&2
  die "convert failed with exit code $rc (log: $LOG)"
fi
[[ "${KEEP_INPUT:-1}" == 0 ]] && rm -f "$INPUT"

# --- figures -----------------------------------------------------------------------------------------------
wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
wrote_line=$(grep -E '^wrote [0-9,]+ of [0-9,]+ events' "$LOG" | tail -1)
rate=$(sed -E 's/.*\(([0-9,.]+) events\/s\).*/\1/' <<<"$wrote_line" | tr -d ,)
rows_out=$(sed -E 's/^wrote ([0-9,]+) of.*/\1/' <<<"$wrote_line" | tr -d ,)
rows_in=$(sed -E 's/^wrote [0-9,]+ of ([0-9,]+) events.*/\1/' <<<"$wrote_line" | tr -d ,)
[[ "$rows_in" == "$N" ]] || die "expected the command to report $N events read, found '$wrote_line' (log: $LOG)"
if [[ -f "$TIMELOG" ]]; then
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TIMELOG")
  cpu_s=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$TIMELOG")
else
  rss_kb=$(awk -F'\t' '$3 > m {m = $3} END {print m + 0}' "$RSSLOG"); cpu_s="n/a"
fi
read -r anon_kb file_kb < <(awk -F'\t' '$4 > a {a = $4} $5 > f {f = $5} END {print a + 0, f + 0}' "$RSSLOG" 2>/dev/null || echo "0 0")
# GC lines look like: [12.3s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(380M) 3.1ms
read -r gcs heap_after heap_before heap_committed < <(awk '
  match($0, /[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)/) {
    s = substr($0, RSTART, RLENGTH); split(s, p, /->|\(|\)/)
    b = mb(p[1]); a = mb(p[2]); c = mb(p[3]); n++
    if (a > A) A = a; if (b > B) B = b; if (c > C) C = c
  }
  function mb(x,  u, v) { u = substr(x, length(x)); v = substr(x, 1, length(x) - 1) + 0
    return u == "G" ? v * 1024 : u == "K" ? v / 1024 : v }
  END { printf "%d %d %d %d\n", n, A, B, C }' "$GCLOG")
full_gcs=$(grep -c 'Pause Full' "$GCLOG" || true)
ooms=$(grep -c 'OutOfMemoryError' "$LOG" || true)
in_gb=$(awk -v s="$(stat -c %s "$INPUT" 2>/dev/null || echo 0)" 'BEGIN {printf "%.2f", s / 1e9}')
out_mb=$(awk -v s="$(stat -c %s "$OUT")" 'BEGIN {printf "%.1f", s / 1e6}')
threads_used="${THREADS:-$(nproc) (default)}"

{
  echo "=== anomaly-search convert: memory benchmark ==="
  echo "date:          $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "project:       $ROOT ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ', uncommitted changes'))"
  echo "machine:       $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
  echo "load avg:      $load_before before, $load_after after (1/5/15 min; other processes on the machine skew events/s)"
  echo "java:          $(java -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
  echo "command:       ANOMALY_SEARCH_JAVA_OPTS=\"$ANOMALY_SEARCH_JAVA_OPTS\" bin/anomaly-search ${args[*]}"
  echo "input:         $N events ($in_gb GB), output $rows_out events ($out_mb MB)"
  echo "threads:       $threads_used; chunk size ${CHUNK_SIZE:-1000 (default)}"
  echo "wall time:     $wall s (launcher + JVM start + conversion); CPU time $cpu_s s"
  echo "events/s:      $rate (the command's own figure, conversion only)"
  [[ "$cpu_s" != n/a ]] && awk -v c="$cpu_s" -v n="$N" -v p="$(nproc)" 'BEGIN {
    printf "CPU per event: %.3f ms (whole process), i.e. at most %.0f events/s on %d idle cores\n", 1000 * c / n, p * n / c, p }'

  echo "max heap:      -Xmx$XMX"
  echo "heap after GC: peak $heap_after MB over $gcs GC pauses ($full_gcs full GCs); peak before GC $heap_before MB, peak committed $heap_committed MB"
  echo "peak RSS:      $(( rss_kb / 1024 )) MB (kernel maximum resident set size of the JVM)"
  echo "               of which at most $(( anon_kb / 1024 )) MB anonymous (heap, metaspace, stacks, malloc) and $(( file_kb / 1024 )) MB file-backed (jars, mapped files), sampled every 1 s"
  echo "OutOfMemoryError: $ooms"
  echo "logs:          $LOG, $GCLOG, $RSSLOG"
} | tee "$REPORT"

SUMMARY="$BENCH_DIR/summary.tsv"
[[ -f "$SUMMARY" ]] || printf 'events\txmx\tthreads\twall_s\tevents_per_s\tpeak_heap_after_gc_mb\tpeak_rss_mb\tfull_gcs\tcommit\n' >"$SUMMARY"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$XMX" "${THREADS:-$(nproc)}" "$wall" "$rate" "$heap_after" \
  "$(( rss_kb / 1024 ))" "$full_gcs" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" >>"$SUMMARY"
echo
echo "all runs in $SUMMARY (the heap after GC should be flat in the number of events):"
column -t -s $'\t' "$SUMMARY" 2>/dev/null || cat "$SUMMARY"
