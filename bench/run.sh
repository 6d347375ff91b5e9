#!/usr/bin/env bash
# Switchboard's benchmark: the packaged service against a private PostgreSQL, next to pgbench running the same SQL.
#
#   bench/run.sh          the full run (~9 minutes): 1,000,000 + 1,000 x 100 links, 30 s per scenario
#   bench/run.sh quick    a ~2-minute subset: 100,000 + 100 x 100 links, 8 s per scenario, build only if stale
#   bench/run.sh sql      no load: the statements the server runs for one request of each scenario (pg_stat_statements),
#                         to write bench/pgbench/ from
#   bench/run.sh native   the full run's data and scenarios against the JVM jar, then against the native executable
#                         (built with deploy/native-toolchain.sh when stale), side by side in bench/results/<date>-native.md;
#                         `native quick` with the quick run's data and durations
#
# What it does, how to read the table and what limits each figure: bench/README.md. Results: bench/results/.
# Settings (environment): BENCH_PG_PORT (15432), BENCH_HTTP_PORT (18080), BENCH_DURATION (seconds per scenario),
# BENCH_JAVA_OPTS (JVM options added to deploy/jvm.options), BENCH_KEEP=1 (keep the database folder afterwards),
# BENCH_BUILD=always|never|auto, BENCH_SCENARIOS (a subset of "1 P1 2 3 4 P4 5 6", for profiling one of them),
# BENCH_NATIVE_OPTS (options of the native executable; default -Xmx410m, the heap it takes in the pod's 512Mi).
set -euo pipefail

MODE=${1:-full}
case "$MODE" in
    full | quick | sql | native) ;;
    *) echo "usage: bench/run.sh [quick|sql|native]" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/.work
# Below the ephemeral range (32768+), where a client socket of anything else on the machine could take them.
PG_PORT=${BENCH_PG_PORT:-15432}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BASE=http://127.0.0.1:$HTTP_PORT
CONNECTIONS=32
THREADS=2
if [[ $MODE == full ]]; then
    BIG_LINKS=1000000 SMALL_ORGS=1000 SMALL_LINKS=100
    DURATION=${BENCH_DURATION:-30} WARMUP=15 BUILD=${BENCH_BUILD:-always}
elif [[ $MODE == native && ${2:-} == quick ]]; then
    BIG_LINKS=100000 SMALL_ORGS=100 SMALL_LINKS=100
    DURATION=${BENCH_DURATION:-8} WARMUP=5 BUILD=${BENCH_BUILD:-auto}
elif [[ $MODE == native ]]; then
    # A native build takes minutes of both CPUs: rebuilt (jar and executable) only when the sources changed.
    BIG_LINKS=1000000 SMALL_ORGS=1000 SMALL_LINKS=100
    DURATION=${BENCH_DURATION:-30} WARMUP=15 BUILD=${BENCH_BUILD:-auto}
elif [[ $MODE == quick ]]; then
    BIG_LINKS=100000 SMALL_ORGS=100 SMALL_LINKS=100
    DURATION=${BENCH_DURATION:-8} WARMUP=5 BUILD=${BENCH_BUILD:-auto}
else
    BIG_LINKS=5000 SMALL_ORGS=10 SMALL_LINKS=100 BUILD=${BENCH_BUILD:-auto}
fi
DEPTH=50000 # scenario 2: how deep into the big organization's links
[[ $MODE == sql ]] && DEPTH=1000
SCENARIOS=${BENCH_SCENARIOS:-1 P1 2 3 4 P4 5 6}
UPTIME_BEFORE=$(uptime)

RUN_STARTED=$(date +%s)
STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$WORK" "$BENCH/results"
rm -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/pgbench_log.* 2>/dev/null || true

# The tools, the jar, the private PostgreSQL and the service's start: bench/lib/private-postgres.sh (shared by
# every benchmark).
# shellcheck source=lib/private-postgres.sh
source "$BENCH/lib/private-postgres.sh"
bench_tools wrk

# ---- Build ---------------------------------------------------------------------------------------------------------

