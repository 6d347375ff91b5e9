#!/usr/bin/env bash
# One measurement at a time, for finding out why a figure of bench/run.sh is what it is (bench/README.md, "What
# limits each figure"). Unlike run.sh it keeps its database between calls, so a probe takes a minute, not ten.
#
#   bench/probe.sh start [JVM options]       time from process start to the first 200 on /q/health/ready
#   bench/probe.sh 1|3|4|6 [JVM options]     one scenario of run.sh: BENCH_WARMUP s (30) of warm-up, then
#                                            BENCH_DURATION s (15) measured; prints req/s, p50, p99 and the service's
#                                            CPU per request (from /proc) and RSS
#
# The service runs with deploy/jvm.options and -XX:MaxRAM=512m, as in run.sh; JVM options given here come after them
# and win (-XX:TieredStopAtLevel=4 brings C2 back). PROFILE=1 attaches async-profiler (tools.profiler:async-profiler
# 4.1 from Maven Central) after the warm-up and writes collapsed stacks to bench/.work/probe/profile.txt; read them
# with bench/stacks.py. BENCH_JAVA names another java (JDK 25's, for its AOT cache). The service's own environment
# (QUARKUS_DATASOURCE_JDBC_MAX_SIZE=8, say) passes through.
#
# The first call builds the jar if there is none, starts a PostgreSQL of its own on port 15433 (BENCH_PROBE_PG_PORT)
# in bench/.work/probe/pg, and seeds 200,000 links in one organization plus 100 x 100 (bench/sql/seed.sql). Every call
# starts that server and stops it again; `rm -rf bench/.work/probe` starts afresh. Needs what run.sh needs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
DIR=$BENCH/.work/probe
PG_PORT=${BENCH_PROBE_PG_PORT:-15433}
HTTP_PORT=${BENCH_PROBE_HTTP_PORT:-18081}
BASE=http://127.0.0.1:$HTTP_PORT
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
WHAT=${1:?usage: bench/probe.sh start|1|3|4|6 [JVM options]}
shift
case $WHAT in start | 1 | 3 | 4 | 6) ;; *) echo "usage: bench/probe.sh start|1|3|4|6 [JVM options]" >&2; exit 2 ;; esac

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r | head -1)
[[ -x $PG_BIN/initdb ]] || { echo "probe: needs Debian's postgresql package (bench/run.sh installs it)" >&2; exit 1; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d switchboard)
mkdir -p "$DIR"

APP_PID=
cleanup() { # the service's exit status (143 after the kill) must not end this before the server is stopped
    set +e
    if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
    if [[ -f $DIR/pg/postmaster.pid ]]; then as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1; fi
}
trap cleanup EXIT

[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -q -DskipTests package)
if [[ ! -d $DIR/pg ]]; then
    mkdir "$DIR/pg"
    [[ $(id -u) == 0 ]] && chown postgres: "$DIR" "$DIR/pg"
    as_pg "$PG_BIN/initdb" -D "$DIR/pg" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nmax_connections = 200\nshared_buffers = 1GB\n" \
        "$PG_PORT" "$DIR/pg" >>"$DIR/pg/postgresql.conf"
    FRESH=1
fi
as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w start >/dev/null

export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
export QUARKUS_HTTP_PORT=$HTTP_PORT SWITCHBOARD_PUBLIC_URL=$BASE
export SWITCHBOARD_ENCRYPTION_KEY=${SWITCHBOARD_ENCRYPTION_KEY:-c3dpdGNoYm9hcmQtcHJvYmUta2V5LTAxMjM0NTY3ODk=}

start_app() { # prints ready_ms; leaves APP_PID running
    local t0
    t0=$(date +%s%3N)
    "${BENCH_JAVA:-java}" "@$ROOT/deploy/jvm.options" -XX:MaxRAM=512m "$@" -jar "$JAR" >"$DIR/service.log" 2>&1 &
    APP_PID=$!
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready" || true) == 200 ]]; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$DIR/service.log" >&2; exit 1; }
        sleep 0.02
    done
    echo "ready_ms=$(($(date +%s%3N) - t0))"
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

if [[ -n ${FRESH:-} ]]; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard
    start_app >/dev/null # Flyway creates the schema
    stop_app
    read -r KEY HASH < <(java "$BENCH/KeyGen.java" 1)
    "${PSQL[@]}" -v big_org=org_probebigorganization0001 -v big_links=200000 -v small_orgs=100 -v small_links=100 \
        -v key_hash="$HASH" -v key_prefix="${KEY:0:14}" -f "$BENCH/sql/seed.sql" >"$DIR/seed.log"
    "${PSQL[@]}" -c "vacuum analyze"
    "${PSQL[@]}" -At -c "select id from magic_link where organization_id = 'org_probebigorganization0001'
                         and status <> 'revoked' limit 20000" >"$DIR/ids.txt"
    echo "$KEY" >"$DIR/key"
fi

if [[ $WHAT == start ]]; then
    start_app "$@"
    exit 0
fi

KEY=$(cat "$DIR/key")
case $WHAT in
    1) SCRIPT=static.lua URL="$BASE/magic-links?limit=20" ;;
    3) SCRIPT=get-by-id.lua URL=$BASE ;;
    4) SCRIPT=create.lua URL=$BASE ;;
    6) SCRIPT=static.lua URL="$BASE/q/health/live" ;;
esac
export BENCH_WRK_DIR=$BENCH/wrk BENCH_IDS=$DIR/ids.txt
load() { # $1 seconds
    BENCH_RUN_ID="probe-$WHAT-$RANDOM$RANDOM" wrk -t 2 -c 32 -d "${1}s" --latency --timeout 5s \
        -H "x-trackstar-api-key: $KEY" -s "$BENCH/wrk/$SCRIPT" "$URL"
}
start_app "$@"
load "${BENCH_WARMUP:-30}" >"$DIR/warmup.txt"
PROFILER=
if [[ -n ${PROFILE:-} ]]; then
    PROFILER=$DIR/libasyncProfiler.so
    if [[ ! -f $PROFILER ]]; then
        (cd "$ROOT" && ./mvnw -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1)
        unzip -q -o -j ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar \
            linux-x64/libasyncProfiler.so -d "$DIR"
    fi
    # itimer: this VM offers no perf events. Attached now, so the profile is of the measured seconds only.
    java "$BENCH/Attach.java" "$APP_PID" "$PROFILER" start,event=itimer,interval=1ms
fi
cpu() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; } # clock ticks (1/100 s)
before=$(cpu)
load "${BENCH_DURATION:-15}" >"$DIR/run.txt"
after=$(cpu)
[[ -n $PROFILER ]] && java "$BENCH/Attach.java" "$APP_PID" "$PROFILER" "stop,file=$DIR/profile.txt,collapsed"
line=$(grep '^BENCH ' "$DIR/run.txt")
requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")
echo "$line" | cut -d' ' -f2-6
echo "service_cpu_ms_per_request=$(awk -v t=$((after - before)) -v n="$requests" 'BEGIN {printf "%.3f", t * 10 / n}')" \
    "rss_mb=$(($(ps -o rss= -p "$APP_PID") / 1024))"
[[ -n $PROFILER ]] && echo "profile: $DIR/profile.txt (bench/stacks.py reads it)"
exit 0
