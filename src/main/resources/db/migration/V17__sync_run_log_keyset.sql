-- GET /connections/{id}/sync-runs pages with the one keyset cursor of the management lists, (created_at, id): here
-- (started_at, id), newest first. This index replaces the id-only one.
create index sync_run_page_idx on sync_run (connection_id, started_at desc, id desc);
drop index sync_run_list_idx;
