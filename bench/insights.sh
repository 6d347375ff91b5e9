#!/usr/bin/env bash
# Insights at a million links (issue 16): how long the organization-wide insight takes, as SQL, on a private
# PostgreSQL; and what the rollup's trigger adds to each recorded event. Results in bench/results/insights-<date>.md.
#
#   bench/insights.sh            1,000,000 links (about 3 minutes on 2 cores)
#   BENCH_LINKS=100000 bench/insights.sh
#
# Needs Debian's postgresql package (installed with apt-get when run as root and missing). Measures, never asserts.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
LINKS=${BENCH_LINKS:-1000000}
PG_PORT=${BENCH_PG_PORT:-15433}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
WORK=${BENCH_WORK:-/tmp/switchboard-insights-bench}
STAMP=$(date -u +%Y-%m-%d-%H%M)
OUT=$BENCH/results/insights-$STAMP.md
ORG=org_benchinsights000000000000
ONE_ORG=org_benchonebucket00000000000
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
mkdir -p "$WORK" "$BENCH/results"
die() { echo "insights bench: $*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*"; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r | head -1)
if [[ -z $PG_BIN ]]; then
    [[ $(id -u) == 0 ]] || die "needs Debian's postgresql package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgresql-contrib >"$WORK/apt.log" 2>&1 ||
        die "apt-get install postgresql failed, see $WORK/apt.log"
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r | head -1)
fi
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d switchboard)

PG_DATA=
cleanup() {
    local rc=$?
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
    [[ -n $PG_DATA ]] && rm -rf "$PG_DATA"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then die "port $PG_PORT is taken (BENCH_PG_PORT)"; fi
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
PG_DATA=$(mktemp -d /tmp/switchboard-insights-pg.XXXXXX)
[[ $(id -u) == 0 ]] && chown postgres: "$PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || die "initdb failed"
cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
shared_buffers = 1GB
max_wal_size = 4GB
CONF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null || die "PostgreSQL did not start"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench switchboard

say "Schema: every migration in version order, as Flyway applies them"
for file in $(ls "$ROOT"/src/main/resources/db/migration/V*.sql | sort -V); do
    "${PSQL[@]}" -f "$file" >/dev/null
done

say "Seeding $LINKS links with their events and views"
start=$(date +%s)
"${PSQL[@]}" -v big_org="$ORG" -v big_links="$LINKS" -v one_org="$ONE_ORG" -f "$BENCH/sql/insights-seed.sql" >/dev/null
"${PSQL[@]}" -c "create table bench_ids as select row_number() over (order by id) as n, id from magic_link; alter table bench_ids add primary key (n); analyze bench_ids" >/dev/null
SEED_SECONDS=$(($(date +%s) - start))
counts=$("${PSQL[@]}" -At -c "select (select count(*) from magic_link), (select count(*) from magic_link_activity), (select count(*) from magic_link_view), (select count(*) from magic_link_daily)")

# pgbench with its per-transaction log: p50 and p99 in milliseconds.
percentiles() {
    local name=$1 clients=$2; shift 2
    rm -f "$WORK"/pgbench_log.*
    (cd "$WORK" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U bench -n -M prepared -c "$clients" -j "$clients" \
        -T "$SECONDS_PER_RUN" -D org="$ORG" "$@" --log --log-prefix=pgbench_log switchboard >"$WORK/$name.txt" 2>&1) ||
        { cat "$WORK/$name.txt" >&2; die "pgbench $name failed"; }
    local tps
    tps=$(awk '/^tps/ {printf "%.0f", $3}' "$WORK/$name.txt")
    cat "$WORK"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v name="$name" -v tps="$tps" '
        { v[NR] = $1 } END { printf "| %s | %d | %.2f | %.2f | %.2f | %s |\n", name, NR, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR], tps }'
}

say "Timing ($SECONDS_PER_RUN s each)"
ROWS=()
for days in 90 30 7; do
    ROWS+=("$(percentiles "org, ${days}d (rollup + median)" 1 -D days=$days -f "$BENCH/pgbench/insights-org.sql")")
