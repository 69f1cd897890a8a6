#!/usr/bin/env bash
# milr bench (README, Performance) from the Maven build, with what it needs first: MNIST, the
# PyTorch peer (Debian python3-torch; its rows are skipped, saying why, if it cannot be installed)
# and an up-to-date target/milr.jar.
#   scripts/bench.sh --runs 3 --out runs/bench           # full MNIST, 3 epochs, every system
#   scripts/bench.sh --set data.trainLimit=5000 --epochs 2 --out /tmp/bench-small
# Run it on a quiet machine: other work on the cores distorts every figure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/fetch-data.sh mnist
scripts/install-torch.sh || echo "bench.sh: python3-torch could not be installed; the PyTorch rows will be skipped" >&2
if [[ ! -f target/milr.jar || ! -f target/spark-classpath.txt \
      || -n "$(find src pom.xml -newer target/milr.jar -print -quit)" ]]; then
  echo "bench.sh: building target/milr.jar"
  mvn -B -ntp -q -DskipTests package
fi
exec submit-scripts/local.sh bench "$@"
