#!/usr/bin/env bash
# Vendor throughput (issue 13), against a local WireMock stand-in of ShipBob that answers each page of 250 orders in
# 50 ms; one connection, the same with a 429 (x-retry-after: 1) on every fifth page, four connections at once:
#   - the ShipBob adapter alone, paging orders (AdapterThroughputBench);
#   - the whole sync (SyncThroughputBench): installed connections, SyncRunner executions, the outbound stack and the
#     shared budget, the record store's page transactions; a 429 ends the execution with its next time, and the
#     driver waits for it as db-scheduler would.
# Measures only; prints records/s and writes bench/results/vendors-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y%m%d-%H%M)
out="bench/results/vendors-$stamp.txt"
./mvnw -o -q verify -DskipITs -Dtest='AdapterThroughputBench,SyncThroughputBench' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.vendors=true -Dbench.out="$PWD/$out.adapter" -Dbench.sync.out="$PWD/$out.sync" -DtrimStackTrace=false >/dev/null
{
  echo "# Vendor throughput, $(date -u +%Y-%m-%d) (bench/vendors.sh; $(nproc)-CPU machine)"
  echo "## ShipBob adapter alone"
  cat "$out.adapter"
  echo "## Whole sync (SyncRunner + store) against the same stand-in"
  cat "$out.sync"
} >"$out"
rm -f "$out.adapter" "$out.sync"
cat "$out"
