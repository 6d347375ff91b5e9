-- The read API's indexes on the record store (dev.switchboard.wms.api; plans at 1,000,000 orders: docs/wms-queries.md).
--
-- Every read names organization_id, environment, connection_id and function, and lists in record_id order after the
-- page token's record_id. The primary key (connection_id, function, record_id) already serves the unfiltered list
-- and every page of it; each index below leads with (connection_id, function) too, and ends with record_id where the
-- filter is an equality, so "field = x order by record_id" is one ordered index range, whatever the page.
--
-- All are partial on "deleted_at is null" (deleted records are never served), and the ones on fields that only
-- some functions have are partial on those functions: the reads write the function as a literal, so the planner
-- matches them in generic plans too, and the sync writing other functions does not maintain them. Range filters on
-- dates are served by (connection_id, function, <date>) and a sort of the matching rows by record_id; the planner
-- prefers walking the primary key and filtering when the range holds most of the records.
--
-- Filters without an index here (channel, type, purchase_order_number, warehouse_id of inbound shipments,
-- event_type, the labor activity fields, trackstar_created_date, and every neq/nin/contains/not_contains) walk the
-- primary key in record_id order and stop after `limit` matches: cheap when many records match, a scan of the
-- connection's function when few do, which the reads' statement timeout bounds. docs/wms-queries.md shows both.

create index wms_record_status_idx on wms_record (connection_id, function, (document->>'status'), record_id)
    where deleted_at is null and function in ('get_orders', 'get_inbound_shipments', 'get_returns');

create index wms_record_warehouse_customer_idx
    on wms_record (connection_id, function, (document->>'warehouse_customer_id'), record_id)
    where deleted_at is null and function in ('get_orders', 'get_inventory', 'get_products', 'get_inbound_shipments',
        'get_returns', 'get_bills', 'get_inventory_ledger', 'get_labor_activities', 'get_order_channels',
        'get_inbound_shipment_suppliers');

-- order_number and reference_id: one index each on lower(...) serves the exact and the -insensitive operators (an
-- exact match is looked up by its lowered value and then compared exactly).
create index wms_record_order_number_idx on wms_record (connection_id, lower(document->>'order_number'), record_id)
    where deleted_at is null and function = 'get_orders';
create index wms_record_reference_id_idx on wms_record (connection_id, lower(document->>'reference_id'), record_id)
    where deleted_at is null and function = 'get_orders';

create index wms_record_sku_idx on wms_record (connection_id, function, (document->>'sku'), record_id)
    where deleted_at is null and function in ('get_inventory', 'get_products');

-- The locations of one warehouse (GET /wms/warehouses/{warehouse_id}/locations).
create index wms_record_location_warehouse_idx
    on wms_record (connection_id, (document->>'warehouse_id'), record_id)
    where deleted_at is null and function = 'get_warehouse_locations';

-- The document dates orders and inbound shipments are filtered by (whole-second UTC text, which sorts as it reads).
create index wms_record_required_ship_date_idx on wms_record (connection_id, (document->>'required_ship_date'))
    where deleted_at is null and function = 'get_orders';
create index wms_record_expected_arrival_date_idx on wms_record (connection_id, (document->>'expected_arrival_date'))
    where deleted_at is null and function = 'get_inbound_shipments';

create index wms_record_updated_date_idx on wms_record (connection_id, function, updated_date)
    where deleted_at is null;
create index wms_record_created_date_idx on wms_record (connection_id, function, created_date)
    where deleted_at is null;
create index wms_record_trackstar_updated_date_idx on wms_record (connection_id, function, trackstar_updated_date)
    where deleted_at is null;

-- The planner ignores the expression statistics of partial indexes, so without these it estimates
-- "lower(order_number) = any(three values)" at 1.5% of a connection's orders and prefers walking the primary key
-- (a minute at a million orders) to the index (a quarter of a millisecond). Per partition: the planner plans the
-- partition it pruned to, with that partition's statistics. ANALYZE (autovacuum) fills them.
do $$
declare
    part text;
begin
    for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'wms_record'::regclass loop
        execute format('create statistics %I on (lower(document->>''order_number'')) from %I',
                part || '_order_number_stats', part);
        execute format('create statistics %I on (lower(document->>''reference_id'')) from %I',
                part || '_reference_id_stats', part);
    end loop;
end $$;
