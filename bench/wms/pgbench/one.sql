-- W4's SQL exactly as WmsReads sends it (RecordSql.one): GET /wms/orders/{order_id} for a random order of the
-- million (the id is built here from a random n; the service gets it from the path).
\set n random(1, :orders)
select id, integration_type, integration_name, available_actions, magic_link_id from connection where access_token_hash in (:hash) and organization_id = :org and environment = :env and status = 'active';
select record_id, document - 'trackstar_tags', trackstar_created_date, trackstar_updated_date, coalesce(trackstar_tags, '[]'::jsonb) from wms_record where organization_id = :org and environment = :env and connection_id = :conn and function = 'get_orders' and deleted_at is null and record_id = 'ord_' || lpad(:n::text, 8, '0');