bench_build
NATIVE_BIN=
if [[ $MODE == native ]]; then
    # The toolchain (deploy/native-toolchain.sh) links Temurin's shared libraries: the executable runs on this machine
    # only, and sees no container limits (it is told the pod's heap instead, BENCH_NATIVE_OPTS).
    native_bin() { find "$ROOT/target" -maxdepth 1 -name '*-runner' -type f -perm -u+x -print -quit 2>/dev/null; }
    NATIVE_BIN=$(native_bin)
    if [[ $BUILD == always ]] || [[ -z $NATIVE_BIN ]] ||
        { [[ $BUILD == auto ]] && [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$NATIVE_BIN" -print -quit) ]]; }; then
        [[ $BUILD == never ]] && die "no native executable in target/ and BENCH_BUILD=never"
        say "Building the native executable (deploy/native-toolchain.sh ./mvnw -q -DskipTests package -Dnative; minutes)"
        "$ROOT/deploy/native-toolchain.sh" --check >"$WORK/native-build.log" 2>&1 || { cat "$WORK/native-build.log" >&2; die "cannot build natively here"; }
        # The native build rewrites target/quarkus-app: the JVM jar is rebuilt after it, as a build of its own.
        (cd "$ROOT" && deploy/native-toolchain.sh ./mvnw -q -DskipTests package -Dnative && ./mvnw -q -DskipTests package) \
            >>"$WORK/native-build.log" 2>&1 || { tail -30 "$WORK/native-build.log" >&2; die "native build failed"; }
        NATIVE_BIN=$(native_bin)
        [[ -n $NATIVE_BIN ]] || die "the native build made no target/*-runner"
        BUILT="$BUILT; native executable rebuilt"
    else
        say "Using the native executable built at $(date -r "$NATIVE_BIN" -u +%H:%M:%SZ) (sources unchanged since)"
        BUILT="$BUILT; native executable: up to date"
    fi
    [[ -f $JAR ]] || die "no $JAR"
fi
NATIVE_OPTS=(${BENCH_NATIVE_OPTS:--Xmx410m})

# ---- PostgreSQL and the service --------------------------------------------------------------------------------------

bench_postgres_start

say "First start: Flyway creates the schema"
start_app "$WORK/service-first-start.log"
FIRST_READY_MS=$READY_MS
MIGRATIONS=$(sql "select string_agg(version || ' ' || description, ', ' order by installed_rank) from flyway_schema_history where version is not null")
stop_app
echo "ready after ${FIRST_READY_MS} ms; migrations: $MIGRATIONS"
[[ $(sql "select to_regclass('magic_link') is not null") == t ]] ||
    die "this build has no magic_link table (the magic-link API, issue 3, is not on this branch)"

# ---- Data ----------------------------------------------------------------------------------------------------------

say "Seeding: $BIG_LINKS links in one organization + $SMALL_ORGS organizations x $SMALL_LINKS links"
java "$BENCH/KeyGen.java" 2 >"$WORK/keys.txt"
read -r KEY KEY_HASH < <(sed -n 1p "$WORK/keys.txt")
read -r WRONG_KEY _ < <(sed -n 2p "$WORK/keys.txt")
[[ ${#KEY} == 46 && ${#KEY_HASH} == 64 && ${#WRONG_KEY} == 46 ]] || die "KeyGen.java made no keys"
rm -f "$WORK/keys.txt"
BIG_ORG=org_$(head -c 200 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 24)
SEED_STARTED=$(date +%s)
"${PSQL[@]}" -v big_org="$BIG_ORG" -v big_links="$BIG_LINKS" -v small_orgs="$SMALL_ORGS" -v small_links="$SMALL_LINKS" \
    -v key_hash="$KEY_HASH" -v key_prefix="${KEY:0:14}" -f "$BENCH/sql/seed.sql" >"$WORK/seed.log" 2>&1 ||
    { tail -20 "$WORK/seed.log" >&2; die "seeding failed"; }
sql "vacuum analyze" >/dev/null 2>>"$WORK/seed.log"
sql "checkpoint" >/dev/null
SEED_SECONDS=$(($(date +%s) - SEED_STARTED))
echo "$(sql "select count(*) from magic_link") links, $(sql "select count(*) from magic_link_activity") activity rows, ${SEED_SECONDS} s"
# Scenario 3's ids: a random sample of the big organization's links that are not revoked.
sql "select id from magic_link tablesample system (2) where organization_id = '$BIG_ORG' and status <> 'revoked' limit 20000" >"$WORK/ids.txt"
[[ -s $WORK/ids.txt ]] || die "no ids sampled"

SERVICE_LOG=$WORK/service.log
rss_kb() { ps -o rss= -p "$APP_PID" | tr -d ' '; }
say "Starting the service (measured: process start to the first 200 on /q/health/ready)"
start_app "$SERVICE_LOG"
echo "ready after ${READY_MS} ms"
sleep 2
RSS_IDLE_KB=$(rss_kb)
AUTH=(-H "x-trackstar-api-key: $KEY")
code=$(curl -s -o "$WORK/probe.txt" -w '%{http_code}' "${AUTH[@]}" "$BASE/magic-links?limit=20")
[[ $code == 200 ]] || { cat "$WORK/probe.txt" >&2; die "GET /magic-links with the bench key answered $code"; }

# Scenario 2's token: a real walk, 1,000 links a page, to DEPTH links deep.
say "Walking $DEPTH links deep for scenario 2's page token"
TOKEN=
for ((seen = 0; seen < DEPTH; seen += 1000)); do
    TOKEN=$(curl -s -D - -o /dev/null "${AUTH[@]}" "$BASE/magic-links?limit=1000${TOKEN:+&page_token=$TOKEN}" |
        tr -d '\r' | awk -F': ' 'tolower($1) == "x-next-page-token" {print $2}')
    [[ -n $TOKEN ]] || die "the walk ended after $seen links"
done

if [[ $MODE == sql ]]; then
    one_request() { # scenario $1, once, with curl
        case $1 in
            1) curl -s -o /dev/null "${AUTH[@]}" "$BASE/magic-links?limit=20" ;;
            2) curl -s -o /dev/null "${AUTH[@]}" "$BASE/magic-links?limit=20&page_token=$TOKEN" ;;
            3) curl -s -o /dev/null "${AUTH[@]}" "$BASE/magic-links/$(head -1 "$WORK/ids.txt")" ;;
            4) curl -s -o /dev/null "${AUTH[@]}" -H 'content-type: application/json' "$BASE/magic-links" \
                -d '{"customer_id":"bench-sql-1","integration_allow_list":["shipbob","shiphero","deposco"]}' ;;
            5) curl -s -o /dev/null -H "x-trackstar-api-key: $WRONG_KEY" "$BASE/magic-links?limit=20" ;;
        esac
    }
    sleep 5 # past the key cache's TTL would add the key look-up; the requests below run as under load
    for s in 1 2 3 4 5; do one_request "$s"; done # the first request of each kind loads classes; log the second
    for s in 1 2 3 4 5; do
        sql "select pg_stat_statements_reset()" >/dev/null
        one_request "$s"
        echo "-- scenario $s"
        # What the server ran, whichever layer of the service sent it (pg_stat_statements, parameters as $n).
        sql "select calls || ' x  ' || regexp_replace(query, '\s+', ' ', 'g') from pg_stat_statements
             where dbid = (select oid from pg_database where datname = 'switchboard')
               and query not like '%pg_stat_statements%' order by calls desc, query"
    done
    exit 0
