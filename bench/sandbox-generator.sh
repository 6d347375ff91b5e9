#!/usr/bin/env bash
# The sandbox WMS simulator alone (dev.switchboard.sandbox.wms.GeneratorBench): an initial sync's worth of records of
# every function of a sandbox with N orders (default 200,000 over 90 days), serialized to JSON, in records per second,
# and the heap left behind. The engine-and-store throughput is measured by the sync benchmark; this shows how much of
# it the simulator takes.
#   bench/sandbox-generator.sh [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q test-compile
./mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
exec java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
    dev.switchboard.sandbox.wms.GeneratorBench "${1:-200000}"
