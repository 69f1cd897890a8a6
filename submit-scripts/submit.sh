#!/usr/bin/env bash
# A plain spark-submit wrapper for clusters: adds what milr needs (Java 17 module flags for driver
# and executors, one BLAS thread per task) and the application jar.
#   SPARK_HOME=/opt/spark submit-scripts/submit.sh [spark-submit options] -- SUBCOMMAND [milr options]
#   e.g. submit-scripts/submit.sh --master spark://head:7077 --executor-memory 8g -- \
#        train --conf conf/mnist-mlp.properties --set data.train=hdfs:///data/mnist/train --out hdfs:///runs/r1
# --dry-run (first argument) prints the spark-submit line instead of running it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dry_run=0
if [[ "${1:-}" == "--dry-run" ]]; then dry_run=1; shift; fi
spark_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do spark_args+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
jar="${MILR_JAR:-$root/target/milr.jar}"
jvm_options=$(tr '\n' ' ' < "$root/submit-scripts/jvm-options.txt")
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
cmd=("$submit" --class io.milr.cli.Main
  --conf "spark.driver.extraJavaOptions=$jvm_options"
  --conf "spark.executor.extraJavaOptions=$jvm_options"
  --conf "spark.executorEnv.OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}"
  "${spark_args[@]}" "$jar" "$@")
if [[ $dry_run == 1 ]]; then printf '%q ' "${cmd[@]}"; echo; exit 0; fi
[[ -f "$jar" ]] || { echo "submit.sh: $jar is not built yet; run: mvn -q -DskipTests package" >&2; exit 2; }
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "${cmd[@]}"
