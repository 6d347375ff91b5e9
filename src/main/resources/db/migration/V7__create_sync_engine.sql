-- The sync engine (dev.switchboard.sync): db-scheduler's task table, and per (connection, function) schedules, runs
-- and on-demand back-fills. Every table of ours is keyed by connection first (its organization and environment are
-- columns too, for tenant scoping), so native partitioning or Citus can distribute them by connection_id, as
-- wms_record is.

-- db-scheduler 16.x (com.github.kagkarlsson:db-scheduler), its PostgreSQL schema as the project publishes it. One row
-- per scheduled task instance; an executing row is "picked" by one instance, which heartbeats it. Our instances are
-- "sync:<connection_id>:<function>" (at most one per pair across all instances), "on-demand-sync:<job id>" and
-- "purge-connection:<connection_id>".
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- How far back a new connection's initial sync reaches (PATCH /organization initial_sync_days).
alter table organization
    add column initial_sync_days integer not null default 30 check (initial_sync_days between 1 and 1095);

-- One row per (connection, function) the connection syncs: what GET /connections shows as sync_schedules[].
create table sync_schedule (
    connection_id             text        not null,
    function                  text        not null,
    organization_id           text        not null,
    environment               text        not null check (environment in ('test', 'live')),
    -- false: paused by PATCH /schedules/.../toggle; nothing runs until it is resumed.
    enabled                   boolean     not null default true,
    frequency_seconds         integer     not null check (frequency_seconds > 0),
    -- Incremental functions: the newest updated_date a complete run saw; the next run starts there minus an overlap.
    high_water_mark           timestamptz,
    -- Where the initial sync starts (now - initial_sync_days when the connection was created or reinstalled).
    initial_window_start      timestamptz not null,
    historical_sync_completed boolean     not null default false,
    last_crawl_start          timestamptz,
    last_crawl_end            timestamptz,
    -- The oldest and newest updated_date the initial sync saw (connection.historical-sync-completed).
    oldest_data_date          timestamptz,
    newest_data_date          timestamptz,
    -- Set when the system refused the credentials (every function) or a permission (one): nothing runs until a
    -- reinstall clears it.
    blocked_reason            text,
    last_error                text,
    consecutive_failures      integer     not null default 0,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    primary key (connection_id, function)
);
create index sync_schedule_tenant_idx on sync_schedule (organization_id, environment, connection_id);

-- The run log. A run in status 'running' is resumable: page_cursor is where its next page starts, committed with the
-- records of the page before. lane is 'schedule' for scheduled, forced and initial runs, and the on-demand job's id
-- for a back-fill, which runs beside the schedule: at most one running run per (connection, function, lane).
create table sync_run (
    connection_id     text        not null,
    id                bigint      generated always as identity,
    organization_id   text        not null,
    environment       text        not null check (environment in ('test', 'live')),
    function          text        not null,
    lane              text        not null,
    kind              text        not null check (kind in ('initial', 'scheduled', 'forced', 'on_demand')),
    status            text        not null check (status in ('running', 'succeeded', 'failed', 'cancelled')),
    window_since      timestamptz,
    window_until      timestamptz,
    page_cursor       text,
    -- Fencing token of the execution that holds the run: a page is committed only by the current holder, so an
    -- instance that lost its lease (and was taken over) cannot write a page twice.
    owner             text,
    attempts          integer     not null default 1,
    pages             integer     not null default 0,
    records_created   integer     not null default 0,
    records_updated   integer     not null default 0,
    records_unchanged integer     not null default 0,
    records_deleted   integer     not null default 0,
    oldest_data_date  timestamptz,
    newest_data_date  timestamptz,
    error             text,
    started_at        timestamptz not null default now(),
    ended_at          timestamptz,
    primary key (connection_id, id)
);
create unique index sync_run_one_running_idx on sync_run (connection_id, function, lane) where status = 'running';
-- GET /connections/{id}/sync-runs: newest first, keyset on id.
create index sync_run_list_idx on sync_run (connection_id, id desc);

-- POST /connections/on-demand-syncs: a back-fill of one function over [start_time, end_time).
create table on_demand_sync (
    connection_id   text        not null,
    id              text        not null,
    organization_id text        not null,
    environment     text        not null check (environment in ('test', 'live')),
    function        text        not null,
    start_time      timestamptz not null,
    end_time        timestamptz not null check (end_time > start_time),
    status          text        not null default 'open' check (status in ('open', 'completed', 'cancelled', 'failed')),
    error           text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- The id is random (sod_ + 24 base62): found by (connection, id), since the access token names the connection.
    primary key (connection_id, id)
);

