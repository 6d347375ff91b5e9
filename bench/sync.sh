#!/usr/bin/env bash
# The sync engine's benchmark (bench/README.md, "Sync"): the packaged service syncing a sandbox WMS into a private
# PostgreSQL. Measures, does not assert; prints one summary and writes it to bench/results/sync-<stamp>.txt.
#
#   bench/sync.sh            S1 initial sync of a sandbox with ~200,000 orders (90 days), records/s, beside
#                            PostgreSQL's own COPY of the same rows; RSS of the service idle and during the sync.
#                            S2 an incremental sync of 1,000 changed orders among ~1,000,000: seconds, outbox rows.
#   bench/sync.sh quick      20,000 and 100,000 orders.
# Settings: BENCH_PG_PORT (15433), BENCH_HTTP_PORT (18081), BENCH_BUILD=always|never|auto, BENCH_KEEP=1.
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
STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$WORK" "$BENCH/results"
RESULT=$BENCH/results/sync-$STAMP.txt
: >"$RESULT"
say() { printf '\n== %s\n' "$*"; }
out() { echo "$*" | tee -a "$RESULT"; }
die() { echo "bench: $*" >&2; exit 1; }

pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        [[ -x $dir/initdb ]] && { echo "$dir"; return; }
    done
}
if [[ -z $(pg_bindir) ]]; then
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || die "needs postgresql (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >"$WORK/apt.log" 2>&1 ||
        { apt-get update -q >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$WORK/apt.log" 2>&1; } ||
        die "apt-get install failed, see $WORK/apt.log"
fi
PG_BIN=$(pg_bindir)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U bench -d switchboard -X -q -t -A -v ON_ERROR_STOP=1)
sql() { "${PSQL[@]}" -c "$1"; }

APP_PID= PG_DATA=
stop_app() { [[ -n $APP_PID ]] && { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }; }
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_app
    [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] && { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; }
    [[ -n $PG_DATA && -z ${BENCH_KEEP:-} ]] && rm -rf "$PG_DATA"
    ((rc == 0)) || echo "bench: failed (exit $rc); logs in $WORK" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

JAR=$ROOT/target/quarkus-app/quarkus-run.jar
stale() { [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit) ]]; }
if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && stale; }; then
    say "Building the packaged jar"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; die "build failed"; }
fi

say "Starting PostgreSQL on port $PG_PORT"
PG_DATA=$(mktemp -d /tmp/switchboard-bench-sync-pg.XXXXXX)
[[ $(id -u) == 0 ]] && chown postgres: "$PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || die "initdb failed"
cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
shared_buffers = 1GB
max_wal_size = 8GB
checkpoint_timeout = 30min
CONF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null || die "PostgreSQL did not start"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard

export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
export QUARKUS_HTTP_PORT=$HTTP_PORT SWITCHBOARD_PUBLIC_URL=$BASE SWITCHBOARD_WEBHOOKS_DISPATCHER_ENABLED=false
SWITCHBOARD_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
export SWITCHBOARD_ENCRYPTION_KEY SWITCHBOARD_ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
# The sandbox's volume: orders per day over 90 days of history (switchboard.sandbox.*).
export SWITCHBOARD_SANDBOX_HISTORY_DAYS=90
start_app() {
    local log=$1 t0 code
    t0=$(date +%s)
    java "@$ROOT/deploy/jvm.options" -XX:MaxRAM=1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
    APP_PID=$!
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)
        [[ $code == 200 ]] && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the service exited during start"; }
        (($(date +%s) - t0 < 300)) || die "the service was not ready within 300 s"
        sleep 0.2
    done
}
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"; }
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

