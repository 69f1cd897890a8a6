#!/usr/bin/env bash
# How milr's cost grows with data (README, Performance): MNIST replicated 1x, 4x and 16x as shuffled
# copies in IDX parts of 15,000 examples (written once under data/scaling, about 0.8 GB for 16x), each
# trained for --epochs epochs with a small heap so that cached blocks must spill to disk.
#   scripts/bench-scaling.sh [--standalone] [--sizes 1,4,16] [--epochs 1] [--out docs/scaling] [--heap-dump DIR]
# Writes OUT/scaling.md (the table), OUT/scaling.png (time and heap against data size) and
# OUT/heap-xN.txt (the top of each size's end-of-run class histogram); --heap-dump DIR adds HPROF files.
# Local mode (default): driver and executors in one JVM, local[2], MILR_JAVA_OPTS (default -Xmx3g).
# --standalone: a Spark Master and one Worker (2 cores) on 127.0.0.1, started here from the project's
# classpath and stopped at the end; the executor gets a 3 GB heap, the driver (this JVM) MILR_JAVA_OPTS
# (default -Xmx1g), so the driver's heap is measured alone. Builds target/milr.jar first when it is missing.
set -euo pipefail
if [[ "${1:-}" == --help || "${1:-}" == -h ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -f target/milr.jar && -f target/spark-classpath.txt ]] || mvn -B -ntp -q -DskipTests package
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
spark_cp=$(cat target/spark-classpath.txt)
jvm_options=(@submit-scripts/jvm-options.txt)
master_props=()
heap=${MILR_JAVA_OPTS:--Xmx3g}

if [[ "${1:-}" == --standalone ]]; then
  shift
  heap=${MILR_JAVA_OPTS:--Xmx1g}
  home=$(mktemp -d /tmp/milr-scaling-cluster.XXXXXX)
  mkdir -p "$home/jars" "$home/local" "$home/work"
  tr ':' '\n' <<<"$spark_cp" | while read -r jar; do ln -s "$jar" "$home/jars/"; done
  export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_DIRS=$home/local
  pids=()
  trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  java -Xmx512m "${jvm_options[@]}" -cp "$spark_cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port 0 >"$home/master.log" 2>&1 &
  pids+=($!)
  java -Xmx512m "${jvm_options[@]}" -cp "$spark_cp" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --webui-port 0 --cores 2 --memory 4g --work-dir "$home/work" \
    "spark://127.0.0.1:$port" >"$home/worker.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do
    grep -q "Successfully registered with master" "$home/worker.log" && break
    sleep 0.5
  done
  grep -q "Successfully registered with master" "$home/worker.log" \
    || { echo "bench-scaling: the Worker did not register; logs in $home" >&2; exit 1; }
  echo "standalone cluster: spark://127.0.0.1:$port (logs in $home)"
  master_props=("-Dspark.master=spark://127.0.0.1:$port" "-Dspark.jars=$root/target/milr.jar"
    "-Dspark.executor.memory=3g" "-Dspark.executor.cores=2" "-Dspark.cores.max=2"
    "-Dspark.executor.extraJavaOptions=$(tr '\n' ' ' < submit-scripts/jvm-options.txt)"
    "-Dspark.executorEnv.OMP_NUM_THREADS=$OMP_NUM_THREADS")
fi

# shellcheck disable=SC2086
java $heap "${jvm_options[@]}" "${master_props[@]}" \
  -cp "target/milr.jar:$spark_cp" io.milr.bench.ScalingBench "$@"
