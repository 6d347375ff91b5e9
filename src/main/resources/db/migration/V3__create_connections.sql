-- Connections: one customer's installed integration, and the one-time secrets of the embedded flow.
-- Secrets are never stored in plaintext: credentials and access tokens are AES-256-GCM ciphertexts (key id inside,
-- dev.switchboard.crypto.SecretBox); access tokens are found by an HMAC-SHA256 of the token, and link tokens and auth
-- codes by their SHA-256.
create table connection (
    id                   text primary key,
    organization_id      text        not null references organization (id),
    environment          text        not null check (environment in ('test', 'live')),
    integration_type     text        not null check (integration_type in ('wms', 'freight', 'cart', 'carrier', 'erp')),
    integration_name     text        not null,
    customer_id          text        check (length(customer_id) <= 255),
    status               text        not null default 'active' check (status in ('active', 'deleted')),
    available_actions    text[]      not null,
    webhooks_disabled    boolean     not null default false,
    -- The magic link the customer installed through, if any (no foreign key: links are their own feature).
    magic_link_id        text,
    -- The connection POST /sandbox/generate-sandbox made for this tenant and type (one at a time).
    generated_sandbox    boolean     not null default false,
    credentials          bytea,
    access_token_hash    bytea       unique check (length(access_token_hash) = 32),
    access_token         bytea,
    -- For the unified API: how often and when the connection was last used.
    times_used           integer     not null default 0,
    last_used            timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    deleted_at           timestamptz,
    check ((status = 'active') = (access_token_hash is not null and access_token is not null))
);
create index connection_tenant_idx on connection (organization_id, environment, created_at, id) where status = 'active';
create unique index connection_generated_sandbox_idx on connection (organization_id, environment, integration_type)
    where generated_sandbox and status = 'active';

-- POST /link/token: single use, 30 minutes; opens the embedded Connect modal.
create table link_token (
    id               text primary key,
    organization_id  text        not null references organization (id),
    environment      text        not null check (environment in ('test', 'live')),
    token_hash       bytea       not null unique check (length(token_hash) = 32),
    customer_id      text        check (length(customer_id) <= 255),
    connection_id    text        references connection (id),
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    used_at          timestamptz
);

-- What a completed install hands to the organization's frontend: exchanged once, within 10 minutes.
create table auth_code (
    id               text primary key,
    organization_id  text        not null references organization (id),
    environment      text        not null check (environment in ('test', 'live')),
    code_hash        bytea       not null unique check (length(code_hash) = 32),
    connection_id    text        not null references connection (id),
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    used_at          timestamptz
);
create index auth_code_connection_idx on auth_code (connection_id);
