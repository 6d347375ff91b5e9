-- The record store of the unified WMS API: every record Switchboard has synced from a connection's system, normalized
-- into Trackstar's schema. Reads are served from here, never by calling the system.
--
-- Keyed by connection first: a connection belongs to exactly one organization and environment, so the table is
-- hash-partitioned by connection_id today, and the same column distributes it (Citus) when one PostgreSQL is not
-- enough. Every query still names organization_id and environment (tenant scoping), and connection_id (pruning).
create table wms_record (
    connection_id           text        not null,
    function                text        not null,
    -- The system's id of the record: the "id" of Trackstar's schema.
    record_id               text        not null,
    organization_id         text        not null,
    environment             text        not null check (environment in ('test', 'live')),
    -- The normalized record, without trackstar_created_date/trackstar_updated_date (added when served).
    document                jsonb       not null,
    -- SHA-256 of the canonical document: trackstar_updated_date moves only when it changes.
    doc_hash                bytea       not null,
    -- The system's own timestamps, when it has them.
    created_date            timestamptz,
    updated_date            timestamptz,
    trackstar_created_date  timestamptz not null,
    trackstar_updated_date  timestamptz not null,
    -- Soft deletion: set when a complete run no longer sees the record; cleared if it comes back.
    deleted_at              timestamptz,
    -- The sync run that last saw the record (snapshot functions: what a complete run did not see is deleted).
    last_seen_run           bigint,
    primary key (connection_id, function, record_id)
) partition by hash (connection_id);

create table wms_record_p0 partition of wms_record for values with (modulus 8, remainder 0);
create table wms_record_p1 partition of wms_record for values with (modulus 8, remainder 1);
create table wms_record_p2 partition of wms_record for values with (modulus 8, remainder 2);
create table wms_record_p3 partition of wms_record for values with (modulus 8, remainder 3);
create table wms_record_p4 partition of wms_record for values with (modulus 8, remainder 4);
create table wms_record_p5 partition of wms_record for values with (modulus 8, remainder 5);
create table wms_record_p6 partition of wms_record for values with (modulus 8, remainder 6);
create table wms_record_p7 partition of wms_record for values with (modulus 8, remainder 7);
