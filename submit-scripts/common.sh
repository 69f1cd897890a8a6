# Shared by local.sh, standalone.sh, yarn.sh and k8s.sh (sourced, not run). Each of them is a thin
# layer over spark-submit: it sets its defaults and checks, then calls `submit "$@"`, which parses
#   SCRIPT [wrapper options] [spark-submit options] SUBCOMMAND [milr options]
# and runs spark-submit with what milr needs: Spark's Java 17 module flags (jvm-options.txt) for the
# driver and the executors, one BLAS thread per task, memory settings, the application jar and the
# job's arguments. With --dry-run it prints the command instead, in shell syntax.
#
# The calling script sets before `submit`:
#   script            its name, for messages
#   mode              local | standalone | yarn | k8s
#   usage_text        its --help
#   driver_memory, executor_memory, deploy_mode, jar   defaults (executor_memory empty: not set)
# and may define:
#   script_option ARGS...   sets took=N when it consumed N arguments of its own options (else 0)
#   check_settings          refuses what is missing (exit 2), dry run or not
#   add_confs               appends to the confs array (--conf values) once all options are known
#   adjust_milr_args        rewrites the milr_args array (e.g. ships a --conf file)

# shellcheck shell=bash disable=SC2154  # script, mode, usage_text...: set by the calling script
milr_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jvm_options_file="$milr_root/submit-scripts/jvm-options.txt"
spark_classpath_file="$milr_root/target/spark-classpath.txt"
# The driver's console: milr's epoch lines, Spark only when something is wrong (client mode only,
# the file is on this machine). MILR_LOG_CONFIG= (empty) keeps Spark's own logging configuration.
log_config="${MILR_LOG_CONFIG-$milr_root/src/main/resources/log4j2.properties}"

dry_run=0
blas_threads="${OMP_NUM_THREADS:-1}"
master=""
driver_java_options=""
executor_java_options=""
spark_args=()
milr_args=()
confs=()
took=0

die() {
  echo "$script: $*" >&2
  exit 2
}

# One word as the shell reads it: bare when it is plain, single-quoted otherwise.
quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# spark-submit's options that take no value; every other option takes one (--opt VALUE or --opt=VALUE).
spark_flag() {
  case "$1" in
    --verbose | -v | --supervise | --version) return 0 ;;
    *) return 1 ;;
  esac
}

