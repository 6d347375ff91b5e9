-- The benchmark's data, written straight into the schema Flyway made (never through the API, which would take hours).
-- psql variables (set by bench/run.sh):
--   big_org      id of the organization with :big_links magic links (the one the scenarios use)
--   big_links    links of that organization (1,000,000; fewer in quick mode)
--   small_orgs   further organizations (1,000), each with :small_links links (100)
--   key_hash     SHA-256 (hex) of the bench API key; key_prefix its display prefix
-- Every link is a test-environment link of integration type wms, as POST /magic-links makes them by default. They
-- were created over the last 30 days with the default 7-day duration: 1% revoked, 4% completed, 10% opened, the rest
-- created; the older created/opened ones have expired and already have their "expired" event (so the expiry sweeper
-- finds only the few that expire while the benchmark runs, as it would in production). Each link has the activity the
-- service would have written for it.
\set ON_ERROR_STOP on

-- Base62 like dev.switchboard.common.Base62 (not cryptographic: these are benchmark rows).
create function pg_temp.b62(n int) returns text language sql volatile as $$
    select string_agg(substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
                             1 + floor(random() * 62)::int, 1), '')
    from generate_series(1, n)
$$;

begin;
set local work_mem = '256MB';
set local maintenance_work_mem = '1GB';

insert into organization (id, name, created_at)
values (:'big_org', 'Bench: one million links', now() - interval '31 days');
insert into organization (id, name, created_at)
select 'org_' || pg_temp.b62(24), 'Bench organization ' || g, now() - interval '31 days'
from generate_series(1, :small_orgs) g;

-- The key the load generator presents: admin scope (scenario 4 creates), unlimited (rate_limit_per_hour = 0).
insert into api_key (id, organization_id, environment, name, scope, key_hash, key_prefix, rate_limit_per_hour, created_at)
values ('key_' || pg_temp.b62(24), :'big_org', 'test', 'bench', 'admin', decode(:'key_hash', 'hex'), :'key_prefix', 0,
        now() - interval '31 days');

-- One row per link to be, in insertion order: owner, creation time and the status group (n % 100).
create temporary table seed_link on commit drop as
select :'big_org'::text as organization_id,
       g as n,
       -- spread evenly over 30 days, newest first; microsecond jitter as the service's clock would give
       date_trunc('milliseconds', now()) - (g * (interval '30 days' / :big_links)) - random() * interval '1 millisecond'
           as created_at
from generate_series(1, :big_links) g
union all
select o.id, g, date_trunc('milliseconds', now()) - (g * (interval '30 days' / :small_links)) - random() * interval '1 millisecond'
from organization o cross join generate_series(1, :small_links) g
where o.id <> :'big_org';

create temporary table seed_magic_link on commit drop as
select replace(gen_random_uuid()::text, '-', '') as id,
       s.organization_id,
       s.n,
       s.created_at,
       date_trunc('second', s.created_at + interval '7 days') as expires_at,
       case when s.n % 100 = 0 then 'revoked'
            when s.n % 100 < 5 then 'completed'
            when s.n % 100 < 15 then 'opened'
            else 'created' end as status
from seed_link s;

-- Bulk loading: the secondary indexes and the foreign keys of the two tables go, and come back once the rows are in
-- (built in one pass, checked in one join; row by row, 1,000,000 links take minutes). The definitions are read from
-- the catalog, so whatever later migrations add to these tables comes back too.
create temporary table seed_ddl on commit drop as
select 1 as ord, pg_get_indexdef(i.indexrelid) as ddl,
       'drop index ' || i.indexrelid::regclass as undo
from pg_index i
where i.indrelid in ('magic_link'::regclass, 'magic_link_activity'::regclass)
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
union all
select 2, 'alter table ' || c.conrelid::regclass || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid),
       'alter table ' || c.conrelid::regclass || ' drop constraint ' || quote_ident(c.conname)
from pg_constraint c
where c.contype = 'f' and c.conrelid in ('magic_link'::regclass, 'magic_link_activity'::regclass);
select undo from seed_ddl order by ord desc
\gexec

insert into magic_link (id, organization_id, environment, integration_type, integration_allow_list,
                        integration_block_list, integrations_with_endpoints, customer_id, status, created_at, expires_at,
                        opened_at, selected_integration, completed_at, completed_connection_id, revoked_at,
                        expired_event_at)
select l.id, l.organization_id, 'test', 'wms',
       case when l.n % 2 = 0 then '{shipbob,shiphero,deposco}'::text[] else '{}' end,
       '{}', '{}',
       'customer-' || l.n,
       l.status, l.created_at, l.expires_at,
       case when l.status in ('opened', 'completed') then l.created_at + interval '1 hour' end,
       case when l.status = 'completed' then 'shipbob' end,
       case when l.status = 'completed' then l.created_at + interval '2 hours' end,
       case when l.status = 'completed' then 'conn_' || md5(l.id) end,
       case when l.status = 'revoked' then l.created_at + interval '1 hour' end,
       case when l.status in ('created', 'opened') and l.expires_at <= now() then l.expires_at end
from seed_magic_link l;

-- The activity the service records: "created" for every link, then its one transition, if any.
insert into magic_link_activity (magic_link_id, event, occurred_at, details)
select e.id, e.event, e.occurred_at, e.details
from (
    select l.id, 'created' as event, l.created_at as occurred_at,
           jsonb_build_object('integration_type', 'wms', 'customer_id', 'customer-' || l.n,
                              'expires_at', to_char(l.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                              'connection_id', null) as details,
           1 as ord
    from seed_magic_link l
    union all
    select l.id,
           case l.status when 'revoked' then 'revoked' when 'completed' then 'completed'
                when 'opened' then 'opened' end,
           l.created_at + case l.status when 'completed' then interval '2 hours' else interval '1 hour' end,
           case l.status when 'revoked' then jsonb_build_object('reason', null)
                when 'completed' then jsonb_build_object('connection_id', 'conn_' || md5(l.id),
                                                         'integration_name', 'shipbob', 'reinstall', false)
                else '{}'::jsonb end,
           2
    from seed_magic_link l
    where l.status <> 'created'
    union all
    select l.id, 'expired', l.expires_at,
           jsonb_build_object('expires_at', to_char(l.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
           3
    from seed_magic_link l
    where l.status in ('created', 'opened') and l.expires_at <= now()
) e
order by e.occurred_at, e.ord;

select ddl from seed_ddl order by ord
\gexec

commit;
