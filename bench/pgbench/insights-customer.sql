-- One customer's insight (range 90d): that customer's links, their events and views, and the median.
\set c random(0, 49999)
with links as (select id from magic_link where organization_id = :org and environment = 'test' and customer_id = 'customer-' || :c)
select (a.occurred_at at time zone 'UTC')::date, case when a.event in ('integration_selected', 'completed', 'failed')
       then coalesce(a.details ->> 'integration_name', '') else '' end,
       count(*) filter (where a.event = 'created'), count(*) filter (where a.event = 'opened'),
       count(*) filter (where a.event = 'integration_selected'), count(*) filter (where a.event = 'completed'),
       count(*) filter (where a.event = 'failed')
from magic_link_activity a
where a.magic_link_id in (select id from links) and a.occurred_at >= now() - interval '90 days'
  and a.event in ('created', 'opened', 'integration_selected', 'completed', 'failed')
group by 1, 2
union all
select v.day, '', 0, sum(v.views), count(*), 0, 0 from magic_link_view v
where v.magic_link_id in (select id from links) and v.day >= (now() at time zone 'UTC')::date - 89 group by v.day;
