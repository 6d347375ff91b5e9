-- Magic links (issue 3): the Trackstar contract's MagicLink plus Switchboard's lifecycle and audit trail.
-- The stored status is one of created, opened, completed, revoked; "expired" is derived at read time
-- (status created or opened and expires_at <= now()). Rows are never deleted: DELETE sets status = 'revoked'.
create table magic_link (
    -- 32 lowercase hex characters from a CSPRNG: the secret part of the link's URL.
    id                          text        primary key check (id ~ '^[0-9a-f]{32}$'),
    organization_id             text        not null references organization (id),
    environment                 text        not null check (environment in ('test', 'live')),
    integration_type            text        not null check (integration_type in ('wms', 'freight', 'cart', 'carrier', 'erp')),
    integration_allow_list      text[]      not null default '{}',
    integration_block_list      text[]      not null default '{}',
    integrations_with_endpoints text[]      not null default '{}',
    customer_id                 text        check (length(customer_id) <= 255),
    -- Reinstall target (a connection of the same tenant and integration_type), or null for a new connection.
    connection_id               text        check (length(connection_id) <= 255),
    redirect_url                text        check (length(redirect_url) <= 2048),
    metadata                    jsonb       check (metadata is null or jsonb_typeof(metadata) = 'object'),
    sandbox                     boolean     not null default false,
    disabled_functions          text[]      not null default '{}',
    status                      text        not null default 'created'
                                            check (status in ('created', 'opened', 'completed', 'revoked')),
    created_at                  timestamptz not null default now(),
    expires_at                  timestamptz not null,
    opened_at                   timestamptz,
    -- The integration the customer picked last on the hosted page.
    selected_integration        text,
    completed_at                timestamptz,
    completed_connection_id     text,
    revoked_at                  timestamptz,
    revoke_reason               text        check (length(revoke_reason) <= 500),
    -- When the one "expired" activity event (and webhook event) was recorded; null until then.
    expired_event_at            timestamptz
);

-- Listing: newest first within a tenant, keyset-paginated on (created_at, id). One index per selective filter.
create index magic_link_tenant_created_idx
    on magic_link (organization_id, environment, created_at desc, id desc);
create index magic_link_tenant_status_created_idx
    on magic_link (organization_id, environment, status, created_at desc, id desc);
create index magic_link_tenant_customer_created_idx
    on magic_link (organization_id, environment, customer_id, created_at desc, id desc)
    where customer_id is not null;
-- The expiry sweeper's work queue: only links still waiting for their "expired" event.
create index magic_link_expiry_pending_idx
    on magic_link (expires_at)
    where expired_event_at is null and status in ('created', 'opened');

-- The audit trail of each link, oldest first by id.
create table magic_link_activity (
    id              bigint generated always as identity primary key,
    magic_link_id   text        not null references magic_link (id),
    event           text        not null check (event in ('created', 'opened', 'integration_selected', 'completed',
                                                          'failed', 'revoked', 'expired')),
    occurred_at     timestamptz not null default now(),
    details         jsonb       not null default '{}' check (jsonb_typeof(details) = 'object')
);
create index magic_link_activity_link_idx on magic_link_activity (magic_link_id, id);

-- Idempotency-Key of POST /magic-links: one row per (organization, environment, key), kept 24 hours.
create table idempotency_key (
    organization_id text        not null references organization (id),
    environment     text        not null check (environment in ('test', 'live')),
    key             text        not null check (length(key) between 1 and 255),
    -- SHA-256 of the endpoint and the canonical request body.
    request_hash    bytea       not null check (length(request_hash) = 32),
    state           text        not null check (state in ('in_flight', 'done')),
    response_status integer,
    response_body   text,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    primary key (organization_id, environment, key)
);
create index idempotency_key_expires_idx on idempotency_key (expires_at);