fi

# ---- Load ----------------------------------------------------------------------------------------------------------

export BENCH_WRK_DIR=$BENCH/wrk BENCH_IDS=$WORK/ids.txt
declare -A NAME RESULT STATEMENTS STATUSES
NAME[1]="GET /magic-links?limit=20 (first page)"
NAME[2]="GET /magic-links?limit=20, $DEPTH deep (page token)"
NAME[3]="GET /magic-links/{id} (random ids)"
NAME[4]="POST /magic-links (unique customer_id, 3-name allow list)"
NAME[5]="GET /magic-links with a wrong key"
NAME[6]="GET /q/health/live"
NAME[P1]="pgbench: the SQL of scenario 1"
NAME[P4]="pgbench: the SQL of scenario 4"

scenario_args() { # the wrk arguments of scenario $1
    case $1 in
        1) echo "static.lua" "$BASE/magic-links?limit=20" ;;
        2) echo "static.lua" "$BASE/magic-links?limit=20&page_token=$TOKEN" ;;
        3) echo "get-by-id.lua" "$BASE" ;;
        4) echo "create.lua" "$BASE" ;;
        5) echo "static.lua" "$BASE/magic-links?limit=20" ;;
        6) echo "static.lua" "$BASE/q/health/live" ;;
    esac
}
wrk_run() { # $1 scenario, $2 seconds, $3 output file
    local script url
    read -r script url < <(scenario_args "$1")
    local key=$KEY
    [[ $1 == 5 ]] && key=$WRONG_KEY
    BENCH_RUN_ID="$1-$RANDOM$RANDOM" wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --latency --timeout 5s \
        -H "x-trackstar-api-key: $key" -s "$BENCH/wrk/$script" "$url" >"$3" 2>&1
}
# What the database did for a scenario: statements per request, from pg_stat_statements.
statements() { # $1 requests
    sql "select round(calls::numeric / greatest($1, 1), 2) || ' x ' || round(mean_exec_time::numeric, 3) || ' ms  ' ||
                regexp_replace(left(query, 160), '\s+', ' ', 'g')
         from pg_stat_statements where dbid = (select oid from pg_database where datname = 'switchboard')
           and calls >= greatest($1, 1) / 100 and query not like '%pg_stat_statements%'
         order by calls desc limit 8"
}
field() { sed -n 's/.*\b'"$1"'=\([^ ]*\).*/\1/p' "$2" | tail -1; }

