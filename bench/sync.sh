#!/usr/bin/env bash
# The sync engine's benchmark (bench/README.md, "Sync"): the packaged service syncing a sandbox WMS into a private
# PostgreSQL. Measures, does not assert; prints one summary and writes it to bench/results/sync-<stamp>.txt.
#
#   bench/sync.sh            S1 initial sync of a sandbox with ~200,000 orders (90 days), records/s, beside
#                            PostgreSQL's own COPY of the same rows; RSS of the service idle and during the sync.
#                            S2 an incremental sync of 1,000 changed orders among ~1,000,000: seconds, outbox rows.
#   bench/sync.sh quick      20,000 and 100,000 orders.
# Settings: BENCH_PG_PORT (15433), BENCH_HTTP_PORT (18081), BENCH_BUILD=always|never|auto, BENCH_KEEP=1;
# BENCH_S1_ORDERS, BENCH_S2_ORDERS, BENCH_CHANGED (smaller runs, for checking the script); BENCH_PARTS ("S1 S2", or one).
# Targets (issue 12): initial sync >= 5,000 records/s with RSS within 50 MB of idle; the incremental sync < 5 s.
set -euo pipefail

MODE=${1:-full}
case "$MODE" in full | quick) ;; *) echo "usage: bench/sync.sh [quick]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/.work-sync
PG_PORT=${BENCH_PG_PORT:-15433}
HTTP_PORT=${BENCH_HTTP_PORT:-18081}
BASE=http://127.0.0.1:$HTTP_PORT
if [[ $MODE == full ]]; then S1_ORDERS=200000 S2_ORDERS=1000000 BUILD=${BENCH_BUILD:-always}
else S1_ORDERS=20000 S2_ORDERS=100000 BUILD=${BENCH_BUILD:-auto}; fi
CHANGED=1000
# A smoke run of the script itself: BENCH_S1_ORDERS=900 BENCH_S2_ORDERS=1800 BENCH_CHANGED=10 bench/sync.sh quick
S1_ORDERS=${BENCH_S1_ORDERS:-$S1_ORDERS} S2_ORDERS=${BENCH_S2_ORDERS:-$S2_ORDERS} CHANGED=${BENCH_CHANGED:-$CHANGED}
STAMP=$(date -u +%Y-%m-%d-%H%M)
UPTIME_BEFORE=$(uptime)
mkdir -p "$WORK" "$BENCH/results"
RESULT=$BENCH/results/sync-$STAMP.txt
: >"$RESULT"
out() { echo "$*" | tee -a "$RESULT"; }

# The tools, the jar, the private PostgreSQL and the service's start are bench/run.sh's: bench/lib/private-postgres.sh.
# shellcheck source=lib/private-postgres.sh
source "$BENCH/lib/private-postgres.sh"
bench_tools
bench_build
PG_MAX_WAL=8GB PG_CHECKPOINT=30min
bench_postgres_start
export SWITCHBOARD_WEBHOOKS_DISPATCHER_ENABLED=false
SWITCHBOARD_ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SWITCHBOARD_ADMIN_TOKEN
# The sandbox's volume: orders per day over 90 days of history (switchboard.sandbox.*).
export SWITCHBOARD_SANDBOX_HISTORY_DAYS=90
# This benchmark has always given the JVM 1 GB (bench/run.sh gives it the pod's 512 MB).
PROD_JAVA_OPTS=("@$ROOT/deploy/jvm.options" -XX:MaxRAM=1g)
APP_READY_TIMEOUT=300
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"; }
# CPU seconds (user + system) used so far by the service, and by all of the private PostgreSQL's processes.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
pg_cpu_s() {
    local postmaster
    postmaster=$(head -1 "$PG_DATA/postmaster.pid")
    ps -o times= -p "$postmaster,$(pgrep -d, -P "$postmaster")" | awk '{t += $1} END {printf "%.1f", t}'
}
json() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }

# One organization (operator API), 90 days of initial sync, a webhook endpoint so record events are written.
new_org() {
    KEY=$(curl -s "$BASE/admin/organizations" -H "Authorization: Bearer $SWITCHBOARD_ADMIN_TOKEN" \
        -H 'content-type: application/json' -d "{\"name\":\"bench $1\"}" | grep -o 'sb_test_[A-Za-z0-9]*' | head -1)
    curl -s -X PATCH "$BASE/organization" -H "x-trackstar-api-key: $KEY" -H 'content-type: application/json' \
        -d '{"initial_sync_days":90}' >/dev/null
}
# Waits for the initial get_orders run of $CONN; prints "records seconds".
wait_initial() {
    local row
    while :; do
        row=$(sql "select records_created, extract(epoch from ended_at - started_at) from sync_run
                   where connection_id = '$CONN' and function = 'get_orders' and kind = 'initial' and status = 'succeeded'")
        [[ -n $row ]] && { echo "${row/|/ }"; return; }
        sleep 1
    done
}

out "Commit $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet || echo ' (uncommitted changes)'); $(nproc) CPUs; load before: ${UPTIME_BEFORE##*load average: }"
PARTS=${BENCH_PARTS:-S1 S2}

# --- S1: initial sync throughput ---------------------------------------------------------------------------------
if [[ " $PARTS " == *" S1 "* ]]; then
export SWITCHBOARD_SANDBOX_ORDERS_PER_DAY=$(((S1_ORDERS + 89) / 90))
say "S1: initial sync of a sandbox with ~$S1_ORDERS orders"
start_app "$WORK/service-s1.log"
sleep 5
START_RSS=$(rss_mb)
# Idle is measured after the organization's set-up calls (the operator API, PATCH /organization), which are not the
# sync: the first calls a new process serves load the API's classes and Hibernate's query parser (about 1,900 classes,
# ~10 MB of metaspace, bench/README.md). The figure at start is printed beside it.
new_org s1
sleep 2
IDLE_RSS=$(rss_mb)
curl -s -X POST "$BASE/sandbox/generate-sandbox/wms" -H "x-trackstar-api-key: $KEY" >"$WORK/sandbox-s1.json"
CONN=$(json connection_id <"$WORK/sandbox-s1.json")
[[ -n $CONN ]] || { cat "$WORK/sandbox-s1.json" >&2; die "no sandbox connection"; }
PEAK_RSS=$IDLE_RSS
sql "select pg_stat_statements_reset()" >/dev/null
APP_CPU0=$(cpu_s "$APP_PID") PG_CPU0=$(pg_cpu_s)
( while kill -0 "$APP_PID" 2>/dev/null; do rss_mb; echo; sleep 0.5; done ) >"$WORK/rss-s1.txt" 2>/dev/null &
SAMPLER=$!
read -r S1_RECORDS S1_SECONDS < <(wait_initial)
APP_CPU_ORDERS=$(cpu_s "$APP_PID") PG_CPU_ORDERS=$(pg_cpu_s)
# Then every other function's initial run (packs, bills, inventory, ...): the whole sandbox into the store.
while [[ $(sql "select count(*) from sync_schedule where connection_id = '$CONN' and not historical_sync_completed") != 0 ]]; do
    sleep 1
done
kill "$SAMPLER" 2>/dev/null || true
APP_CPU1=$(cpu_s "$APP_PID") PG_CPU1=$(pg_cpu_s)
read -r ALL_RECORDS ALL_SECONDS < <(sql "select sum(records_created), extract(epoch from max(ended_at) - min(started_at))
    from sync_run where connection_id = '$CONN' and kind = 'initial' and status = 'succeeded'" | tr '|' ' ')
STORED=$(sql "select count(*) from wms_record where connection_id = '$CONN'")
PEAK_RSS=$(sort -n "$WORK/rss-s1.txt" | tail -1)
cpu_delta() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }
out "S1 initial sync, get_orders' run: $S1_RECORDS orders in ${S1_SECONDS}s = $(awk -v r="$S1_RECORDS" -v s="$S1_SECONDS" 'BEGIN {printf "%d", r / s}') orders/s (the other functions' runs beside it)"
out "S1 initial sync, every function: $ALL_RECORDS records in ${ALL_SECONDS}s (first run's start to last run's end) = $(awk -v r="$ALL_RECORDS" -v s="$ALL_SECONDS" 'BEGIN {printf "%d", r / s}') records/s; $STORED rows stored"
out "S1 CPU: service $(cpu_delta "$APP_CPU0" "$APP_CPU_ORDERS") s, PostgreSQL $(cpu_delta "$PG_CPU0" "$PG_CPU_ORDERS") s until get_orders' end; service $(cpu_delta "$APP_CPU0" "$APP_CPU1") s, PostgreSQL $(cpu_delta "$PG_CPU0" "$PG_CPU1") s in all ($(nproc) CPUs)"
out "S1 statements by total time (pg_stat_statements):"
sql "select round(total_exec_time)::bigint || ' ms, ' || calls || ' calls, ' || rows || ' rows: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
       from pg_stat_statements order by total_exec_time desc limit 6" | sed 's/^/    /' | tee -a "$RESULT"
out "S1 RSS: idle ${IDLE_RSS} MB (after the organization's set-up; ${START_RSS} MB at start), peak during the sync ${PEAK_RSS} MB (+$((PEAK_RSS - IDLE_RSS)) MB; +$((PEAK_RSS - START_RSS)) MB from start)"
# PostgreSQL's own COPY of the same rows: out to a file, then into an empty twin table (no index), the orders alone
# and then every row the sync stored.
copy_rate() {
    sql "copy (select * from wms_record where connection_id = '$CONN' $1) to '$PG_DATA/rows.copy'" >/dev/null
    sql "drop table if exists copy_twin; create table copy_twin (like wms_record including defaults)" >/dev/null
    local t0 t1 rows
    t0=$(date +%s.%N)
    sql "copy copy_twin from '$PG_DATA/rows.copy'" >/dev/null
    t1=$(date +%s.%N)
    rows=$(sql "select count(*) from copy_twin")
    awk -v a="$t0" -v b="$t1" -v r="$rows" 'BEGIN {printf "%d rows in %.2fs = %d rows/s", r, b - a, r / (b - a)}'
}
out "S1 COPY of the same orders: $(copy_rate "and function = 'get_orders'")"
out "S1 COPY of every stored row: $(copy_rate "")"
stop_app
out "(load after S1: $(cut -d' ' -f1-3 /proc/loadavg))"
fi

# --- S2: incremental sync of 1,000 changed orders among ~1,000,000 -----------------------------------------------
# The store is seeded with SQL in the shape the sandbox's initial sync leaves (bench/sql/sync-s2-seed.sql): syncing a
# million orders through the service took over an hour here. Then: a first forced run (it rewrites what its window
# sees, since the seeded documents are the fixture's, not the sandbox's), $CHANGED orders fulfilled in the sandbox
# through PUT /sandbox/simulate/orders/{id}/fulfill, and the measured forced run.
if [[ " $PARTS " == *" S2 "* ]]; then
export SWITCHBOARD_SANDBOX_ORDERS_PER_DAY=$(((S2_ORDERS + 89) / 90))
say "S2: a sandbox with ~$S2_ORDERS orders (store seeded with SQL), then $CHANGED changed"
export SWITCHBOARD_SYNC_ENABLED=false # the setup: no run while the store is seeded
start_app "$WORK/service-s2-setup.log"
unset SWITCHBOARD_SYNC_ENABLED
new_org s2
curl -s -X POST "$BASE/sandbox/generate-sandbox/wms" -H "x-trackstar-api-key: $KEY" >"$WORK/sandbox-s2.json"
CONN=$(json connection_id <"$WORK/sandbox-s2.json")
TOKEN=$(json access_token <"$WORK/sandbox-s2.json")
[[ -n $CONN && -n $TOKEN ]] || { cat "$WORK/sandbox-s2.json" >&2; die "no sandbox connection"; }
curl -s "$BASE/webhooks" -H "x-trackstar-api-key: $KEY" -H 'content-type: application/json' \
    -d '{"url":"https://bench.invalid/hooks"}' >/dev/null
stop_app
ORG2=$(sql "select organization_id from connection where id = '$CONN'")
S2_N=$((SWITCHBOARD_SANDBOX_ORDERS_PER_DAY * SWITCHBOARD_SANDBOX_HISTORY_DAYS))
T0=$(date +%s)
"${PSQL[@]}" -v org="$ORG2" -v conn="$CONN" -v orders="$S2_N" -v days="$SWITCHBOARD_SANDBOX_HISTORY_DAYS" \
    -v template="$(cat "$ROOT/src/test/resources/wms-fixtures/get_orders.json")" -f "$BENCH/sql/sync-s2-seed.sql" \
    >"$WORK/seed-s2.log" 2>&1 || { tail -20 "$WORK/seed-s2.log" >&2; die "seeding S2 failed"; }
sql "checkpoint" >/dev/null
out "S2 store seeded with SQL: $(sql "select count(*) from wms_record where connection_id = '$CONN'") orders in $(($(date +%s) - T0)) s"
start_app "$WORK/service-s2.log"
# Forces a get_orders run and waits for it; prints "created updated unchanged seconds".
forced_run() {
    local last row
    last=$(sql "select coalesce(max(id), 0) from sync_run where connection_id = '$CONN' and function = 'get_orders'")
    curl -s -X POST "$BASE/connections/sync" -H "x-trackstar-api-key: $KEY" -H "x-trackstar-access-token: $TOKEN" \
        -H 'content-type: application/json' -d '{"functions_to_sync":["get_orders"]}' >"$WORK/forced.json"
    while :; do
        row=$(sql "select records_created, records_updated, records_unchanged, extract(epoch from ended_at - started_at), status
                   from sync_run where connection_id = '$CONN' and function = 'get_orders' and id > $last and status <> 'running'")
        [[ -n $row ]] && break
        sleep 0.2
    done
    [[ ${row##*|} == succeeded ]] || die "the forced run ended $row"
    row=${row%|*}
    echo "${row//|/ }"
}
read -r C1 U1 N1 SEC1 < <(forced_run)
out "S2 first forced run after the seed (rewrites the overlap window's orders): created $C1, updated $U1, unchanged $N1 in ${SEC1}s"
# $CHANGED orders fulfilled in the sandbox: the newest first (older ones are fulfilled or cancelled already: 409).
FULFILLED=0 TRIED=0 n=$S2_N
while ((FULFILLED < CHANGED && n > 0)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$BASE/sandbox/simulate/orders/ord_$n/fulfill" \
        -H "x-trackstar-api-key: $KEY" -H "x-trackstar-access-token: $TOKEN")
    [[ $code == 200 ]] && FULFILLED=$((FULFILLED + 1))
    TRIED=$((TRIED + 1)) n=$((n - 1))
done
out "S2 fulfilled $FULFILLED orders in the sandbox (tried $TRIED of the newest)"
OUTBOX_BEFORE=$(sql "select count(*) from webhook_delivery")
UPTIME_S2=$(uptime)
read -r C2 U2 N2 SEC2 < <(forced_run)
OUTBOX_AFTER=$(sql "select count(*) from webhook_delivery")
out "S2 incremental sync among $(sql "select count(*) from wms_record where connection_id = '$CONN' and function = 'get_orders'") orders: created $C2, updated $U2, unchanged $N2; run took ${SEC2}s; outbox rows written: $((OUTBOX_AFTER - OUTBOX_BEFORE)) (load before it: ${UPTIME_S2##*load average: })"
stop_app
fi
out "(machine: $(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
echo "results: $RESULT"
