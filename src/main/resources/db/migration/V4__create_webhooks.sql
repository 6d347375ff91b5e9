-- Webhook endpoints of an organization in one environment, and the outbox of their deliveries.
create table webhook_endpoint (
    id                          text primary key,
    organization_id             text        not null references organization (id),
    environment                 text        not null check (environment in ('test', 'live')),
    url                         text        not null check (length(url) between 1 and 2048),
    description                 text        check (length(description) <= 255),
    -- Event types the endpoint receives; empty means all.
    events                      text[]      not null default '{}',
    signature_scheme            text        not null check (signature_scheme in ('standard-webhooks', 'hmac-sha256-hex')),
    -- The whsec_ secret, AES-256-GCM encrypted (webhook.PayloadCipher); after a rotation the previous one signs too
    -- until previous_secret_expires_at.
    secret                      bytea       not null,
    previous_secret             bytea,
    previous_secret_expires_at  timestamptz,
    enabled                     boolean     not null default true,
    disabled_reason             text,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now()
);
create index webhook_endpoint_tenant_idx on webhook_endpoint (organization_id, environment, created_at, id);

-- The transactional outbox: one row per event and endpoint, written in the transaction of the change that caused the
-- event. Dispatchers claim due rows with SELECT ... FOR UPDATE SKIP LOCKED and a lease (status 'sending').
create table webhook_delivery (
    id                  text primary key,
    endpoint_id         text        not null references webhook_endpoint (id) on delete cascade,
    organization_id     text        not null,
    environment         text        not null check (environment in ('test', 'live')),
    -- The event's id (the webhook-id header): the same for every endpoint, every attempt and every redelivery.
    event_id            text        not null,
    event_type          text        not null,
    -- The JSON body, AES-256-GCM encrypted; null once dropped (sensitive payloads, after the final attempt).
    payload             bytea,
    sensitive           boolean     not null default false,
    status              text        not null check (status in ('pending', 'sending', 'succeeded', 'failed')),
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz,
    lease_token         text,
    lease_expires_at    timestamptz,
    last_attempt_at     timestamptz,
    last_status_code    integer,
    last_latency_ms     integer,
    last_error          text,
    created_at          timestamptz not null default now(),
    completed_at        timestamptz,
    check ((status = 'sending') = (lease_expires_at is not null))
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_lease_idx on webhook_delivery (lease_expires_at) where status = 'sending';
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at, id);
create index webhook_delivery_tenant_idx on webhook_delivery (organization_id, environment);
