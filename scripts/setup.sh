#!/usr/bin/env bash
# One-time set-up on a fresh machine: fetch MNIST and Fashion-MNIST (checked against their published
# MD5s) and build the job jar. Afterwards submit-scripts/local.sh runs any subcommand.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/fetch-data.sh" mnist fashion
echo "setup: building target/milr.jar (first build downloads dependencies from Maven Central)"
mvn -B -q -ntp -DskipTests package
echo "setup: done. Try: submit-scripts/local.sh train --out runs/mnist-mlp"
