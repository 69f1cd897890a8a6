#!/usr/bin/env bash
# Runs any milr subcommand in Spark local mode, straight from the Maven build: no Spark install.
#   submit-scripts/local.sh train --conf conf/mnist-mlp.properties --out runs/mnist
# Needs `mvn package` first (target/milr.jar and target/spark-classpath.txt).
# MILR_JAVA_OPTS overrides the driver heap (default -Xmx6g); OMP_NUM_THREADS defaults to 1 because
# Spark already runs one task per core and ND4J's own threads would fight them for the cores.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/target/milr.jar"
spark_cp="$root/target/spark-classpath.txt"
if [[ ! -f "$jar" || ! -f "$spark_cp" ]]; then
  echo "local.sh: $jar is not built yet; run: mvn -q -DskipTests package" >&2
  exit 2
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
if [[ "${1:-}" == "--dry-run" ]]; then shift; echo java ${MILR_JAVA_OPTS:--Xmx6g} "@$root/submit-scripts/jvm-options.txt" -cp "$jar:<spark-classpath>" io.milr.cli.Main "$@"; exit 0; fi
# shellcheck disable=SC2086
exec java ${MILR_JAVA_OPTS:--Xmx6g} "@$root/submit-scripts/jvm-options.txt" \
  -cp "$jar:$(cat "$spark_cp")" io.milr.cli.Main "$@"
