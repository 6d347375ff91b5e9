-- One "opened" event of a random link of the big organization, as the service records it (autocommit). With the
-- trigger on, the same transaction adds it to the rollup.
\set n random(1, 1000000)
insert into magic_link_activity (magic_link_id, event, occurred_at, details)
select id, 'opened', now(), '{}' from bench_ids where n = :n;
