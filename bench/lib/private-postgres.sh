# shellcheck shell=bash
# The setup every benchmark shares, sourced by bench/run.sh, bench/wms/run.sh and bench/sync.sh: the tools, the
# packaged jar, a private PostgreSQL for one run, the service started against it, and a cleanup that stops both (also
# on failure or Ctrl-C). One copy, so a fix to how the service or the database is started reaches every benchmark.
#
# The sourcing script sets, before sourcing: ROOT, WORK, PG_PORT, HTTP_PORT, BUILD (always|never|auto); optionally
# RUN_STARTED. It may set, before bench_postgres_start: PG_MAX_WAL (4GB), PG_CHECKPOINT (15min); before start_app:
# PROD_JAVA_OPTS, APP_READY_TIMEOUT (seconds, 120), TARGET (jvm|native) and NATIVE_BIN/NATIVE_OPTS.

BASE=http://127.0.0.1:$HTTP_PORT
RUN_STARTED=${RUN_STARTED:-$(date +%s)}

say() { printf '\n== %s  (%ss)\n' "$*" "$(($(date +%s) - RUN_STARTED))"; }
die() { echo "bench: $*" >&2; exit 1; }

# ---- Tools -------------------------------------------------------------------------------------------------------

pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        [[ -x $dir/initdb && -x $dir/pgbench ]] && { echo "$dir"; return; }
    done
}

# PostgreSQL's server and pgbench, and the tools named ($@, e.g. wrk); installs what is missing when run as root on
# Debian. Sets PG_BIN.
bench_tools() {
    local need_packages=() tool
    [[ -n $(pg_bindir) ]] || need_packages+=(postgresql postgresql-contrib)
    for tool in "$@"; do command -v "$tool" >/dev/null || need_packages+=("$tool"); done
    if ((${#need_packages[@]})); then
        [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null ||
            die "needs ${need_packages[*]} (Debian packages); install them or run as root on Debian"
        say "Installing ${need_packages[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_packages[@]}" >"$WORK/apt.log" 2>&1 ||
            { apt-get update -q >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_packages[@]}" >>"$WORK/apt.log" 2>&1; } ||
            die "apt-get install failed, see $WORK/apt.log"
    fi
    PG_BIN=$(pg_bindir)
    [[ -n $PG_BIN ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
    for tool in java curl "$@" "$PG_BIN/psql" "$PG_BIN/pgbench"; do command -v "$tool" >/dev/null || die "$tool is missing"; done
    PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d switchboard)
}

# PostgreSQL refuses to run as root: as root, its server runs as the postgres user in a folder that user owns.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { "${PSQL[@]}" -At -c "$1"; }

# ---- Cleanup: everything started here is stopped, also on failure or Ctrl-C ------------------------------------------

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
bench_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ $(type -t bench_before_cleanup) == function ]] && bench_before_cleanup
    stop_app
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ -n $PG_DATA && -z ${BENCH_KEEP:-} ]]; then rm -rf "$PG_DATA"; fi
    [[ -n $PG_DATA && -n ${BENCH_KEEP:-} ]] && echo "bench: database folder kept: $PG_DATA (port $PG_PORT, stopped)"
    ((rc == 0)) || echo "bench: failed (exit $rc); logs in $WORK" >&2
    exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# ---- Build ---------------------------------------------------------------------------------------------------------

JAR=$ROOT/target/quarkus-app/quarkus-run.jar
stale() { [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit) ]]; }
# Builds the packaged jar as BUILD says; sets BUILT.
bench_build() {
    if [[ $BUILD == always ]] || { [[ $BUILD == auto ]] && stale; }; then
        say "Building the packaged jar (./mvnw -q -DskipTests package)"
        (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; die "build failed"; }
        BUILT=yes
    else
        [[ -f $JAR ]] || die "no $JAR and BENCH_BUILD=never"
        say "Using the jar built at $(date -r "$JAR" -u +%H:%M:%SZ) (sources unchanged since)"
        BUILT="no (up to date)"
    fi
}

# ---- PostgreSQL ----------------------------------------------------------------------------------------------------

# A private server for one run, in a fresh folder, on PG_PORT, with pg_stat_statements; database switchboard, user bench.
bench_postgres_start() {
    local port
    for port in "$PG_PORT" "$HTTP_PORT"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is taken (set BENCH_PG_PORT / BENCH_HTTP_PORT)"; fi
    done
    say "Starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
    PG_DATA=$(mktemp -d /tmp/switchboard-bench-pg.XXXXXX)
    [[ $(id -u) == 0 ]] && chown postgres: "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
        die "initdb failed, see $WORK/initdb.log"
    cat >>"$PG_DATA/postgresql.conf" <<EOF
# bench/lib/private-postgres.sh: a private server for one run
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 200
shared_buffers = 1GB
max_wal_size = ${PG_MAX_WAL:-4GB}
checkpoint_timeout = ${PG_CHECKPOINT:-15min}
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
EOF
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null ||
        { tail -20 "$PG_DATA/server.log" >&2; die "PostgreSQL did not start"; }
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard
    sql "create extension pg_stat_statements" >/dev/null
}

# ---- The service ---------------------------------------------------------------------------------------------------

export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
export QUARKUS_HTTP_PORT=$HTTP_PORT SWITCHBOARD_PUBLIC_URL=$BASE
# Needed once connections hold sealed secrets; a fresh one per run (nothing sealed here outlives the run).
SWITCHBOARD_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
export SWITCHBOARD_ENCRYPTION_KEY

# Production settings: the options deploy/Dockerfile.jvm gives the JVM, and the memory limit of the pod in
# deploy/k8s/deployment.yaml (512Mi), which a JVM in the pod reads from its cgroup and this one is told.
PROD_JAVA_OPTS=("@$ROOT/deploy/jvm.options" -XX:MaxRAM=512m)
START_MS=
READY_MS=
TARGET=jvm # or native: which build start_app starts
start_app() { # $1: log file. Sets APP_PID and READY_MS (process start to the first 200 on /q/health/ready).
    local log=$1 t0 code
    t0=$(date +%s%3N)
    if [[ $TARGET == native ]]; then
        "$NATIVE_BIN" "${NATIVE_OPTS[@]}" >"$log" 2>&1 &
    else
        # shellcheck disable=SC2086
        java "${PROD_JAVA_OPTS[@]}" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
    fi
    APP_PID=$!
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)
        [[ $code == 200 ]] && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the service exited during start"; }
        (($(date +%s%3N) - t0 < ${APP_READY_TIMEOUT:-120} * 1000)) ||
            { tail -30 "$log" >&2; die "the service was not ready within ${APP_READY_TIMEOUT:-120} s"; }
        sleep 0.02
    done
    READY_MS=$(($(date +%s%3N) - t0))
    STARTED_IN=$(grep -o 'started in [0-9.]*s' "$log" | head -1 || true)
}