done
ROWS+=("$(percentiles "org, 90d, 2 clients" 2 -D days=90 -f "$BENCH/pgbench/insights-org.sql")")
ROWS+=("$(percentiles "one-bucket org, 90d (150,000 completions in one bucket)" 1 -D days=90 -D org="$ONE_ORG" -f "$BENCH/pgbench/insights-org.sql")")
ROWS+=("$(percentiles "one customer, 90d (raw rows)" 1 -f "$BENCH/pgbench/insights-customer.sql")")
ROWS+=("$(percentiles "record an event, trigger on" 2 -f "$BENCH/pgbench/insights-event.sql")")
"${PSQL[@]}" -c "alter table magic_link_activity disable trigger magic_link_daily_activity" >/dev/null
ROWS+=("$(percentiles "record an event, trigger off" 2 -f "$BENCH/pgbench/insights-event.sql")")
"${PSQL[@]}" -c "alter table magic_link_activity enable trigger magic_link_daily_activity" >/dev/null

PLAN=$("${PSQL[@]}" -c "explain (analyze, buffers, costs off) select day, integration_name, sum(created), sum(views), sum(unique_viewer_days), sum(opened), sum(selected), sum(completed), sum(failed) from magic_link_daily where organization_id = '$ORG' and environment = 'test' and day >= current_date - 89 group by day, integration_name" 2>&1)
MEDIAN_PLAN=$("${PSQL[@]}" -c "explain (analyze, buffers, costs off) select bucket, sum(completions) from magic_link_daily_duration where organization_id = '$ORG' and environment = 'test' and day >= current_date - 89 group by bucket order by bucket" 2>&1)
# The median's second phase: the bucket holding rank (n + 1) / 2 and the offset into it, then the index scan.
phase2_plan() {
    local org=$1 where
    where="organization_id = '$org' and environment = 'test' and day >= current_date - 89"
    read -r b skip < <("${PSQL[@]}" -At -F ' ' -c "with h as (select bucket, sum(completions) as c from magic_link_daily_duration where $where group by bucket), r as (select bucket, c, (sum(c) over (order by bucket))::bigint - c as below, (sum(c) over ())::bigint as n from h) select bucket, (n + 1) / 2 - below - 1 from r where below < (n + 1) / 2 and below + c >= (n + 1) / 2")
    echo "bucket $b, offset $skip:"
    "${PSQL[@]}" -c "explain (analyze, buffers, costs off) select extract(epoch from completed_at - opened_at) from magic_link where organization_id = '$org' and environment = 'test' and completed_at is not null and opened_at is not null and magic_link_duration_bucket(extract(epoch from completed_at - opened_at)) = $b and completed_at >= current_date - 89 order by extract(epoch from completed_at - opened_at) offset $skip limit 2" 2>&1
}
PHASE2_PLAN=$(phase2_plan "$ORG")
ONE_BUCKET_PLAN=$(phase2_plan "$ONE_ORG")
EXACT_PLAN=$("${PSQL[@]}" -c "explain (analyze, buffers, costs off) select percentile_cont(0.5) within group (order by extract(epoch from completed_at - opened_at)) from magic_link where completed_at >= now() - interval '90 days' and opened_at is not null and organization_id = '$ORG' and environment = 'test'" 2>&1)

{
    echo "# Insights benchmark, $STAMP UTC"
    echo
    echo "- Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), shared_buffers 1GB"
    echo "- Commit: $(cd "$ROOT" && git rev-parse --short HEAD)"
    echo "- Data: links, activity rows, view rows, rollup rows = $counts (seeded in ${SEED_SECONDS} s)"
    echo "- Links: $LINKS in the big organization plus 150,000 (all completed, one duration bucket) in a second one"
    echo "- Load average (1, 5, 15 min) from uptime, before: $LOAD_BEFORE; after: $(uptime | sed 's/.*load average: //')"
    echo
    echo "| Query | Runs | p50 ms | p99 ms | max ms | tps |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Rollup query, 90 days:"
    echo '```'
    echo "$PLAN"
    echo '```'
    echo "Median's histogram, 90 days:"
    echo '```'
    echo "$MEDIAN_PLAN"
    echo '```'
    echo "Median's second phase (the ranks in the one bucket that holds them), 90 days:"
    echo '```'
    echo "$PHASE2_PLAN"
    echo '```'
    echo "The same for the organization whose completions all fall in one bucket (the worst case):"
    echo '```'
    echo "$ONE_BUCKET_PLAN"
    echo '```'
    echo "For comparison, the exact median as one sort of every completion of the range (what the two phases avoid):"
    echo '```'
    echo "$EXACT_PLAN"
    echo '```'
} >"$OUT"
cat "$OUT"
echo "written: $OUT"
