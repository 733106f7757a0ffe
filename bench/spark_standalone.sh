#!/usr/bin/env bash
# Real-cluster check: a Spark standalone master and two workers on 127.0.0.1, started from the project's own Spark
# jars (no Spark distribution: a SPARK_HOME whose jars/ links the jars of jobs/target/classpath*.txt, and
# SPARK_SCALA_VERSION=2.13), then the select job and the run submitted through SparkSubmit with the spark-submit jar
# (jobs/target/anomaly-search-jobs-<version>-spark.jar). The outputs are compared with local mode, byte for byte
# (select to CSV; the run's results.json). Every process this script starts is stopped on exit (trap), by pid.
# Only loopback addresses are used.
#   bench/spark_standalone.sh [WORKDIR]
# Needs a built project (mvn -B -DskipTests -Pspark-jar package) and ../shared/data/lhco_format/lhco_format_sample.h5.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/spark-standalone.XXXXXX")}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
SAMPLE="$ROOT/../shared/data/lhco_format/lhco_format_sample.h5"
JAR="$(ls "$ROOT"/jobs/target/anomaly-search-jobs-*-spark.jar 2>/dev/null | head -1)"
[[ -f "$SAMPLE" ]] || { echo "missing $SAMPLE" >&2; exit 2; }
[[ -n "$JAR" && -f "$ROOT/jobs/target/classpath.txt" ]] || { echo "build first: mvn -B -DskipTests -Pspark-jar package" >&2; exit 2; }

# SPARK_HOME from the project's classpath: every dependency jar, not the project's own modules (they come in the
# spark-submit jar, as on a real cluster).
export SPARK_HOME="$WORK/spark-home"
rm -rf "$SPARK_HOME"; mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf" "$WORK/logs"
tr ':' '\n' < <(cat "$ROOT/jobs/target/classpath.txt"; echo; cat "$ROOT/jobs/target/classpath-runtime.txt") \
  | grep '\.jar$' | grep -v "^$ROOT/" | sort -u | while read -r j; do ln -sf "$j" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
MODULE_OPTS=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)
CP="$SPARK_HOME/jars/*"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "stopped ${#PIDS[@]} processes (${PIDS[*]})"
}
trap cleanup EXIT INT TERM

java -Xmx512m "${MODULE_OPTS[@]}" -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 7077 --webui-port 18080 >"$WORK/logs/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do grep -q "I have been elected leader" "$WORK/logs/master.log" && break; sleep 1; done
grep -q "I have been elected leader" "$WORK/logs/master.log" || { echo "master did not start" >&2; cat "$WORK/logs/master.log" >&2; exit 1; }
for w in 1 2; do
  java -Xmx512m "${MODULE_OPTS[@]}" -cp "$CP" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port $((18080 + w)) --work-dir "$WORK/worker$w" \
    >"$WORK/logs/worker$w.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 60); do
  [[ "$(grep -l "Successfully registered with master" "$WORK"/logs/worker*.log 2>/dev/null | wc -l)" == 2 ]] && break; sleep 1
done
echo "master and 2 workers up (pids ${PIDS[*]}); SPARK_HOME=$SPARK_HOME with $(ls "$SPARK_HOME/jars" | wc -l) jars"

submit() {  # class, args...
  local cls="$1"; shift
  java -Xmx1g "${MODULE_OPTS[@]}" -cp "$CP" org.apache.spark.deploy.SparkSubmit \
    --master spark://127.0.0.1:7077 --deploy-mode client --class "$cls" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=768m --conf spark.ui.enabled=false \
    "$JAR" "$@"
}

echo "== select on the cluster"
submit org.anomalysearch.jobs.spark.SelectJob "$SAMPLE" -o "$WORK/cluster.csv" --overwrite --partitions 4 \
  | tee "$WORK/logs/select-cluster.out"
grep -q "with 4 tasks" "$WORK/logs/select-cluster.out"
echo "== select in local mode"
"$ROOT/bin/anomaly-search" select "$SAMPLE" -o "$WORK/local.csv" --overwrite --master 'local[2]' | tail -1
cmp "$WORK/cluster.csv" "$WORK/local.csv" && echo "select: cluster output == local output ($(wc -l < "$WORK/local.csv") lines)"

cat > "$WORK/analysis.yaml" <<YAML
schemaVersion: 1
seed: 2024
input: {path: $SAMPLE}
YAML
echo "== run on the cluster"
submit org.anomalysearch.jobs.spark.RunJob --config "$WORK/analysis.yaml" --runs "$WORK/runs" --name cluster --toys 200 \
  | tee "$WORK/logs/run-cluster.out"
echo "== run in local mode"
"$ROOT/bin/anomaly-search" run --config "$WORK/analysis.yaml" --runs "$WORK/runs" --name local --toys 200 \
  --master 'local[2]' | tail -2
cmp "$WORK/runs/cluster/results.json" "$WORK/runs/local/results.json" && echo "run: cluster results.json == local results.json"
echo "== ML scan (density model + CWoLa + selected-spectrum fits + toys) on the cluster"
"$ROOT/bin/anomaly-search" generate -o "$WORK/synthetic.parquet" --background 12000 --signal 100 --seed 11 --overwrite \
  | tail -1
cat > "$WORK/scan.yaml" <<YAML
schemaVersion: 1
seed: 7
input: {path: $WORK/synthetic.parquet}
regions: {signalLo: 3400, signalHi: 3800, lowSidebandWidth: 300, highSidebandWidth: 300,
  scan: {lo: 2700, hi: 4100, width: 400, step: 400, sidebandWidth: 300}}
search:
  density: {kind: vae-classic, epochs: 3}
  classifier: {kind: hgb, epochs: 30, folds: 2}
  efficiencies: [0.5, 0.2]
  fit: {params: 3, lo: auto, hi: 5000}
  toys: 30
YAML
submit org.anomalysearch.jobs.spark.RunJob --config "$WORK/scan.yaml" --runs "$WORK/runs" --name scan-cluster --toys 50 \
  | tee "$WORK/logs/scan-cluster.out"
echo "== ML scan in local mode"
"$ROOT/bin/anomaly-search" run --config "$WORK/scan.yaml" --runs "$WORK/runs" --name scan-local --toys 50 \
  --master 'local[2]' | tail -2
cmp "$WORK/runs/scan-cluster/results.json" "$WORK/runs/scan-local/results.json" \
  && echo "ML scan: cluster results.json == local results.json"
grep -h "Launching executor\|Executor .* finished" "$WORK"/logs/worker*.log | sed 's/^/  worker: /' | head -8 || true
echo "OK: standalone cluster check passed"
