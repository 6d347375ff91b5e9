-- Data for bench/insights.sh, written straight into the schema the migrations made (never through the API).
-- psql variables: big_org (id), big_links (1,000,000), one_org (id).
-- One organization with :big_links test-environment wms links created evenly over the last 90 days, with the events
-- the service records: 40% opened, 30% an integration selected (five integrations, unevenly), 15% completed, 5% a
-- failure; 1.6 beacon views per opened link on average (one viewer-day each, some viewers twice). Triggers are off
-- while rows go in (bulk load); the rollup is then computed from the same rows, exactly what the triggers would have
-- accumulated one event at a time. bench/insights.sh times the trigger path separately.
\set ON_ERROR_STOP on
begin;
set local work_mem = '256MB';
set local session_replication_role = replica;  -- no triggers, no foreign-key checks during the bulk load

insert into organization (id, name, created_at) values (:'big_org', 'Bench: insights', now() - interval '91 days');

create temporary table seed on commit drop as
select replace(gen_random_uuid()::text, '-', '') as id, g as n,
       date_trunc('milliseconds', now()) - (g * (interval '90 days' / :big_links)) as created_at,
       (array['shipbob', 'shiphero', 'deposco', 'extensiv-3pl-central', 'sandbox'])[1 + (g * 7 % 100) / 40 % 5] as integration
from generate_series(1, :big_links) g;

insert into magic_link (id, organization_id, environment, integration_type, customer_id, status, created_at, expires_at,
                        opened_at, selected_integration, completed_at, completed_connection_id)
select s.id, :'big_org', 'test', 'wms', 'customer-' || (s.n % 50000),
       case when s.n % 100 < 15 then 'completed' when s.n % 100 < 40 then 'opened' else 'created' end,
       s.created_at, date_trunc('second', s.created_at + interval '7 days'),
       case when s.n % 100 < 40 then s.created_at + interval '10 minutes' end,
       case when s.n % 100 < 30 then s.integration end,
       case when s.n % 100 < 15 then s.created_at + interval '10 minutes' + (s.n % 7200) * interval '1 second' end,
       case when s.n % 100 < 15 then 'conn_' || md5(s.id) end
from seed s;

-- The exact median's worst case: a second organization whose 150,000 completions (over 89 days) all took between
-- 3,650 and 3,949 seconds, so all fall in one 10%-wide bucket (86) and the median is read 75,000 rows into it.
-- Only links (and, below, the duration rollup): the benchmark times its median, not its (empty) daily rollup.
insert into organization (id, name, created_at) values (:'one_org', 'Bench: one bucket', now() - interval '91 days');
insert into magic_link (id, organization_id, environment, integration_type, customer_id, status, created_at, expires_at,
                        opened_at, selected_integration, completed_at, completed_connection_id)
select l.id, :'one_org', 'test', 'wms', 'customer-' || (l.g % 1000), 'completed', l.created_at,
       date_trunc('second', l.created_at + interval '7 days'), l.created_at + interval '10 minutes', 'sandbox',
       l.created_at + interval '10 minutes' + (3650 + l.g % 300) * interval '1 second', 'conn_' || md5(l.id)
from (select replace(gen_random_uuid()::text, '-', '') as id, g,
             date_trunc('milliseconds', now()) - interval '2 hours' - (g * (interval '89 days' / 150000)) as created_at
      from generate_series(1, 150000) g) l;

insert into magic_link_activity (magic_link_id, event, occurred_at, details)
select s.id, 'created', s.created_at, jsonb_build_object('integration_type', 'wms') from seed s
union all
select s.id, 'opened', s.created_at + interval '10 minutes', '{}' from seed s where s.n % 100 < 40
union all
select s.id, 'integration_selected', s.created_at + interval '11 minutes', jsonb_build_object('integration_name', s.integration)
from seed s where s.n % 100 < 30
union all
select s.id, 'failed', s.created_at + interval '12 minutes', jsonb_build_object('integration_name', s.integration, 'reason', 'credentials_rejected')
from seed s where s.n % 100 between 10 and 14
union all
select s.id, 'completed', s.created_at + interval '10 minutes' + (s.n % 7200) * interval '1 second',
       jsonb_build_object('integration_name', s.integration) from seed s where s.n % 100 < 15;

insert into magic_link_view (magic_link_id, day, viewer_hash, views)
select s.id, ((s.created_at + interval '10 minutes') at time zone 'UTC')::date, substr(decode(md5(s.id || v), 'hex'), 1, 16),
       1 + (s.n % 3 = 0)::int
from seed s cross join generate_series(1, 2) v
where s.n % 100 < 40 and (v = 1 or s.n % 5 = 0);

-- The rollup, from the same rows (what the triggers add up event by event).
insert into magic_link_daily (organization_id, environment, day, integration_type, integration_name, shard,
                              created, opened, selected, completed, failed)
select l.organization_id, l.environment, (a.occurred_at at time zone 'UTC')::date, l.integration_type,
       case when a.event in ('integration_selected', 'completed', 'failed') then coalesce(a.details ->> 'integration_name', '') else '' end,
       (abs(hashtext(l.id)) % 8)::smallint,
       count(*) filter (where a.event = 'created'), count(*) filter (where a.event = 'opened'),
       count(*) filter (where a.event = 'integration_selected'), count(*) filter (where a.event = 'completed'),
       count(*) filter (where a.event = 'failed')
from magic_link_activity a join magic_link l on l.id = a.magic_link_id
where l.organization_id = :'big_org'
group by 1, 2, 3, 4, 5, 6;

insert into magic_link_daily as d (organization_id, environment, day, integration_type, integration_name, shard,
                                   views, unique_viewer_days)
select l.organization_id, l.environment, v.day, l.integration_type, '', (abs(hashtext(l.id)) % 8)::smallint,
       sum(v.views), count(*)
from magic_link_view v join magic_link l on l.id = v.magic_link_id
group by 1, 2, 3, 4, 5, 6
on conflict (organization_id, environment, day, integration_type, integration_name, shard) do update set
    views = d.views + excluded.views, unique_viewer_days = d.unique_viewer_days + excluded.unique_viewer_days;
insert into magic_link_daily_duration (organization_id, environment, day, integration_type, bucket, shard, completions)
select organization_id, environment, (completed_at at time zone 'UTC')::date, integration_type,
       magic_link_duration_bucket(extract(epoch from completed_at - opened_at)), (abs(hashtext(id)) % 8)::smallint, count(*)
from magic_link where completed_at is not null and opened_at is not null
group by 1, 2, 3, 4, 5, 6;
commit;
vacuum analyze;
