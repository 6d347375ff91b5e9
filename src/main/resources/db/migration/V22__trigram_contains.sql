-- contains on an order's order_number and reference_id (and their -insensitive variants) through trigram indexes
-- (docs/wms-queries.md, plans at 1,000,000 orders). Before this, "order_number[contains]=99999" walked the whole
-- connection's orders in record-id order (51 s at a million): a btree cannot find a substring.
--
-- The reads write contains as "(document->>'f') like '%v%'" and contains-insensitive as "... ilike '%v%'"
-- (dev.switchboard.wms.api.RecordSql); pg_trgm's GIN operator class serves both (its trigrams are case-folded,
-- and the match is rechecked on the row). btree_gin puts connection_id into the same GIN index, first, as every
-- index of the store is keyed (docs/ARCHITECTURE.md): a search is the intersection of the connection's entry with
-- the pattern's trigrams, and the index can be partitioned or distributed by connection like the table.
--
-- Both extensions ship with PostgreSQL's contrib (and with the embedded binaries the tests use) and are "trusted":
-- a database owner without superuser may create them.
--
-- The cost is on the sync's writes: each stored or changed order adds its trigrams (about ten per field) to two GIN
-- indexes. GIN's pending list (fastupdate, on by default) batches them; docs/wms-queries.md has the measured cost.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;

create index wms_record_order_number_trgm_idx
    on wms_record using gin (connection_id, (document->>'order_number') gin_trgm_ops)
    where deleted_at is null and function = 'get_orders';
create index wms_record_reference_id_trgm_idx
    on wms_record using gin (connection_id, (document->>'reference_id') gin_trgm_ops)
    where deleted_at is null and function = 'get_orders';

-- A range on required_ship_date / expected_arrival_date is read matches-first when the ordered walk finds no page
-- (RecordSql.Shape). Without statistics on the expression (the planner ignores a partial index's), it estimated a
-- third of the connection's orders and scanned the partition (15 s at a million orders, cold); with them it uses
-- V8's index (3 s cold, for 75,000 matches). Per partition, as V8's; ANALYZE (autovacuum) fills them.
do $$
declare
    part text;
begin
    for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'wms_record'::regclass loop
        execute format('create statistics %I on ((document->>''required_ship_date'')) from %I',
                part || '_required_ship_date_stats', part);
        execute format('create statistics %I on ((document->>''expected_arrival_date'')) from %I',
                part || '_expected_arrival_date_stats', part);
    end loop;
end $$;
