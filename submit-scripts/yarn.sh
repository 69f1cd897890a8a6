#!/usr/bin/env bash
# Submits a milr subcommand to YARN through a Spark distribution's spark-submit (SPARK_HOME).
set -euo pipefail
# shellcheck source=submit-scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

script=yarn.sh
mode=yarn
master=yarn
deploy_mode=client
driver_memory=4g
executor_memory=4g
jar="${MILR_JAR:-$milr_root/target/milr.jar}"
usage_text="Usage: submit-scripts/yarn.sh [options] SUBCOMMAND [milr options]

Submits milr to YARN with SPARK_HOME's spark-submit (a Spark 3.5 distribution built with YARN support,
Scala 2.12; Java 17 on the cluster) and the cluster's configuration from HADOOP_CONF_DIR (or
YARN_CONF_DIR), the directory holding yarn-site.xml and core-site.xml.

  HADOOP_CONF_DIR=/etc/hadoop/conf SPARK_HOME=/opt/spark submit-scripts/yarn.sh \\
      --num-executors 4 --executor-memory 8g --deploy-mode cluster train \\
      --conf conf/mnist-mlp.properties --set data.train=hdfs:///data/mnist/train \\
      --set data.test=hdfs:///data/mnist/t10k --out hdfs:///runs/mnist-1

Options (before the subcommand):
  --deploy-mode client|cluster  where the driver runs (default client: here, with the console;
                              cluster: in the YARN application master, console in the YARN logs;
                              a local --conf FILE is then shipped with --files)
  --driver-memory SIZE        driver heap (default 4g; the driver reads the data files)
  --executor-memory SIZE      heap of each executor (default 4g)
  --blas-threads N            OMP_NUM_THREADS for every task (default: \$OMP_NUM_THREADS or 1)
  --driver-java-options S     more driver Java options (added to submit-scripts/jvm-options.txt)
  --executor-java-options S   more executor Java options (added to jvm-options.txt)
  --jar PATH                  application jar (default target/milr.jar, or \$MILR_JAR)
  --dry-run                   print the command instead of running it
  -h, --help                  this help
  any other option            passed to spark-submit as is, e.g. --num-executors 4, --queue Q,
                              --executor-cores 2

Containers: spark.executor.memoryOverhead (and, in cluster mode, spark.driver.memoryOverhead) is the
heap size + 384 MiB, because ND4J's arrays live off the heap (as much again as the heap); give your
own with --conf spark.executor.memoryOverhead=.... Data and --out should be hdfs:// (or another file
system every node reads). The application master, driver and executors all get jvm-options.txt and
OMP_NUM_THREADS. The application is named 'milr SUBCOMMAND' (--name NAME to change it).

A lost driver in cluster mode: YARN starts the application again (spark.yarn.maxAppAttempts, by
default the cluster's yarn.resourcemanager.am.max-attempts, 2). The new attempt of a train run
continues its --out from the last checkpoint, as 'train --resume' does; compare and range-test start
their --out over. Without --out each attempt starts a directory of its own. A failed job (a wrong
setting, bad data) fails the same way again in the new attempt: --conf spark.yarn.maxAppAttempts=1
stops after the first."

check_settings() {
  local dir found=0
  if [[ -z "${HADOOP_CONF_DIR:-}" && -z "${YARN_CONF_DIR:-}" ]]; then
    die "HADOOP_CONF_DIR is not set: spark-submit finds the YARN resource manager and HDFS through it; set it (or YARN_CONF_DIR) to the directory holding the cluster's yarn-site.xml and core-site.xml, e.g. HADOOP_CONF_DIR=/etc/hadoop/conf"
  fi
  for dir in ${HADOOP_CONF_DIR:-} ${YARN_CONF_DIR:-}; do
    [[ -d "$dir" ]] || die "HADOOP_CONF_DIR/YARN_CONF_DIR names $dir, which is not a directory"
    [[ -f "$dir/yarn-site.xml" ]] && found=1
  done
  [[ $found == 1 ]] || die "no yarn-site.xml in ${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:+ $YARN_CONF_DIR}; expected the cluster's client configuration there"
  [[ -n "${SPARK_HOME:-}" ]] || command -v spark-submit > /dev/null \
    || die "needs a Spark distribution with YARN support (the project's own classpath has none): set SPARK_HOME"
}

add_confs() {
  confs+=("spark.app.name=milr ${milr_args[0]}")
  confs+=("spark.yarn.am.extraJavaOptions=$(jvm_options)" "spark.yarn.appMasterEnv.OMP_NUM_THREADS=$blas_threads")
  container_overhead_confs
}

# In cluster mode the driver runs on a cluster node: a local job configuration travels with --files
# and is read there from the container's working directory.
adjust_milr_args() {
  [[ "$deploy_mode" == cluster ]] || return 0
  local i
  for ((i = 0; i < ${#milr_args[@]} - 1; i++)); do
    if [[ "${milr_args[$i]}" == --conf && "${milr_args[$((i + 1))]}" != *://* ]]; then
      local file=${milr_args[$((i + 1))]}
      [[ $dry_run == 1 || -f "$file" ]] || die "--conf $file: no such file"
      spark_args+=(--files "$file")
      milr_args[i + 1]=$(basename "$file")
    fi
  done
}

submit "$@"
