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
# BENCH_DURATION, BENCH_BUILD=always|never|auto, BENCH_KEEP=1, BENCH_SCENARIOS (subset of "W1 P1 W2 P2 W3 P3 W4 P4").
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
SCENARIOS=${BENCH_SCENARIOS:-W1 P1 W2 P2 W3 P3 W4 P4}
UPTIME_BEFORE=$(uptime)
RUN_STARTED=$(date +%s)
STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$WORK" "$BENCH/results"
rm -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/pgbench_log.* 2>/dev/null || true

say() { printf '\n== %s  (%ss)\n' "$*" "$(($(date +%s) - RUN_STARTED))"; }
die() { echo "bench: $*" >&2; exit 1; }

pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        [[ -x $dir/initdb && -x $dir/pgbench ]] && { echo "$dir"; return; }
    done
}
need_packages=()
[[ -n $(pg_bindir) ]] || need_packages+=(postgresql postgresql-contrib)
command -v wrk >/dev/null || need_packages+=(wrk)
if ((${#need_packages[@]})); then
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || die "needs ${need_packages[*]} (Debian packages)"
    say "Installing ${need_packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_packages[@]}" >"$WORK/apt.log" 2>&1 ||
        { apt-get update -q >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_packages[@]}" >>"$WORK/apt.log" 2>&1; } ||
        die "apt-get install failed, see $WORK/apt.log"
fi
PG_BIN=$(pg_bindir)
for tool in java curl wrk "$PG_BIN/psql" "$PG_BIN/pgbench"; do command -v "$tool" >/dev/null || die "$tool is missing"; done
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d switchboard)
sql() { "${PSQL[@]}" -At -c "$1"; }

APP_PID=
PG_DATA=
stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_app
    [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] && { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; }
    if [[ -n $PG_DATA && -z ${BENCH_KEEP:-} ]]; then rm -rf "$PG_DATA"; fi
    [[ -n $PG_DATA && -n ${BENCH_KEEP:-} ]] && echo "bench: database folder kept: $PG_DATA (port $PG_PORT, stopped)"
    ((rc == 0)) || echo "bench: failed (exit $rc); logs in $WORK" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

JAR=$ROOT/target/quarkus-app/quarkus-run.jar
stale() { [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit) ]]; }
if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && stale; }; then
    say "Building the packaged jar (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; die "build failed"; }
fi

for port in "$PG_PORT" "$HTTP_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is taken (set BENCH_PG_PORT / BENCH_HTTP_PORT)"; fi
done
say "Starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
PG_DATA=$(mktemp -d /tmp/switchboard-bench-wms-pg.XXXXXX)
[[ $(id -u) == 0 ]] && chown postgres: "$PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || die "initdb failed"
cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 200
shared_buffers = 1GB
max_wal_size = 8GB
checkpoint_timeout = 30min
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
CONF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null || die "PostgreSQL did not start"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard
sql "create extension pg_stat_statements" >/dev/null

export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
export QUARKUS_HTTP_PORT=$HTTP_PORT SWITCHBOARD_PUBLIC_URL=$BASE
SWITCHBOARD_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
export SWITCHBOARD_ENCRYPTION_KEY
PROD_JAVA_OPTS=("@$ROOT/deploy/jvm.options" -XX:MaxRAM=512m)
start_app() {
    local log=$1 t0 code
    t0=$(date +%s)
    java "${PROD_JAVA_OPTS[@]}" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
    APP_PID=$!
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)
        [[ $code == 200 ]] && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the service exited during start"; }
        (($(date +%s) - t0 < 180)) || die "the service was not ready within 180 s"
        sleep 0.1
    done
}

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
        -D org="$ORG" -D env=test -D conn="$CONN" -D hash="\\x$HASH" -D limit="$limit" -D status=open -D since="$SINCE" \
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
    RESULT[$s]="$(grep '^BENCH ' "$out" | tail -1) load=$(cut -d' ' -f1 /proc/loadavg)"
    echo "${RESULT[$s]#BENCH }"
done
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
UPTIME_AFTER=$(uptime)
stop_app

field() { sed -n 's/.*\b'"$1"'=\([^ ]*\).*/\1/p' <<<"$2" | tail -1; }
ratio() { awk -v a="$(field rps "${RESULT[$1]:-}")" -v b="$(field rps "${RESULT[$2]:-}")" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}'; }
OUT=$BENCH/results/$STAMP-wms$([[ $MODE == quick ]] && echo -quick).md
{
    echo "# WMS reads benchmark, $STAMP UTC ($MODE)"
    echo
    echo "Commit $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet || echo ' (uncommitted changes)'); $(nproc) CPUs; $("$PG_BIN/postgres" --version); $(java -version 2>&1 | head -1)."
    echo "$ORDERS orders in one connection, $((OTHERS * 2000)) in $OTHERS others. wrk -t $THREADS -c $CONNECTIONS, pgbench -c $CONNECTIONS -j $THREADS -M prepared, $DURATION s each."
    echo "Load before: \`$UPTIME_BEFORE\`; after: \`$UPTIME_AFTER\`. Service RSS after the run: $((RSS_KB / 1024)) MB."
    echo
    echo "| # | Scenario | req/s | p50 ms | p99 ms | non-2xx | load | vs pgbench (target >= 0.35) |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    for s in $SCENARIOS; do
        r=${RESULT[$s]:-}
        vs=-
        [[ $s == W* ]] && vs=$(ratio "$s" "P${s#W}")
        echo "| $s | ${NAME[$s]} | $(field rps "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field non2xx "$r") | $(field load "$r") | $vs |"
    done
} >"$OUT"
cat "$OUT"
echo "results: $OUT"
