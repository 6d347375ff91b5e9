-- Tenants and their API keys. Ids are opaque random strings made by the service.
create table organization (
    id          text primary key,
    name        text        not null check (length(name) between 1 and 200),
    status      text        not null default 'active' check (status in ('active', 'suspended')),
    created_at  timestamptz not null default now()
);
create index organization_created_at_idx on organization (created_at, id);

create table api_key (
    id                  text primary key,
    organization_id     text        not null references organization (id),
    environment         text        not null check (environment in ('test', 'live')),
    name                text        not null check (length(name) between 1 and 100),
    scope               text        not null check (scope in ('read', 'write', 'admin')),
    -- SHA-256 of the whole key; the raw key is never stored.
    key_hash            bytea       not null unique check (length(key_hash) = 32),
    key_prefix          text        not null,
    rate_limit_per_hour integer     not null check (rate_limit_per_hour between 0 and 100000),
    created_at          timestamptz not null default now(),
    last_used_at        timestamptz,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    rolled_from_id      text references api_key (id)
);
create index api_key_tenant_idx on api_key (organization_id, environment, created_at, id);

-- Token buckets of the per-key rate limits, shared by every instance (Bucket4j's JDBC layout).
create table rate_limit_bucket (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);
