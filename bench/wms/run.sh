#!/usr/bin/env bash
# The WMS read API's benchmark: the packaged service serving a connection with 1,000,000 orders from a private
# PostgreSQL, next to pgbench running the same SQL on the same server, in the same run (bench/README.md, "WMS reads").
#
#   bench/wms/run.sh          1,000,000 orders (+ 200 connections x 2,000), 30 s per scenario
#   bench/wms/run.sh quick    100,000 orders (+ 20 x 2,000), 8 s per scenario, builds only if the sources changed
#
# W1 GET /wms/orders?limit=100          P1 pgbench: W1's two statements
# W2 GET /wms/orders?limit=1000         P2 pgbench: W2's two statements
# W3 GET /wms/orders?status=open&updated_date[gte]=<7 days ago>&limit=100    P3 pgbench: W3's
# W4 GET /wms/orders/{order_id}, random ids of the million                   P4 pgbench: W4's
# Target: each W at >= 0.35 of its P's rate. Settings as bench/run.sh: BENCH_PG_PORT (15432), BENCH_HTTP_PORT (18080),
# BENCH_DURATION, BENCH_BUILD=always|never|auto, BENCH_KEEP=1, BENCH_SCENARIOS (subset of "W1 P1 W2 P2 W3 P3 W4 P4"),
# BENCH_ORDERS / BENCH_OTHERS / BENCH_WARMUP (smaller data, for checking the script).
set -euo pipefail

MODE=${1:-full}
case "$MODE" in full | quick) ;; *) echo "usage: bench/wms/run.sh [quick]" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
WMS=$BENCH/wms
WORK=$BENCH/.work-wms
PG_PORT=${BENCH_PG_PORT:-15432}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BASE=http://127.0.0.1:$HTTP_PORT
CONNECTIONS=32
THREADS=2
if [[ $MODE == full ]]; then
    ORDERS=1000000 OTHERS=200 DURATION=${BENCH_DURATION:-30} WARMUP=10 BUILD=${BENCH_BUILD:-always}
else
    ORDERS=100000 OTHERS=20 DURATION=${BENCH_DURATION:-8} WARMUP=4 BUILD=${BENCH_BUILD:-auto}
fi
# A smoke run of the script itself: BENCH_ORDERS=2000 BENCH_OTHERS=1 BENCH_DURATION=2 bench/wms/run.sh quick
ORDERS=${BENCH_ORDERS:-$ORDERS} OTHERS=${BENCH_OTHERS:-$OTHERS} WARMUP=${BENCH_WARMUP:-$WARMUP}
SCENARIOS=${BENCH_SCENARIOS:-W1 P1 W2 P2 W3 P3 W4 P4}
UPTIME_BEFORE=$(uptime)
RUN_STARTED=$(date +%s)
STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$WORK" "$BENCH/results"
rm -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/pgbench_log.* 2>/dev/null || true

# The tools, the jar, the private PostgreSQL and the service's start are bench/run.sh's: bench/lib/private-postgres.sh.
# shellcheck source=../lib/private-postgres.sh
source "$BENCH/lib/private-postgres.sh"
bench_tools wrk
bench_build
PG_MAX_WAL=8GB PG_CHECKPOINT=30min
bench_postgres_start
APP_READY_TIMEOUT=180
# Reads only. With the sync engine on, the restarted service ran the generated sandbox's initial sync (every function)
# during the scenarios: it held the connection pool and the CPUs, reads waited longer than a scenario lasts (some
# 503 "Database unavailable"), and wrk counted 0 completed requests while the access log showed 200s. It also wrote
# the sandbox's orders into the connection the benchmark seeds.
export SWITCHBOARD_SYNC_ENABLED=false

say "Starting the service (Flyway makes the schema)"
start_app "$WORK/service.log"
java "$BENCH/KeyGen.java" 1 >"$WORK/keys.txt"
read -r KEY KEY_HASH <"$WORK/keys.txt"
rm -f "$WORK/keys.txt"
ORG=org_benchwms$(head -c 200 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 13)
sql "insert into organization (id, name) values ('$ORG', 'Bench: one million orders');
     insert into api_key (id, organization_id, environment, name, scope, key_hash, key_prefix, rate_limit_per_hour)
     values ('key_benchwms000000000000001', '$ORG', 'test', 'bench', 'write', decode('$KEY_HASH', 'hex'), '${KEY:0:14}', 0)" >/dev/null
