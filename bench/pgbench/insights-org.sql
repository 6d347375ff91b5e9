-- The organization-wide insight as InsightsService runs it (range 90d, no filter): the rollup, then the median.
select day, integration_name, sum(created), sum(views), sum(unique_viewer_days), sum(opened), sum(selected),
       sum(completed), sum(failed)
from magic_link_daily
where organization_id = :org and environment = 'test' and day >= (now() at time zone 'UTC')::date - (:days)::int + 1
group by day, integration_name;
select percentile_cont(0.5) within group (order by extract(epoch from completed_at - opened_at))
from magic_link
where completed_at >= ((now() at time zone 'UTC')::date - (:days)::int + 1)::timestamp at time zone 'UTC'
  and opened_at is not null and completed_at is not null and organization_id = :org and environment = 'test';
