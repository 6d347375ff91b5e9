-- bench/sync.sh S2: the state the sandbox's initial get_orders sync would leave for :orders orders, written with SQL
-- (syncing a million orders through the service takes over an hour on this machine; bench/README.md "Sync").
-- psql variables: org, conn (a generated sandbox connection, test environment), orders, days (its history),
-- template (src/test/resources/wms-fixtures/get_orders.json, a complete OrderSchema record).
-- What is exact: the sandbox's record ids (ord_<n>, World.orderId), one row per order it holds, the initial run
-- that saw them (sync_run, last_seen_run), and the schedule as a complete initial run leaves it
-- (historical_sync_completed, high_water_mark = the end of the run, last_crawl_*), so the next run of get_orders is
-- incremental from the high-water mark minus the overlap. What is not: each document is the fixture with the
-- order's id, number, status and dates, not the sandbox's own document (the sandbox computes those in Java); the
-- first incremental run after this seed therefore rewrites the orders its window sees, and bench/sync.sh measures
-- the second.
\set ON_ERROR_STOP on

create temporary table seeded_run as
with run as (
    insert into sync_run (connection_id, organization_id, environment, function, lane, kind, status, window_since,
                          pages, records_created, oldest_data_date, newest_data_date, started_at, ended_at)
    select :'conn', :'org', 'test', 'get_orders', 'schedule', 'initial', 'succeeded', initial_window_start,
           (:orders + 499) / 500, :orders, now() - (:days || ' days')::interval, now(), now(), now()
      from sync_schedule where connection_id = :'conn' and function = 'get_orders'
    returning id)
select id from run;

insert into wms_record (connection_id, function, record_id, organization_id, environment, document, doc_hash,
                        created_date, updated_date, trackstar_created_date, trackstar_updated_date, last_seen_run)
select :'conn', 'get_orders', id, :'org', 'test',
       (:'template'::jsonb) || jsonb_build_object(
           'id', id,
           'order_number', '#' || (100000 + n),
           'status', case when updated < now() - interval '10 days' then 'fulfilled' else 'open' end,
           'created_date', to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'updated_date', to_char(updated at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
       sha256(id::bytea), created, updated, now(), now(), (select id from seeded_run)
from (select n, 'ord_' || n as id, c as created, least(now(), c + ((n::bigint * 7919) % 259200) * interval '1 second') as updated
        from (select n, date_trunc('second', now() - (:orders - n) * (:days || ' days')::interval / :orders) as c
                from generate_series(1, :orders) n) t) g;

update sync_schedule
   set historical_sync_completed = true, high_water_mark = now(), last_crawl_start = now(), last_crawl_end = now(),
       oldest_data_date = now() - (:days || ' days')::interval, newest_data_date = now(), updated_at = now()
 where connection_id = :'conn' and function = 'get_orders';
-- Every other function paused, so that the runs measured are get_orders' alone (their initial syncs at this size
-- would take the CPUs for an hour).
update sync_schedule set enabled = false, updated_at = now()
 where connection_id = :'conn' and function <> 'get_orders';
-- The next scheduled get_orders run an hour on, as after a complete run; the forced runs are what is measured.
update scheduled_tasks set execution_time = now() + interval '1 hour', picked = false
 where task_instance = :'conn' || '|get_orders';

vacuum analyze wms_record;