# The connection and its access token, through the API (a generated sandbox: the one public way without a customer).
curl -s -X POST -H "x-trackstar-api-key: $KEY" "$BASE/sandbox/generate-sandbox/wms" >"$WORK/sandbox.json"
ACCESS_TOKEN=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$WORK/sandbox.json")
CONN=$(sed -n 's/.*"connection_id":"\([^"]*\)".*/\1/p' "$WORK/sandbox.json")
[[ -n $ACCESS_TOKEN && -n $CONN ]] || { cat "$WORK/sandbox.json" >&2; die "no sandbox connection"; }
stop_app

say "Seeding $ORDERS orders of $CONN (+ $OTHERS connections x 2,000) with SQL"
SEED_STARTED=$(date +%s)
sql "delete from wms_record where connection_id = '$CONN'" >/dev/null # whatever a sandbox sync may have written
"${PSQL[@]}" -v org="$ORG" -v conn="$CONN" -v orders="$ORDERS" -v others="$OTHERS" \
    -v template="$(cat "$ROOT/src/test/resources/wms-fixtures/get_orders.json")" -f "$WMS/seed.sql" >"$WORK/seed.log" 2>&1 ||
    { tail -20 "$WORK/seed.log" >&2; die "seeding failed"; }
sql "checkpoint" >/dev/null
echo "$(sql "select count(*) from wms_record") records, $(sql "select pg_size_pretty(pg_total_relation_size('wms_record_p0') * 8)") (8 partitions, approx.), $(($(date +%s) - SEED_STARTED)) s"
SINCE=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)
HASH=$(sql "select encode(access_token_hash, 'hex') from connection where id = '$CONN'")

say "Starting the service again"
start_app "$WORK/service.log"
H=(-H "x-trackstar-api-key: $KEY" -H "x-trackstar-access-token: $ACCESS_TOKEN")
for probe in "/wms/orders?limit=100" "/wms/orders/ord_00000001"; do
    code=$(curl -s -o "$WORK/probe.txt" -w '%{http_code}' "${H[@]}" "$BASE$probe")
    [[ $code == 200 ]] || { cat "$WORK/probe.txt" >&2; die "GET $probe answered $code"; }
done
W3_URL="$BASE/wms/orders?status=open&updated_date%5Bgte%5D=$SINCE&limit=100"
W3_ROWS=$(curl -s "${H[@]}" "$W3_URL" | grep -o '"total_count":[0-9]*')
# The statements each scenario's request sends, from PostgreSQL's own log (log_statement = all for one request each):
# the pgbench scripts must be the same SQL (bench/wms/pgbench/). Kept beside the results as statements.txt.
sql "alter system set log_statement = 'all'" >/dev/null
sql "select pg_reload_conf()" >/dev/null
sleep 1
for url in "$BASE/wms/orders?limit=100" "$W3_URL" "$BASE/wms/orders/ord_00000042"; do
    MARK=$(wc -l <"$PG_DATA/server.log")
    curl -s -o /dev/null "${H[@]}" "$url"
    sleep 0.5
    { echo "## GET ${url#"$BASE"}"; tail -n +"$((MARK + 1))" "$PG_DATA/server.log" | sed -n 's/^.*LOG:  //p; s/^.*DETAIL:  /  /p' | sed '/^statement: $/d'; echo; } >>"$WORK/statements.txt"
done
sql "alter system reset log_statement" >/dev/null
sql "select pg_reload_conf()" >/dev/null

