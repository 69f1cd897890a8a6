#!/usr/bin/env bash
# The project's test command (README, .ci/run): fetches the real MNIST and Fashion-MNIST data the tests read,
# makes sure the MI oracle (Debian python3-sklearn) and headless Chromium (Debian chromium, which
# renders the run report in a test) are there, then runs the whole Maven test suite: the unit tests
# (surefire), then `package` (target/milr.jar), then the integration tests (failsafe, *IT: a real
# standalone cluster of separate JVMs to which the job jar is submitted through standalone.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/fetch-data.sh" mnist fashion
"$root/scripts/install-oracle.sh"
"$root/scripts/install-chromium.sh"
export SPARK_LOCAL_IP=127.0.0.1
mvn -B -ntp verify "$@"
