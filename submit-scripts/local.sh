#!/usr/bin/env bash
# Runs a milr subcommand in Spark local mode on this machine, through spark-submit: SPARK_HOME's if
# set, else Spark's own SparkSubmit from the Maven build (no Spark installation needed).
set -euo pipefail
# shellcheck source=submit-scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

script=local.sh
mode=local
deploy_mode=client
driver_memory=6g
executor_memory=""
jar="${MILR_JAR:-$milr_root/target/milr.jar}"
cores='*'
usage_text="Usage: submit-scripts/local.sh [options] SUBCOMMAND [milr options]

Runs milr in Spark local mode (one JVM; the tasks run in the driver), through SPARK_HOME's
spark-submit if SPARK_HOME is set, else Spark's SparkSubmit from the project's own classpath
(target/spark-classpath.txt; run 'mvn -B -q -DskipTests package' first).

  submit-scripts/local.sh train --conf conf/mnist-mlp.properties --out runs/mnist-mlp
  submit-scripts/local.sh --cores 2 --driver-memory 4g train --set train.epochs=3
  submit-scripts/local.sh keys        every configuration key with its default
  submit-scripts/local.sh help        milr's own usage (subcommands and their options)

Options (before the subcommand):
  --cores N                 task slots: local[N] (default: *, every core)
  --driver-memory SIZE      heap of the one JVM (default 6g)
  --blas-threads N          OMP_NUM_THREADS, BLAS threads per task (default: \$OMP_NUM_THREADS or 1;
                            Spark already runs one task per core)
  --driver-java-options S   more Java options (added to submit-scripts/jvm-options.txt)
  --jar PATH                application jar (default target/milr.jar, or \$MILR_JAR)
  --dry-run                 print the command instead of running it
  -h, --help                this help
  any other option          passed to spark-submit as is, e.g. --conf spark.ui.enabled=false

Environment: SPARK_HOME (a Spark 3.5 distribution, optional), SPARK_LOCAL_IP (default 127.0.0.1),
MILR_LOG_CONFIG (driver log4j2 file; default milr's, which shows Spark's warnings only; empty: Spark's).
The job configuration's spark.master is ignored: spark-submit's master (--cores) wins."

script_option() {
  case "$1" in
    --cores) value_of "$@"; cores=$2; took=2 ;;
    --executor-memory) die "local mode runs the tasks in the driver's JVM: use --driver-memory" ;;
    --deploy-mode) die "local mode has no deploy mode: the driver runs here" ;;
    --master) die "local.sh runs local[N]: use --cores N, or standalone.sh, yarn.sh or k8s.sh for a cluster" ;;
  esac
}

check_settings() {
  [[ "$cores" == '*' || "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores is '$cores'; expected a whole number >= 1 or *"
  master="local[$cores]"
}

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
submit "$@"