export BENCH_WRK_DIR=$BENCH/wrk BENCH_ORDERS=$ORDERS
declare -A NAME RESULT
NAME[W1]="GET /wms/orders?limit=100"
NAME[W2]="GET /wms/orders?limit=1000"
NAME[W3]="GET /wms/orders?status=open&updated_date[gte]=$SINCE&limit=100 ($W3_ROWS)"
NAME[W4]="GET /wms/orders/{order_id} (random of $ORDERS)"
NAME[P1]="pgbench: W1's SQL"
NAME[P2]="pgbench: W2's SQL"
NAME[P3]="pgbench: W3's SQL"
NAME[P4]="pgbench: W4's SQL"
wrk_run() { # $1 scenario, $2 seconds, $3 output
    local script=$BENCH/wrk/static.lua url
    case $1 in
        W1) url="$BASE/wms/orders?limit=100" ;;
        W2) url="$BASE/wms/orders?limit=1000" ;;
        W3) url=$W3_URL ;;
        W4) url=$BASE script=$WMS/wrk/one.lua ;;
    esac
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --latency --timeout 10s "${H[@]}" -s "$script" "$url" >"$3" 2>&1
}
pgbench_run() { # $1 P1..P4
    local script limit=101 out=$WORK/pgbench-$1.txt
    case $1 in
        P1) script=list.sql ;;
        P2) script=list.sql limit=1001 ;;
        P3) script=filtered.sql ;;
        P4) script=one.sql ;;
    esac
    (cd "$WORK" && rm -f pgbench_log.* && "$PG_BIN/pgbench" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -D org="$ORG" -D env=test -D conn="$CONN" -D hash="\\x$HASH" -D limit="$limit" -D status=open -D since="$SINCE" -D walk=2000 \
        -D orders="$ORDERS" -l -f "$WMS/pgbench/$script" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard) >"$out" 2>&1 ||
        { cat "$out" >&2; die "pgbench $1 failed"; }
    local tps lat failed
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
    lat=$(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '
        {v[NR] = $1} END {printf "p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f", v[int(NR*0.5)]/1000, v[int(NR*0.99)]/1000, v[int(NR*0.999)]/1000}')
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
    echo "BENCH rps=$tps $lat non2xx=${failed:-0}" >>"$out"
    rm -f "$WORK"/pgbench_log.*
}

say "Warming up (${WARMUP} s per scenario)"
for s in $SCENARIOS; do [[ $s == W* ]] && wrk_run "$s" "$WARMUP" "$WORK/warmup-$s.txt"; done
for s in $SCENARIOS; do
    say "$s: ${NAME[$s]} (${DURATION} s)"
    if [[ $s == P* ]]; then pgbench_run "$s"; out=$WORK/pgbench-$s.txt; else out=$WORK/scenario-$s.txt; wrk_run "$s" "$DURATION" "$out"; fi
    grep -q '^BENCH ' "$out" || { cat "$out" >&2; die "no result from $s"; }
    # A scenario in which no request completed is a broken run, not a figure (it was, while the sync engine ran).
    grep -q '^BENCH requests=0 ' "$out" && { cat "$out" >&2; die "wrk completed no request in $s; see $WORK/service.log"; }
    RESULT[$s]="$(grep '^BENCH ' "$out" | tail -1) load=$(cut -d' ' -f1 /proc/loadavg)"
    echo "${RESULT[$s]#BENCH }"
done
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ' || true) # empty if the service is gone
kill -0 "$APP_PID" 2>/dev/null || echo "bench: the service process is gone (see $WORK/service.log)" >&2
UPTIME_AFTER=$(uptime)
stop_app

field() { sed -n 's/.*\b'"$1"'=\([^ ]*\).*/\1/p' <<<"$2" | tail -1; }
ratio() { awk -v a="$(field rps "${RESULT[$1]:-}")" -v b="$(field rps "${RESULT[$2]:-}")" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}'; }
OUT=$BENCH/results/$STAMP-wms$([[ $MODE == quick ]] && echo -quick || true).md # (without "|| true", a full run exited here under set -e)
{
    echo "# WMS reads benchmark, $STAMP UTC ($MODE)"
    echo
    echo "Commit $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet || echo ' (uncommitted changes)'); $(nproc) CPUs; $("$PG_BIN/postgres" --version); $(java -version 2>&1 | head -1)."
    echo "$ORDERS orders in one connection, $((OTHERS * 2000)) in $OTHERS others. wrk -t $THREADS -c $CONNECTIONS, pgbench -c $CONNECTIONS -j $THREADS -M prepared, $DURATION s each."
    echo "Load before: \`$UPTIME_BEFORE\`; after: \`$UPTIME_AFTER\`. Service RSS after the run: $((${RSS_KB:-0} / 1024)) MB (0: the process was gone)."
    echo
    echo "| # | Scenario | req/s | p50 ms | p99 ms | non-2xx | load | vs pgbench (target >= 0.35) |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    for s in $SCENARIOS; do
        r=${RESULT[$s]:-}
        vs=-
        [[ $s == W* ]] && vs=$(ratio "$s" "P${s#W}")
        echo "| $s | ${NAME[$s]} | $(field rps "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field non2xx "$r") | $(field load "$r") | $vs |"
    done
    echo
    echo "The statements one request of W1, W3 and W4 sent, from PostgreSQL's log (log_statement = all), which the"
    echo "pgbench scripts (bench/wms/pgbench/) repeat:"
    echo
    echo '```'
    cat "$WORK/statements.txt"
    echo '```'
} >"$OUT"
cat "$OUT"
echo "results: $OUT"
