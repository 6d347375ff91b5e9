-- The record store at scale, with SQL only (generate_series, never the API): :orders orders of one connection
-- (:conn, organization :org, test environment) created one every 31.5 s over the last year and updated 0..72 h
-- later, plus :others other connections (200 in the full run) of 2,000 orders each (other organizations and both environments) in the same
-- partitions. Each order is the test fixture (src/test/resources/wms-fixtures/get_orders.json, a complete
-- OrderSchema record, ~2.8 kB) with its own id, numbers, status, type, channel, customer and dates.
-- psql variables: org, conn, orders, others (connections of 2,000 orders besides), template (the fixture's JSON text).
-- Status mix: half fulfilled; open, processing, picked, packed, ... 5-10% each.
\set ON_ERROR_STOP on

create temporary table statuses (i int primary key, status text);
insert into statuses values (0, 'open'), (1, 'open'), (2, 'processing'), (3, 'picked'), (4, 'packed'),
    (5, 'cancelled'), (6, 'backordered'), (7, 'exception'), (8, 'partially_fulfilled'), (9, 'confirmed');

insert into wms_record (connection_id, function, record_id, organization_id, environment, document, doc_hash,
                        created_date, updated_date, trackstar_created_date, trackstar_updated_date)
select :'conn', 'get_orders', id, :'org', 'test',
       (:'template'::jsonb) || jsonb_build_object(
           'id', id,
           'order_number', '#' || (100000 + n),
           'reference_id', case when n % 2 = 0 then 'Shop-' else 'AMZ-' end || lpad(n::text, 8, '0'),
           'status', coalesce((select status from statuses where i = n % 20), 'fulfilled'),
           'type', (array['d2c', 'd2c', 'd2c', 'b2b', 'dropship', 'transfer'])[1 + n % 6],
           'channel', (array['shopify', 'amazon', 'wholesale'])[1 + n % 3],
           'warehouse_customer_id', 'wc_' || (1 + n % 25),
           'created_date', to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'updated_date', to_char(updated at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'required_ship_date', to_char((created + interval '2 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
       sha256(id::bytea), created, updated, created + interval '5 minutes', updated + interval '5 minutes'
from (select n, 'ord_' || lpad(n::text, 8, '0') as id,
             date_trunc('second', now() - n * interval '31.5 seconds') as created,
             date_trunc('second', now() - n * interval '31.5 seconds' + ((n::bigint * 7919) % 259200) * interval '1 second')
                 as updated
      from generate_series(1, :orders) n) g;

-- :others other connections, 2,000 orders each, in every partition.
insert into wms_record (connection_id, function, record_id, organization_id, environment, document, doc_hash,
                        created_date, updated_date, trackstar_created_date, trackstar_updated_date)
select 'conn_other_' || c, 'get_orders', 'ord_' || lpad(n::text, 8, '0'), 'org_other_' || (c % 50),
       case when c % 2 = 0 then 'test' else 'live' end,
       (:'template'::jsonb) || jsonb_build_object('id', 'ord_' || lpad(n::text, 8, '0'),
           'order_number', '#' || c || '-' || n, 'reference_id', 'R' || c || '-' || n,
           'warehouse_customer_id', 'wc_' || (1 + n % 25),
           'required_ship_date', to_char((now() - n * interval '1 hour' + interval '2 days') at time zone 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'status', coalesce((select status from statuses where i = n % 20), 'fulfilled')),
       sha256(n::text::bytea), now() - n * interval '1 hour', now() - n * interval '1 hour',
       now() - n * interval '1 hour', now() - n * interval '1 hour'
from generate_series(1, :others) c, generate_series(1, 2000) n;

vacuum analyze wms_record;
