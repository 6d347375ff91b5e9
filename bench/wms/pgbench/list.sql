-- W1/W2's SQL as dev.switchboard.wms.api.WmsReads sends it: the access token's connection, then the first page of
-- GET /wms/orders?limit=:limit (limit + 1 rows: the extra one says whether there is a next page).
select id, integration_type, integration_name, available_actions, magic_link_id from connection where access_token_hash in (:hash) and organization_id = :org and environment = :env and status = 'active';
select record_id, document, trackstar_created_date, trackstar_updated_date from wms_record where organization_id = :org and environment = :env and connection_id = :conn and function = 'get_orders' and deleted_at is null order by record_id limit :limit;
