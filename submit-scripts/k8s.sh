#!/usr/bin/env bash
# Submits a milr subcommand to Kubernetes through a Spark distribution's spark-submit (SPARK_HOME).
set -euo pipefail
# shellcheck source=submit-scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

script=k8s.sh
mode=k8s
deploy_mode=cluster
driver_memory=4g
executor_memory=4g
jar="${MILR_JAR:-local:///opt/milr/milr.jar}"
master="${MILR_MASTER:-}"
image="${MILR_IMAGE:-}"
namespace=""
service_account=""
usage_text="Usage: submit-scripts/k8s.sh --master k8s://https://HOST:PORT --image IMAGE [options] SUBCOMMAND [milr options]

Submits milr to Kubernetes with SPARK_HOME's spark-submit (a Spark 3.5 distribution with Kubernetes
support). The driver and the executors run in pods of IMAGE: a Spark 3.5 / Scala 2.12 / Java 17
image with target/milr.jar at /opt/milr/milr.jar (README: Running jobs, Kubernetes).

  SPARK_HOME=/opt/spark submit-scripts/k8s.sh --master k8s://https://k8s.example:6443 \\
      --image registry.example/milr:0.1 --namespace ml --service-account spark \\
      --num-executors 4 --executor-memory 8g train --set data.train=hdfs://nn:8020/data/mnist/train \\
      --set data.test=hdfs://nn:8020/data/mnist/t10k --out hdfs://nn:8020/runs/mnist-1

Options (before the subcommand):
  --master k8s://https://HOST:PORT  the Kubernetes API server (or \$MILR_MASTER)
  --image IMAGE               container image of driver and executors (or \$MILR_IMAGE); required
  --namespace NS              spark.kubernetes.namespace (default: the context's)
  --service-account NAME      the driver's service account, which must be allowed to create pods
  --deploy-mode cluster|client  where the driver runs (default cluster: in a pod; the console is
                              its log, 'kubectl logs'); client needs executors that can reach here
  --driver-memory SIZE        driver heap (default 4g; the driver reads the data files)
  --executor-memory SIZE      heap of each executor (default 4g)
  --blas-threads N            OMP_NUM_THREADS for every task (default: \$OMP_NUM_THREADS or 1)
  --driver-java-options S     more driver Java options (added to submit-scripts/jvm-options.txt)
  --executor-java-options S   more executor Java options (added to jvm-options.txt)
  --jar URI                   application jar as the pods see it (default local:///opt/milr/milr.jar,
                              in the image; or an hdfs:// or s3a:// URI)
  --dry-run                   print the command instead of running it
  -h, --help                  this help
  any other option            passed to spark-submit as is, e.g. --num-executors 4,
                              --conf spark.kubernetes.executor.request.cores=1

Pods: memoryOverhead is the heap size + 384 MiB (ND4J's arrays live off the heap). Data, --out and a
--conf file must be where the driver pod reads them: hdfs://, s3a://, or files in the image."

script_option() {
  case "$1" in
    --image) value_of "$@"; image=$2; took=2 ;;
    --namespace) value_of "$@"; namespace=$2; took=2 ;;
    --service-account) value_of "$@"; service_account=$2; took=2 ;;
  esac
}

check_settings() {
  [[ -n "$master" ]] || die "no master: pass --master k8s://https://HOST:PORT (the API server of 'kubectl cluster-info'), or set MILR_MASTER"
  [[ "$master" == k8s://* ]] || die "--master is '$master'; expected k8s://https://HOST:PORT"
  [[ -n "$image" ]] || die "no container image: pass --image IMAGE (Spark 3.5 with milr.jar at /opt/milr/milr.jar; README: Running jobs, Kubernetes), or set MILR_IMAGE"
  [[ -n "${SPARK_HOME:-}" ]] || command -v spark-submit > /dev/null \
    || die "needs a Spark distribution with Kubernetes support (the project's own classpath has none): set SPARK_HOME"
}

add_confs() {
  # Pod names derive from the application's name: milr-train-...-driver rather than io-milr-cli-main-...
  confs+=("spark.app.name=milr ${milr_args[0]}")
  confs+=("spark.kubernetes.container.image=$image" "spark.kubernetes.driverEnv.OMP_NUM_THREADS=$blas_threads")
  [[ -n "$namespace" ]] && confs+=("spark.kubernetes.namespace=$namespace")
  [[ -n "$service_account" ]] && confs+=("spark.kubernetes.authenticate.driver.serviceAccountName=$service_account")
  container_overhead_confs
}

submit "$@"