value_of() {
  [[ $# -ge 2 ]] || die "$1 needs a value (see $script --help)"
}

parse_args() {
  while [[ $# -gt 0 ]]; do
    took=0
    if declare -F script_option > /dev/null; then script_option "$@"; fi
    if [[ $took -gt 0 ]]; then shift "$took"; continue; fi
    case "$1" in
      --dry-run) dry_run=1; shift ;;
      -h | --help) printf '%s\n' "$usage_text"; exit 0 ;;
      --driver-memory) value_of "$@"; driver_memory=$2; shift 2 ;;
      --executor-memory) value_of "$@"; executor_memory=$2; shift 2 ;;
      --blas-threads) value_of "$@"; blas_threads=$2; shift 2 ;;
      --jar) value_of "$@"; jar=$2; shift 2 ;;
      --deploy-mode) value_of "$@"; deploy_mode=$2; shift 2 ;;
      --master) value_of "$@"; master=$2; shift 2 ;;
      --driver-java-options) value_of "$@"; driver_java_options=$2; shift 2 ;;
      --executor-java-options) value_of "$@"; executor_java_options=$2; shift 2 ;;
      --class)
        die "the main class is milr's own (io.milr.cli.Main); --class is not an option here" ;;
      --*=*) spark_args+=("$1"); shift ;;
      -*)
        if spark_flag "$1"; then
          spark_args+=("$1"); shift
        else
          value_of "$@"; spark_args+=("$1" "$2"); shift 2
        fi ;;
      *) milr_args=("$@"); break ;;
    esac
  done
  [[ ${#milr_args[@]} -gt 0 ]] || die "no milr subcommand: expected train, range-test, compare, evaluate, predict, report, bench, keys or help after the options (see $script --help)"
  [[ "$blas_threads" =~ ^[1-9][0-9]*$ ]] || die "--blas-threads (or OMP_NUM_THREADS) is '$blas_threads'; expected a whole number >= 1"
  [[ "$deploy_mode" == client || "$deploy_mode" == cluster ]] || die "--deploy-mode is '$deploy_mode'; expected client or cluster"
  for size in "$driver_memory" "$executor_memory"; do
    [[ -z "$size" || "$size" =~ ^[1-9][0-9]*[kKmMgGtT]$ ]] || die "memory size '$size': expected a number with a unit, e.g. 4g or 512m"
  done
}

# Space-separated Java options for spark.*.extraJavaOptions (one flag per line in the file, none with spaces).
jvm_options() {
  tr '\n' ' ' < "$jvm_options_file" | sed 's/ *$//'
}

driver_options() {
  local options
  options=$(jvm_options)
  if [[ "$deploy_mode" == client && -n "$log_config" ]]; then
    options+=" -Dlog4j2.configurationFile=$log_config"
  fi
  [[ -n "$driver_java_options" ]] && options+=" $driver_java_options"
  printf '%s' "$options"
}

executor_options() {
  local options
  options=$(jvm_options)
  [[ -n "$executor_java_options" ]] && options+=" $executor_java_options"
  printf '%s' "$options"
}

# Without SPARK_HOME, local and standalone run Spark's own SparkSubmit from the project's classpath
# (target/spark-classpath.txt, written by `mvn package`) in a JVM started here, which is the driver
# in client mode: its heap and Java options go on this java command line.
without_spark_home() {
  [[ -z "${SPARK_HOME:-}" && ( "$mode" == local || "$mode" == standalone ) ]]
}

spark_submit_command() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    command=("$SPARK_HOME/bin/spark-submit")
  elif without_spark_home; then
    command=(java "-Xmx$driver_memory" "@$jvm_options_file")
    [[ "$deploy_mode" == client && -n "$log_config" ]] && command+=("-Dlog4j2.configurationFile=$log_config")
    if [[ -n "$driver_java_options" ]]; then
      read -r -a extra <<< "$driver_java_options"
      command+=("${extra[@]}")
    fi
    command+=(-cp @SPARK_CLASSPATH@ org.apache.spark.deploy.SparkSubmit)
  elif command -v spark-submit > /dev/null; then
    command=(spark-submit)
  else
    die "needs a Spark distribution with $mode support: set SPARK_HOME (or put spark-submit on the PATH)"
  fi
}

build_command() {
  spark_submit_command
  command+=(--master "$master" --deploy-mode "$deploy_mode" --class io.milr.cli.Main)
  [[ -n "$driver_memory" ]] && command+=(--driver-memory "$driver_memory")
  [[ -n "$executor_memory" ]] && command+=(--executor-memory "$executor_memory")
  confs=("spark.driver.extraJavaOptions=$(driver_options)" "spark.executor.extraJavaOptions=$(executor_options)"
    "spark.executorEnv.OMP_NUM_THREADS=$blas_threads")
  if declare -F add_confs > /dev/null; then add_confs; fi
  for conf in "${confs[@]}"; do command+=(--conf "$conf"); done
  # The user's own spark-submit options come last, so that their --conf wins over ours.
  command+=("${spark_args[@]}" "$jar" "${milr_args[@]}")
}

print_command() {
  local line="" word
  [[ "$mode" == local ]] && line+="SPARK_LOCAL_IP=$(quote "$SPARK_LOCAL_IP") "
  line+="OMP_NUM_THREADS=$blas_threads"
  for word in "${command[@]}"; do
    if [[ "$word" == @SPARK_CLASSPATH@ ]]; then
      line+=" \"\$(cat $(quote "$spark_classpath_file"))\""
    else
      line+=" $(quote "$word")"
    fi
  done
  printf '%s\n' "$line"
}

require_built() {
  # A wrong SPARK_HOME first: building the jar would not help with it.
  if [[ -n "${SPARK_HOME:-}" && ! -x "$SPARK_HOME/bin/spark-submit" ]]; then
    die "SPARK_HOME=$SPARK_HOME has no bin/spark-submit; point SPARK_HOME at a Spark distribution, or unset it"
  fi
  local missing=()
  [[ "$jar" == *://* || "$jar" == local:* || -f "$jar" ]] || missing+=("$jar")
  without_spark_home && [[ ! -f "$spark_classpath_file" ]] && missing+=("$spark_classpath_file")
  if [[ ${#missing[@]} -gt 0 ]]; then
    die "${missing[*]} not built yet; run: mvn -B -q -DskipTests package"
  fi
}

submit() {
  parse_args "$@"
  if declare -F check_settings > /dev/null; then check_settings; fi
  if declare -F adjust_milr_args > /dev/null; then adjust_milr_args; fi
  build_command
  if [[ $dry_run == 1 ]]; then
    print_command
    exit 0
  fi
  require_built
  export OMP_NUM_THREADS="$blas_threads"
  local word
  for i in "${!command[@]}"; do
    word=${command[$i]}
    [[ "$word" == @SPARK_CLASSPATH@ ]] && command[i]=$(cat "$spark_classpath_file")
  done
  exec "${command[@]}"
}

# A Spark memory size (4g, 512m, ...) in MiB.
to_mib() {
  local number=${1%?} unit=${1: -1}
  case "$unit" in
    k | K) echo $((number / 1024)) ;;
    m | M) echo "$number" ;;
    g | G) echo $((number * 1024)) ;;
    t | T) echo $((number * 1024 * 1024)) ;;
  esac
}

# YARN and Kubernetes size a container as heap + memoryOverhead and kill it beyond. ND4J keeps its
# arrays off the Java heap, and JavaCPP allows as much off-heap memory as the heap is large; hence
# an overhead of the heap again plus 384 MiB for the JVM itself (--conf ...memoryOverhead=... wins).
container_overhead_confs() {
  confs+=("spark.executor.memoryOverhead=$(($(to_mib "$executor_memory") + 384))m")
  [[ "$deploy_mode" == cluster ]] && confs+=("spark.driver.memoryOverhead=$(($(to_mib "$driver_memory") + 384))m")
  return 0
}
