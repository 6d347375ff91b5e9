-- The organization-wide insight as InsightsService runs it (no filter): the rollup, the median's histogram, then the
-- median's rank read from the one bucket that holds it (index magic_link_completion_duration_idx, V23). The service
-- finds the bucket and the offset in Java from the histogram's rows; here the same arithmetic is done in the
-- histogram's query (a window sum over at most a few hundred rows) so that pgbench can pass them on with \gset.
select day, integration_name, sum(created), sum(views), sum(unique_viewer_days), sum(opened), sum(selected),
       sum(completed), sum(failed)
from magic_link_daily
where organization_id = :org and environment = 'test' and day >= (now() at time zone 'UTC')::date - (:days)::int + 1
group by day, integration_name;
with h as (select bucket, sum(completions) as c from magic_link_daily_duration
           where organization_id = :org and environment = 'test'
             and day >= (now() at time zone 'UTC')::date - (:days)::int + 1
           group by bucket),
     r as (select bucket, c, (sum(c) over (order by bucket))::bigint - c as below, (sum(c) over ())::bigint as n from h)
select bucket as b, (n + 1) / 2 - below - 1 as skip from r where below < (n + 1) / 2 and below + c >= (n + 1) / 2
\gset
select extract(epoch from completed_at - opened_at) from magic_link
where organization_id = :org and environment = 'test' and completed_at is not null and opened_at is not null
  and magic_link_duration_bucket(extract(epoch from completed_at - opened_at)) = :b
  and completed_at >= ((now() at time zone 'UTC')::date - (:days)::int + 1)::timestamp at time zone 'UTC'
order by extract(epoch from completed_at - opened_at)
offset :skip limit 2;
