-- Issue 16: insights of magic links (views, daily rollups).

-- ---- Insights ---------------------------------------------------------------------------------------------------

-- One random salt per UTC day for the viewer hash of that day. Stored (not in memory) so every instance hashes a
-- viewer alike; deleted once expired (the day is over), after which a day's hashes cannot be linked to anything.
create table magic_link_view_salt (
    day         date        primary key,
    salt        bytea       not null check (length(salt) = 32),
    expires_at  timestamptz not null
);
create index magic_link_view_salt_expiry_idx on magic_link_view_salt (expires_at);

-- Page views by people (the hosted page's beacon), per link, day and daily-salted viewer hash. No address, no user
-- agent: only sha-256(salt of the day, address, user agent), cut to 16 bytes. views counts that viewer's page loads.
create table magic_link_view (
    magic_link_id   text    not null references magic_link (id),
    day             date    not null,
    viewer_hash     bytea   not null check (length(viewer_hash) = 16),
    views           integer not null default 1 check (views > 0),
    primary key (magic_link_id, day, viewer_hash)
);

-- The organization-wide insight reads this rollup instead of a million links: per tenant, UTC day, integration type
-- and integration (empty when the event names none: created, opened, views), spread over 8 shards (by link id) so
-- that concurrent events of one organization do not queue on one row. Kept by the triggers below, in the same
-- transaction as the event they count.
create table magic_link_daily (
    organization_id     text     not null,
    environment         text     not null,
    day                 date     not null,
    integration_type    text     not null,
    integration_name    text     not null default '',
    shard               smallint not null,
    created             integer  not null default 0,
    views               integer  not null default 0,
    unique_viewer_days  integer  not null default 0,
    opened              integer  not null default 0,
    selected            integer  not null default 0,
    completed           integer  not null default 0,
    failed              integer  not null default 0,
    primary key (organization_id, environment, day, integration_type, integration_name, shard)
);

create function magic_link_daily_add(link_id text, at_day date, name text, d_created int, d_views int, d_unique int,
                                     d_opened int, d_selected int, d_completed int, d_failed int)
returns void language plpgsql as $$
declare
    link record;
begin
    select organization_id, environment, integration_type into link from magic_link where id = link_id;
    if not found then
        return;
    end if;
    insert into magic_link_daily as d (organization_id, environment, day, integration_type, integration_name, shard,
                                       created, views, unique_viewer_days, opened, selected, completed, failed)
    values (link.organization_id, link.environment, at_day, link.integration_type, coalesce(name, ''),
            (abs(hashtext(link_id)) % 8)::smallint,
            d_created, d_views, d_unique, d_opened, d_selected, d_completed, d_failed)
    on conflict (organization_id, environment, day, integration_type, integration_name, shard) do update set
        created = d.created + excluded.created,
        views = d.views + excluded.views,
        unique_viewer_days = d.unique_viewer_days + excluded.unique_viewer_days,
        opened = d.opened + excluded.opened,
        selected = d.selected + excluded.selected,
        completed = d.completed + excluded.completed,
        failed = d.failed + excluded.failed;
end $$;

-- Completions by time from open to completion, in buckets 10% wide (bucket b holds [1.1^b - 1, 1.1^(b+1) - 1)
-- seconds): the organization-wide median without reading every completed link. Same key as magic_link_daily.
create table magic_link_daily_duration (
    organization_id     text     not null,
    environment         text     not null,
    day                 date     not null,
    integration_type    text     not null,
    bucket              smallint not null,
    shard               smallint not null,
    completions         integer  not null default 0,
    primary key (organization_id, environment, day, integration_type, bucket, shard)
);

create function magic_link_duration_bucket(seconds double precision) returns smallint language sql immutable as $$
    select least(32000, floor(ln(greatest(seconds, 0) + 1) / ln(1.1)))::smallint
$$;

create function magic_link_daily_on_activity() returns trigger language plpgsql as $$
declare
    link record;
begin
    if new.event = 'completed' then
        select organization_id, environment, integration_type, opened_at into link from magic_link where id = new.magic_link_id;
        if found and link.opened_at is not null then
            insert into magic_link_daily_duration as d (organization_id, environment, day, integration_type, bucket, shard,
                                                        completions)
            values (link.organization_id, link.environment, (new.occurred_at at time zone 'UTC')::date,
                    link.integration_type,
                    magic_link_duration_bucket(extract(epoch from new.occurred_at - link.opened_at)),
                    (abs(hashtext(new.magic_link_id)) % 8)::smallint, 1)
            on conflict (organization_id, environment, day, integration_type, bucket, shard) do update set
                completions = d.completions + 1;
        end if;
    end if;
    if new.event in ('created', 'opened', 'integration_selected', 'completed', 'failed') then
        perform magic_link_daily_add(new.magic_link_id, (new.occurred_at at time zone 'UTC')::date,
            case when new.event in ('integration_selected', 'completed', 'failed')
                 then new.details ->> 'integration_name' end,
            (new.event = 'created')::int, 0, 0, (new.event = 'opened')::int,
            (new.event = 'integration_selected')::int, (new.event = 'completed')::int, (new.event = 'failed')::int);
    end if;
    return null;
end $$;

create trigger magic_link_daily_activity after insert on magic_link_activity
    for each row execute function magic_link_daily_on_activity();

create function magic_link_daily_on_view() returns trigger language plpgsql as $$
begin
    perform magic_link_daily_add(new.magic_link_id, new.day, null, 0,
        case when tg_op = 'INSERT' then new.views else new.views - old.views end,
        (tg_op = 'INSERT')::int, 0, 0, 0, 0);
    return null;
end $$;

create trigger magic_link_daily_view after insert or update on magic_link_view
    for each row execute function magic_link_daily_on_view();


-- Links made before this migration: their past events into the rollup, once.
insert into magic_link_daily as d (organization_id, environment, day, integration_type, integration_name, shard,
                                   created, opened, selected, completed, failed)
select l.organization_id, l.environment, (a.occurred_at at time zone 'UTC')::date, l.integration_type,
       case when a.event in ('integration_selected', 'completed', 'failed')
            then coalesce(a.details ->> 'integration_name', '') else '' end,
       (abs(hashtext(l.id)) % 8)::smallint,
       count(*) filter (where a.event = 'created'), count(*) filter (where a.event = 'opened'),
       count(*) filter (where a.event = 'integration_selected'), count(*) filter (where a.event = 'completed'),
       count(*) filter (where a.event = 'failed')
from magic_link_activity a join magic_link l on l.id = a.magic_link_id
where a.event in ('created', 'opened', 'integration_selected', 'completed', 'failed')
group by 1, 2, 3, 4, 5, 6;

insert into magic_link_daily_duration as d (organization_id, environment, day, integration_type, bucket, shard, completions)
select organization_id, environment, (completed_at at time zone 'UTC')::date, integration_type,
       magic_link_duration_bucket(extract(epoch from completed_at - opened_at)), (abs(hashtext(id)) % 8)::smallint, count(*)
from magic_link
where completed_at is not null and opened_at is not null
group by 1, 2, 3, 4, 5, 6;
