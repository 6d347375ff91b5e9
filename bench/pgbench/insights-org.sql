-- The organization-wide insight as InsightsService runs it (no filter): the rollup, then the median's histogram.
select day, integration_name, sum(created), sum(views), sum(unique_viewer_days), sum(opened), sum(selected),
       sum(completed), sum(failed)
from magic_link_daily
where organization_id = :org and environment = 'test' and day >= (now() at time zone 'UTC')::date - (:days)::int + 1
group by day, integration_name;
select bucket, sum(completions) from magic_link_daily_duration
where organization_id = :org and environment = 'test' and day >= (now() at time zone 'UTC')::date - (:days)::int + 1
group by bucket order by bucket;
