#!/usr/bin/env bash
# How milr's cost grows with data (README, Performance): MNIST replicated 1x, 4x and 16x as shuffled
# copies in IDX parts of 15,000 examples (written once under data/scaling, about 0.8 GB for 16x), each
# trained for --epochs epochs in local[2] with a small heap so that cached blocks must spill to disk.
#   scripts/bench-scaling.sh [--sizes 1,4,16] [--epochs 1] [--out docs/scaling]
# MILR_JAVA_OPTS sets the JVM heap (default -Xmx3g). Needs `mvn package` first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -f target/milr.jar && -f target/spark-classpath.txt ]] || mvn -B -ntp -q -DskipTests package
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# shellcheck disable=SC2086
exec java ${MILR_JAVA_OPTS:--Xmx3g} @submit-scripts/jvm-options.txt \
  -cp "target/milr.jar:$(cat target/spark-classpath.txt)" io.milr.bench.ScalingBench "$@"
