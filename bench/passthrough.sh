#!/usr/bin/env bash
# Passthrough overhead (issue 13): the p50 that POST /wms/passthrough adds over calling the system directly. One
# client calls a local WireMock stand-in of ShipBob (GET /2026-01/order?Page=1, answered at once) directly and through
# the service, alternately, N times each (PassthroughOverheadBench: the service under @QuarkusTest with its own
# embedded PostgreSQL, a ShipBob connection installed against the stand-in). Measures only; prints p50/p90/p99 of both
# and the p50 added, and writes bench/results/passthrough-<date>.txt with the machine's load before and after.
#   bench/passthrough.sh          2,000 calls each
#   BENCH_N=500 bench/passthrough.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_N:-2000}
stamp=$(date -u +%Y%m%d-%H%M)
out="bench/results/passthrough-$stamp.txt"
before=$(uptime)
# The ShipBob budget (140 a minute per token in production) is raised for the run: the budget's PostgreSQL round trip
# is still paid on every call, only its refusal is out of the way.
./mvnw -o -q verify -DskipITs -Dtest='PassthroughOverheadBench' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.passthrough=true -Dbench.passthrough.n="$N" -Dbench.out="$PWD/$out.raw" \
  -Dswitchboard.integrations.shipbob.requests-per-minute=100000000 -DtrimStackTrace=false >/dev/null
after=$(uptime)
{
  echo "# Passthrough overhead, $(date -u +%Y-%m-%d\ %H:%M) UTC (bench/passthrough.sh; $(nproc)-CPU machine, commit $(git rev-parse --short HEAD))"
  cat "$out.raw"
  echo "load before: $before"
  echo "load after:  $after"
} >"$out"
rm -f "$out.raw"
cat "$out"