pgbench_run() { # $1 P1|P4
    local script=$BENCH/pgbench/scenario-${1#P}.sql out=$WORK/pgbench-$1.txt
    (cd "$WORK" && rm -f pgbench_log.* && "$PG_BIN/pgbench" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -D org="$BIG_ORG" -D env=test -D limit=21 -l -f "$script" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard) >"$out" 2>&1 ||
        { cat "$out" >&2; die "pgbench $1 failed"; }
    local tps latencies
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
    latencies=$(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '
        {v[NR] = $1} END {printf "p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f", v[int(NR*0.5)]/1000, v[int(NR*0.99)]/1000, v[int(NR*0.999)]/1000}')
    local failed
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
    echo "BENCH rps=$tps $latencies non2xx=${failed:-0} connect=0 read=0 write=0 timeout=0" >>"$out"
    rm -f "$WORK"/pgbench_log.*
}

LOG_LINES() { wc -l <"$SERVICE_LOG"; }
# CPU time (clock ticks) of the service, and of PostgreSQL (the postmaster, its live children, and those it reaped).
cpu_app() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
cpu_pg() {
    local pm c
    pm=$(head -1 "$PG_DATA/postmaster.pid")
    {
        awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
        for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
    } | awk '{s += $1} END {print s}'
}
per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {if (n > 0) printf "%.3f", t * 1000 / hz / n; else printf "-"}'; }

# The warm-up, the scenarios, the RSS after them, and the service stopped: RESULT, STATEMENTS, STATUSES, RSS_KB, HEAP.
run_load() {
    say "Warming up (${WARMUP} s per scenario)"
    for s in $SCENARIOS; do [[ $s == P* ]] || wrk_run "$s" "$WARMUP" "$WORK/warmup-$TARGET-$s.txt"; done
    # Scenario 5 spent this address's invalid-key allowance; let it refill before the measured runs.
    sleep 3

    for s in $SCENARIOS; do
        # pgbench measures PostgreSQL alone: once per run, beside the JVM.
        [[ $TARGET == native && $s == P* ]] && continue
        say "Scenario $s ($TARGET): ${NAME[$s]} (${DURATION} s)"
        sql "select pg_stat_statements_reset()" >/dev/null
        before=$(LOG_LINES)
        app0=$(cpu_app) pg0=$(cpu_pg)
        if [[ $s == P* ]]; then
            pgbench_run "$s"
            out=$WORK/pgbench-$s.txt
        else
            out=$WORK/scenario-$TARGET-$s.txt
            wrk_run "$s" "$DURATION" "$out"
        fi
        grep -q '^BENCH ' "$out" || { cat "$out" >&2; die "no result line from scenario $s"; }
        app1=$(cpu_app) pg1=$(cpu_pg)
        requests=$(field requests "$out")
        [[ $s == P* ]] && requests=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
        app_cpu=$(per_request "$((app1 - app0))" "${requests:-0}")
        [[ $s == P* ]] && app_cpu=-
        RESULT[$s]="$(grep '^BENCH ' "$out" | tail -1) app_cpu_ms=$app_cpu pg_cpu_ms=$(per_request "$((pg1 - pg0))" "${requests:-0}") load=$(cut -d' ' -f1 /proc/loadavg)"
        STATEMENTS[$s]=$(statements "${requests:-0}")
        # Status codes the service answered with, from its access log (health checks are not logged).
        STATUSES[$s]=$(tail -n +"$((before + 1))" "$SERVICE_LOG" | { grep -oE 'HTTP/1.1" [0-9]{3} ' || true; } |
            awk '{c[$2]++} END {for (k in c) printf "%s%s: %d", (n++ ? ", " : ""), k, c[k]}')
        echo "${RESULT[$s]#BENCH }"
        [[ -n ${STATUSES[$s]} ]] && echo "statuses: ${STATUSES[$s]}"
        # Scenario 5 exhausts the invalid-key allowance of 127.0.0.1; the next scenarios need none, but let it refill.
        [[ $s == 5 ]] && sleep 3
    done

    RSS_KB=$(rss_kb)
    HEAP=$([[ $TARGET == native ]] || jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -E 'total|Metaspace' | tr -s ' ' | head -3 | tr '\n' ';' || true)
    # With BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary this says what the RSS is made of.
    [[ $TARGET == native ]] || jcmd "$APP_PID" VM.native_memory summary >"$WORK/native-memory.txt" 2>&1 || true
    UPTIME_AFTER=$(uptime)
    stop_app
}
run_load

if [[ $MODE == native ]]; then
    # The JVM's figures are kept; the same load then runs against the native executable, on the same database.
    declare -A JVM_RESULT JVM_STATUSES
    for k in "${!RESULT[@]}"; do JVM_RESULT[$k]=${RESULT[$k]}; done
    for k in "${!STATUSES[@]}"; do JVM_STATUSES[$k]=${STATUSES[$k]}; done
    JVM_READY_MS=$READY_MS JVM_STARTED_IN=${STARTED_IN:-?} JVM_RSS_IDLE_KB=$RSS_IDLE_KB JVM_RSS_KB=$RSS_KB JVM_HEAP=$HEAP
    RESULT=() STATUSES=()
    TARGET=native SERVICE_LOG=$WORK/service-native.log
    say "Starting the native executable (measured: process start to the first 200 on /q/health/ready)"
    start_app "$SERVICE_LOG"
    echo "ready after ${READY_MS} ms"
    sleep 2
    RSS_IDLE_KB=$(rss_kb)
    code=$(curl -s -o "$WORK/probe.txt" -w '%{http_code}' "${AUTH[@]}" "$BASE/magic-links?limit=20")
    [[ $code == 200 ]] || { cat "$WORK/probe.txt" >&2; die "GET /magic-links on the native executable answered $code"; }
    run_load
fi

# ---- Report --------------------------------------------------------------------------------------------------------

num() { field "$1" <(echo "${RESULT[$2]:-}"); }
ratio() { have "$1" "$2" || { echo "-"; return; }; awk -v a="$(num rps "$1")" -v b="$(num rps "$2")" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}'; }
check() { awk "BEGIN {exit !($1)}" && echo "yes" || echo "**no**"; }
have() { local s; for s; do [[ -n ${RESULT[$s]:-} ]] || return 1; done; }

if [[ $MODE == native ]]; then
    jnum() { field "$1" <(echo "${JVM_RESULT[$2]:-}"); }
    mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
    COMPARISON=$(
        echo "| # | Scenario | req/s JVM | req/s native | native / JVM | p50 ms JVM / native | p99 ms JVM / native | CPU ms/req JVM / native | PostgreSQL CPU ms/req JVM / native | non-2xx JVM / native | load JVM / native |"
        echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for s in 1 2 3 4 5 6; do
            have "$s" && [[ -n ${JVM_RESULT[$s]:-} ]] || continue
            printf '| %s | %s | %.0f | %.0f | %s | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s |\n' "$s" "${NAME[$s]}" \
                "$(jnum rps "$s")" "$(num rps "$s")" \
                "$(awk -v a="$(num rps "$s")" -v b="$(jnum rps "$s")" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}')" \
                "$(jnum p50_ms "$s")" "$(num p50_ms "$s")" "$(jnum p99_ms "$s")" "$(num p99_ms "$s")" \
                "$(jnum app_cpu_ms "$s")" "$(num app_cpu_ms "$s")" "$(jnum pg_cpu_ms "$s")" "$(num pg_cpu_ms "$s")" \
                "$(jnum non2xx "$s")" "$(num non2xx "$s")" "$(jnum load "$s")" "$(num load "$s")"
        done
        for s in P1 P4; do
            [[ -n ${JVM_RESULT[$s]:-} ]] || continue
            printf '| %s | %s | %.0f | | | %s | %s | | %s | %s | %s |\n' "$s" "${NAME[$s]}" "$(jnum rps "$s")" "$(jnum p50_ms "$s")" \
                "$(jnum p99_ms "$s")" "$(jnum pg_cpu_ms "$s")" "$(jnum non2xx "$s")" "$(jnum load "$s")"
        done
    )
    COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -n $(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null) ]] && COMMIT="$COMMIT (with uncommitted changes)"
    RESULT_FILE=$BENCH/results/$STAMP-native$([[ ${2:-} == quick ]] && echo -quick).md
    {
        echo "# Benchmark $STAMP (native${2:+ $2}): the JVM jar and the native executable, same data, same load"
        echo
        echo "- Commit: $COMMIT on $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'); $BUILT"
        echo "- Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -m | awk '/^Mem:/ {printf "%.1f GB", $2 / 1024}') memory, $(uname -sr)"
        echo "- JVM: $(java -version 2>&1 | head -1), options: deploy/jvm.options ($(grep -v '^#' "$ROOT/deploy/jvm.options" | xargs)) -XX:MaxRAM=512m${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}"
        echo "- Native: ${NATIVE_BIN#"$ROOT"/} ($(mb "$(($(stat -c %s "$NATIVE_BIN") / 1024))") MB), built by deploy/native-toolchain.sh (GraalVM CE 25.0.4 builder jars on Temurin 25, serial GC), options: ${NATIVE_OPTS[*]}"
        echo "- PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (shared_buffers 1GB, otherwise defaults); wrk $CONNECTIONS connections, $THREADS threads, ${DURATION} s per scenario after ${WARMUP} s of warm-up each, the JVM first"
        echo "- Data: $BIG_LINKS links in the scenarios' organization, $SMALL_ORGS more organizations x $SMALL_LINKS links; the JVM's scenario 4 adds links before the native run"
        echo "- Load average before: $UPTIME_BEFORE"
        echo "- Load average after:  $UPTIME_AFTER"
        echo
        echo "| | JVM | native |"
        echo "| --- | ---: | ---: |"
        echo "| Start to ready (process start to the first 200 on /q/health/ready) | ${JVM_READY_MS} ms | ${READY_MS} ms |"
        echo "| Quarkus's own start time | ${JVM_STARTED_IN#started in } | ${STARTED_IN#started in } |"
        echo "| RSS idle (2 s after ready) | $(mb "$JVM_RSS_IDLE_KB") MB | $(mb "$RSS_IDLE_KB") MB |"
        echo "| RSS after the run | $(mb "$JVM_RSS_KB") MB | $(mb "$RSS_KB") MB |"
        echo
        echo "$COMPARISON"
        echo
        echo "CPU ms/req: CPU time of the service (and of PostgreSQL) per request during the scenario, from /proc. load: the"
        echo "1-minute load average at the scenario's end; above $(nproc), other work on the machine was competing for the CPUs."
        echo
        echo "Caveat (deploy/native-image/README.md): this executable links Temurin's shared JDK libraries instead of static"
        echo "ones and runs only on the machine that built it; its container support is a stand-in, so it sees no cgroup"
        echo "memory or CPU limits (it is given the pod's heap with ${NATIVE_OPTS[*]}). The shipped image is built by Mandrel"
        echo "(deploy/Dockerfile.native); start-up and memory figures here are indicative of it, not a measurement of it."
        echo
        echo "## Status codes per scenario (access log)"
        echo
        for s in $SCENARIOS; do
            [[ $s == P* ]] && continue
            echo "- $s: JVM ${JVM_STATUSES[$s]:-?}; native ${STATUSES[$s]:-?}"
        done
        echo
        echo "JVM after the run: ${JVM_HEAP:-n/a}"
    } >"$RESULT_FILE"
    say "Done in $(($(date +%s) - RUN_STARTED)) s"
    echo
    echo "$COMPARISON"
    echo
    echo "Start to ready: JVM ${JVM_READY_MS} ms, native ${READY_MS} ms. RSS idle: JVM $(mb "$JVM_RSS_IDLE_KB") MB, native $(mb "$RSS_IDLE_KB") MB; after the run: JVM $(mb "$JVM_RSS_KB") MB, native $(mb "$RSS_KB") MB."
    echo "Written to ${RESULT_FILE#"$ROOT"/}"
    exit 0