# --- S1: initial sync throughput ---------------------------------------------------------------------------------
export SWITCHBOARD_SANDBOX_ORDERS_PER_DAY=$(((S1_ORDERS + 89) / 90))
say "S1: initial sync of a sandbox with ~$S1_ORDERS orders"
start_app "$WORK/service-s1.log"
sleep 5
IDLE_RSS=$(rss_mb)
new_org s1
curl -s -X POST "$BASE/sandbox/generate-sandbox/wms" -H "x-trackstar-api-key: $KEY" >"$WORK/sandbox-s1.json"
CONN=$(json connection_id <"$WORK/sandbox-s1.json")
[[ -n $CONN ]] || { cat "$WORK/sandbox-s1.json" >&2; die "no sandbox connection"; }
PEAK_RSS=$IDLE_RSS
( while kill -0 "$APP_PID" 2>/dev/null; do rss_mb; echo; sleep 0.5; done ) >"$WORK/rss-s1.txt" 2>/dev/null &
SAMPLER=$!
read -r S1_RECORDS S1_SECONDS < <(wait_initial)
kill "$SAMPLER" 2>/dev/null || true
PEAK_RSS=$(sort -n "$WORK/rss-s1.txt" | tail -1)
out "S1 initial sync: $S1_RECORDS orders in ${S1_SECONDS}s = $(awk -v r="$S1_RECORDS" -v s="$S1_SECONDS" 'BEGIN {printf "%d", r / s}') records/s"
out "S1 RSS: idle ${IDLE_RSS} MB, peak during the sync ${PEAK_RSS} MB (+$((PEAK_RSS - IDLE_RSS)) MB)"
# PostgreSQL's own COPY of the same rows: out to a file, then into an empty twin table.
sql "copy (select * from wms_record where connection_id = '$CONN' and function = 'get_orders') to '$PG_DATA/orders.copy'" >/dev/null
sql "create table copy_twin (like wms_record including defaults)" >/dev/null
T0=$(date +%s.%N)
sql "copy copy_twin from '$PG_DATA/orders.copy'" >/dev/null
T1=$(date +%s.%N)
out "S1 COPY of the same $S1_RECORDS rows: $(awk -v a="$T0" -v b="$T1" -v r="$S1_RECORDS" 'BEGIN {printf "%.2fs = %d rows/s", b - a, r / (b - a)}')"
stop_app

# --- S2: incremental sync of 1,000 changed orders among ~1,000,000 -----------------------------------------------
export SWITCHBOARD_SANDBOX_ORDERS_PER_DAY=$(((S2_ORDERS + 89) / 90))
say "S2: a sandbox with ~$S2_ORDERS orders, then $CHANGED changed"
start_app "$WORK/service-s2.log"
new_org s2
curl -s -X POST "$BASE/sandbox/generate-sandbox/wms" -H "x-trackstar-api-key: $KEY" >"$WORK/sandbox-s2.json"
CONN=$(json connection_id <"$WORK/sandbox-s2.json")
TOKEN=$(json access_token <"$WORK/sandbox-s2.json")
read -r S2_INITIAL S2_INITIAL_SECONDS < <(wait_initial)
out "S2 initial sync: $S2_INITIAL orders in ${S2_INITIAL_SECONDS}s"
curl -s "$BASE/webhooks" -H "x-trackstar-api-key: $KEY" -H 'content-type: application/json' \
    -d '{"url":"https://bench.invalid/hooks"}' >/dev/null
# 1,000 open orders fulfilled through the sandbox's simulation endpoint (Trackstar's).
sql "select record_id from wms_record where connection_id = '$CONN' and function = 'get_orders'
     and document->>'status' in ('open', 'processing') order by record_id limit $CHANGED" >"$WORK/changed.txt"
while read -r ID; do
    curl -s -o /dev/null -X PUT "$BASE/sandbox/simulate/orders/$ID/fulfill" -H "x-trackstar-api-key: $KEY" \
        -H "x-trackstar-access-token: $TOKEN"
done <"$WORK/changed.txt"
OUTBOX_BEFORE=$(sql "select count(*) from webhook_delivery")
LAST_RUN=$(sql "select coalesce(max(id), 0) from sync_run where connection_id = '$CONN' and function = 'get_orders'")
curl -s -X POST "$BASE/connections/sync" -H "x-trackstar-api-key: $KEY" -H "x-trackstar-access-token: $TOKEN" \
    -H 'content-type: application/json' -d '{"functions_to_sync":["get_orders"]}' >/dev/null
while :; do
    ROW=$(sql "select records_created + records_updated, extract(epoch from ended_at - started_at) from sync_run
               where connection_id = '$CONN' and function = 'get_orders' and id > $LAST_RUN and status = 'succeeded'")
    [[ -n $ROW ]] && break
    sleep 0.5
done
OUTBOX_AFTER=$(sql "select count(*) from webhook_delivery")
out "S2 incremental sync: ${ROW%%|*} orders changed, run took ${ROW##*|}s; outbox rows written: $((OUTBOX_AFTER - OUTBOX_BEFORE))"
stop_app
out "(machine: $(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
echo "results: $RESULT"
