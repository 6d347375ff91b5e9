-- The unified WMS API's write side (issue 13): per-connection idempotency keys, Trackstar tags, and what sandbox
-- connections' simulated systems were written.

-- Idempotency-Key of the WMS writes is per connection (Trackstar: "Keys are scoped per connection"); POST
-- /magic-links keeps its organization-wide keys under the empty scope.
alter table idempotency_key add column scope text not null default '';
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (organization_id, environment, scope, key);

-- trackstar_tags: Switchboard's own metadata on a record (PUT /wms/{resource}/{id}/trackstar-tags), never sent to
-- the system and never overwritten by a sync. Null until tagged; served as [] then. Filtered with jsonb containment
-- (trackstar_tags[contains|not_contains]); tagged records are few, so the filter rides the other indexes.
alter table wms_record add column trackstar_tags jsonb check (trackstar_tags is null or jsonb_typeof(trackstar_tags) = 'array');

-- A sandbox connection's written records: the simulated system's state after POST/PUT /wms/* writes, laid over the
-- records the world derives from its seed (sandbox.wms.SandboxWrites). Keyed by connection first, like
-- sandbox_event and wms_record.
create table sandbox_record (
    connection_id   text        not null,
    function        text        not null,
    record_id       text        not null,
    organization_id text        not null,
    environment     text        not null check (environment in ('test', 'live')),
    document        jsonb       not null check (jsonb_typeof(document) = 'object'),
    -- Whether the system created it (absent from the seeded world) or changed a seeded record.
    created         boolean     not null,
    written_at      timestamptz not null,
    primary key (connection_id, function, record_id)
);
