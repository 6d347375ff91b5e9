-- The sandbox WMS's simulation events (dev.switchboard.sandbox.wms): what PUT /sandbox/simulate/... did to a sandbox
-- connection's simulated system. The simulated world is a pure function of (connection seed, time, these events), so
-- they are the only sandbox state kept. Keyed by connection first, like wms_record, so the table partitions and
-- distributes by connection_id without a rewrite.
create table sandbox_event (
    connection_id   text        not null,
    seq             bigint      generated always as identity,
    organization_id text        not null,
    environment     text        not null check (environment in ('test', 'live')),
    -- order_fulfill, order_partial_fulfill or return_receive
    kind            text        not null check (kind in ('order_fulfill', 'order_partial_fulfill', 'return_receive')),
    -- The simulated system's id of the order or return.
    record_id       text        not null,
    -- When it happened in the simulated system (whole seconds): the record's new updated_date.
    occurred_at     timestamptz not null,
    primary key (connection_id, seq)
);
