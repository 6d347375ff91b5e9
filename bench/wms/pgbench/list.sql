-- W1/W2's SQL exactly as dev.switchboard.wms.api.WmsReads sends it (RecordSql.COLUMNS and RecordSql.page, shape
-- ORDERED; checked against PostgreSQL's log by bench/wms/run.sh, "statements.txt"): the access token's connection,
-- then the first page of GET /wms/orders?limit=:limit (limit + 1 rows: the extra one says whether there is a next
-- page). The served columns leave the document's trackstar_tags out and take the column's (a jsonb rebuild per row).
-- The page is read in its own read-only transaction with the statement timeout set for it (WmsReads.begin); the service
-- reads it through a cursor, 100 rows a fetch, where this selects it at once (the same rows).
select id, integration_type, integration_name, available_actions, magic_link_id from connection where access_token_hash in (:hash) and organization_id = :org and environment = :env and status = 'active';
begin;
set transaction isolation level repeatable read, read only;
set local statement_timeout = 10000;
select record_id, document - 'trackstar_tags', trackstar_created_date, trackstar_updated_date, coalesce(trackstar_tags, '[]'::jsonb) from wms_record where organization_id = :org and environment = :env and connection_id = :conn and function = 'get_orders' and deleted_at is null order by record_id limit :limit;
rollback;
