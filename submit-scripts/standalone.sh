#!/usr/bin/env bash
# Submits a milr subcommand to a Spark standalone cluster, through spark-submit: SPARK_HOME's if set,
# else Spark's own SparkSubmit from the Maven build (the driver runs here, in client mode).
set -euo pipefail
# shellcheck source=submit-scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

script=standalone.sh
mode=standalone
deploy_mode=client
driver_memory=4g
executor_memory=4g
jar="${MILR_JAR:-$milr_root/target/milr.jar}"
master="${MILR_MASTER:-}"
usage_text="Usage: submit-scripts/standalone.sh --master spark://HOST:PORT [options] SUBCOMMAND [milr options]

Submits milr to a Spark standalone cluster (Spark 3.5, Scala 2.12, Java 17 on every machine), through
SPARK_HOME's spark-submit if SPARK_HOME is set, else Spark's SparkSubmit from the project's own
classpath (target/spark-classpath.txt; run 'mvn -B -q -DskipTests package' first). The executors
fetch target/milr.jar from the driver.

  submit-scripts/standalone.sh --master spark://head:7077 --executor-memory 8g train \\
      --conf conf/mnist-mlp.properties --set data.train=hdfs:///data/mnist/train \\
      --set data.test=hdfs:///data/mnist/t10k --out hdfs:///runs/mnist-1

Options (before the subcommand):
  --master spark://HOST:PORT  the cluster's master, as its web UI shows it (or \$MILR_MASTER)
  --driver-memory SIZE        driver heap (default 4g; the driver reads the data files)
  --executor-memory SIZE      heap of each executor (default 4g; a worker needs at least that much)
  --blas-threads N            OMP_NUM_THREADS for every task (default: \$OMP_NUM_THREADS or 1)
  --deploy-mode client|cluster  where the driver runs (default client: here, with the console);
                              cluster needs --jar and data/out paths every worker can read
  --driver-java-options S     more driver Java options (added to submit-scripts/jvm-options.txt)
  --executor-java-options S   more executor Java options (added to jvm-options.txt)
  --jar PATH                  application jar (default target/milr.jar, or \$MILR_JAR)
  --dry-run                   print the command instead of running it
  -h, --help                  this help
  any other option            passed to spark-submit as is, e.g. --total-executor-cores 8,
                              --executor-cores 2, --conf spark.task.maxFailures=8

Paths in --set data.train/data.test and --out are read by the driver (and, later, by the
executors): give URIs every machine resolves the same, e.g. hdfs:// or file: on a shared disk.
Environment: SPARK_HOME (optional), MILR_LOG_CONFIG (as for local.sh)."

check_settings() {
  [[ -n "$master" ]] || die "no master: pass --master spark://HOST:PORT (the URL the Master's web UI shows), or set MILR_MASTER"
  [[ "$master" == spark://* ]] || die "--master is '$master'; expected spark://HOST:PORT (local.sh runs local mode, yarn.sh YARN, k8s.sh Kubernetes)"
}

submit "$@"
