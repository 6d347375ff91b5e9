-- W3's SQL exactly as WmsReads sends it: GET /wms/orders?status=open&updated_date[gte]=:since&limit=100. A range on
-- an indexed date is read first as the ordered read of the other filters, cut at RecordSql.WALK_ROWS (:walk, 2,000)
-- rows, then the range (RecordSql.Shape.BOUNDED_WALK, which finds the page here; run.sh checks the statements
-- against PostgreSQL's log, "statements.txt"). In its read-only transaction, the walk is counted first (is it a full
-- page?), then read (WmsReads.walkIsFull).
select id, integration_type, integration_name, available_actions, magic_link_id from connection where access_token_hash in (:hash) and organization_id = :org and environment = :env and status = 'active';
begin;
set transaction isolation level repeatable read, read only;
set local statement_timeout = 10000;
select count(*) from (select record_id, document - 'trackstar_tags', trackstar_created_date, trackstar_updated_date, coalesce(trackstar_tags, '[]'::jsonb) from (select * from wms_record where organization_id = :org and environment = :env and connection_id = :conn and function = 'get_orders' and deleted_at is null and (document->>'status') = :status order by record_id limit :walk) walked where true and updated_date >= :since::timestamptz order by record_id limit :limit) walk;
select record_id, document - 'trackstar_tags', trackstar_created_date, trackstar_updated_date, coalesce(trackstar_tags, '[]'::jsonb) from (select * from wms_record where organization_id = :org and environment = :env and connection_id = :conn and function = 'get_orders' and deleted_at is null and (document->>'status') = :status order by record_id limit :walk) walked where true and updated_date >= :since::timestamptz order by record_id limit :limit;
rollback;
