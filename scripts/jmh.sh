#!/usr/bin/env bash
# JMH microbenchmarks of the MI machinery (src/jmh/java): JointHistogram add and merge, the output
# head's counting of a 1,024-example chunk, MutualInformation.of on 10x10 and 100x100 tables.
#   scripts/jmh.sh                      # all of them (about 4 minutes)
#   scripts/jmh.sh JointHistogram -p classes=10   # any JMH options: a name filter, -f, -wi, -i, -prof gc ...
# Built in Maven's `jmh` profile only, so `mvn test` neither compiles nor runs them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mvn -B -ntp -q -Pjmh -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh/classpath.txt
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -cp "target/jmh/test-classes:target/jmh/classes:$(cat target/jmh/classpath.txt)" org.openjdk.jmh.Main "$@"
