-- Issue 16: the organization-wide median open -> completion time, exact and still fast.
--
-- magic_link_daily_duration (V13) says which 10%-wide bucket holds the median's rank and how many completions of
-- the range lie in the buckets below it; this index then lists only that bucket's completed links of the tenant in
-- order of their time from open to completion, so the median is read at an offset within one bucket instead of
-- sorting every completion of the range. Its key is the same bucket function the rollup's trigger applies to the same
-- two timestamps (the completed event's occurred_at is the link's completed_at), so a bucket here holds exactly the
-- completions the rollup counted in it. opened_at, completed_at and integration_type are included for an index-only
-- scan: the range (completed_at) and the integration type filter are checked in the index. Partial: only completed
-- links that were opened (about one in seven) have a duration.
create index magic_link_completion_duration_idx
    on magic_link (organization_id, environment,
                   magic_link_duration_bucket(extract(epoch from completed_at - opened_at)),
                   (extract(epoch from completed_at - opened_at)))
    include (completed_at, opened_at, integration_type)
    where completed_at is not null and opened_at is not null;