fi

R4=$(num rps 4)
: "${R4:=0}"
TARGETS=$(
    echo "| Target | Measured | Met |"
    echo "| --- | --- | --- |"
    have 1 P1 && echo "| 1: >= 40% of pgbench, p99 < 20 ms, no errors | $(ratio 1 P1) of pgbench, p99 $(num p99_ms 1) ms, $(num non2xx 1) non-2xx | $(check "$(ratio 1 P1) >= 0.4 && $(num p99_ms 1) < 20 && $(num non2xx 1) == 0") |"
    have 1 2 && echo "| 2: p50 within 1.5x of scenario 1's | $(num p50_ms 2) ms vs $(num p50_ms 1) ms | $(check "$(num p50_ms 2) <= 1.5 * $(num p50_ms 1)") |"
    have 3 && echo "| 3: p99 < 10 ms | $(num p99_ms 3) ms | $(check "$(num p99_ms 3) < 10") |"
    have 4 && echo "| 4: >= 1,000 creates/s, no errors | $R4/s, $(num non2xx 4) non-2xx | $(check "$R4 >= 1000 && $(num non2xx 4) == 0") |"
    have 3 5 && echo "| 5: at least as fast as 3 | $(num rps 5) vs $(num rps 3) req/s | $(check "$(num rps 5) >= $(num rps 3)") |"
    echo "| Start to ready < 1.5 s (JVM) | ${READY_MS} ms | $(check "$READY_MS < 1500") |"
    echo "| RSS < 300 MB after the run | $((RSS_KB / 1024)) MB | $(check "$RSS_KB < 300 * 1024") |"
)
TABLE=$(
    echo "| # | Scenario | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors | vs pgbench | CPU ms/req: service | PostgreSQL | load |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for s in 1 2 3 4 5 6 P1 P4; do
        have "$s" || continue
        base=P1
        [[ $s == 4 ]] && base=P4
        vs=$(ratio "$s" "$base")
        [[ $s == P* ]] && vs=1.00
        errors=$(( $(num connect "$s") + $(num read "$s") + $(num write "$s") + $(num timeout "$s") ))
        printf '| %s | %s | %.0f | %s | %s | %s | %s | %s | %s%s | %s | %s | %s |\n' "$s" "${NAME[$s]}" "$(num rps "$s")" "$(num p50_ms "$s")" \
            "$(num p99_ms "$s")" "$(num p999_ms "$s")" "$(num non2xx "$s")" "$errors" "$vs" "$([[ $s != P* ]] && echo " ($base)")" \
            "$(num app_cpu_ms "$s")" "$(num pg_cpu_ms "$s")" "$(num load "$s")"
    done
)

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null) ]] && COMMIT="$COMMIT (with uncommitted changes)"
SUFFIX=
if [[ $MODE == quick ]]; then SUFFIX=-quick; fi
RESULT_FILE=$BENCH/results/$STAMP$SUFFIX.md
{
    echo "# Benchmark $STAMP ($MODE)"
    echo
    echo "- Commit: $COMMIT on $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'); jar rebuilt: $BUILT"
    echo "- Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -m | awk '/^Mem:/ {printf "%.1f GB", $2 / 1024}') memory, $(uname -sr)"
    echo "- Java: $(java -version 2>&1 | head -1), options: deploy/jvm.options ($(grep -v '^#' "$ROOT/deploy/jvm.options" | xargs)) -XX:MaxRAM=512m${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (shared_buffers 1GB, otherwise defaults: fsync and synchronous_commit on)"
    echo "- Load: wrk $CONNECTIONS connections, $THREADS threads, ${DURATION} s per scenario after ${WARMUP} s of warm-up each; pgbench $CONNECTIONS clients, $THREADS threads, -M prepared, ${DURATION} s"
    echo "- Data: $BIG_LINKS links in the scenarios' organization, $SMALL_ORGS more organizations x $SMALL_LINKS links (seeded in ${SEED_SECONDS} s); migrations $MIGRATIONS"
    echo "- Load average before: $UPTIME_BEFORE"
    echo "- Load average after:  $UPTIME_AFTER"
    echo "  (wrk, PostgreSQL and the service share these $(nproc) CPUs; other work on the machine lowers every figure)"
    echo
    echo "$TABLE"
    echo
    echo "vs pgbench: requests/s over pgbench's transactions/s for the named script. CPU ms/req: CPU time the service"
    echo "and PostgreSQL spent per request (or transaction) during the scenario, from /proc; $(nproc) CPUs give $(nproc)000 ms a second."
    echo "load: the 1-minute load average at the scenario's end (above $(nproc), something else was competing for the CPUs)."
    echo "Start to ready: ${READY_MS} ms (Quarkus: ${STARTED_IN:-?}; the first start, running the migrations: ${FIRST_READY_MS} ms)."
    echo "RSS after the run: $((RSS_KB / 1024)) MB."
    echo
    echo "$TARGETS"
    echo
    echo "## Per scenario: status codes and what the database ran"
    echo
    echo "Statements: calls per request x mean execution time, then the statement (pg_stat_statements)."
    for s in $SCENARIOS; do
        echo
        echo "### $s. ${NAME[$s]}"
        echo
        echo '```'
        [[ -n ${STATUSES[$s]} ]] && echo "statuses: ${STATUSES[$s]}"
        echo "${STATEMENTS[$s]:-(no statements)}"
        echo '```'
    done
    echo
    echo "JVM after the run: ${HEAP:-n/a}"
} >"$RESULT_FILE"

say "Done in $(($(date +%s) - RUN_STARTED)) s"
echo
echo "$TABLE"
echo
echo "Start to ready: ${READY_MS} ms. RSS after the run: $((RSS_KB / 1024)) MB. Load average now: ${UPTIME_AFTER##*load average: }"
echo
echo "$TARGETS"
echo
echo "Written to ${RESULT_FILE#"$ROOT"/}"
