#!/usr/bin/env bash
# Vendor adapter throughput (issue 13): the ShipBob adapter paging orders from a local WireMock stand-in that answers
# each page of 250 orders in 50 ms; one connection, the same with a 429 on every fifth page, four connections at once.
# Measures only; prints records/s and writes bench/results/vendors-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
out="bench/results/vendors-$(date -u +%Y%m%d-%H%M).txt"
./mvnw -o -q verify -Dtest=AdapterThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.vendors=true \
  -Dbench.out="$PWD/$out" -DtrimStackTrace=false >/dev/null
cat "$out"
