-- Connection health (issue 13): Trackstar's errors[] on the connection object and the connection-error.* webhooks.
-- Written only by dev.switchboard.sync.ConnectionErrors, in the transaction of the sync run that met or cleared the
-- cause. Keyed by connection first, like every sync table, so it distributes by connection_id with them.

-- One row per (connection, cause): a cause is 'credentials' (the system refused the credentials: every function is
-- blocked until a reinstall), 'permission:<function>' (it refused one function: that function is blocked) or
-- 'failing:<function>' (its runs failed 3 times in a row otherwise: a timeout, 5xx; not blocked). A repeat
-- of the cause bumps last_seen; the row is deleted when the cause is gone (the function's next complete run, or, for
-- credentials, a reinstall).
create table connection_error (
    connection_id      text        not null,
    cause              text        not null check (cause = 'credentials' or cause like 'permission:get\_%'
                                                 or cause like 'failing:get\_%'),
    organization_id    text        not null,
    environment        text        not null check (environment in ('test', 'live')),
    integration_name   text        not null,
    -- The system's reason in words a customer may see (the adapter's AdapterException message), never a secret.
    error_message      text        not null,
    -- The system's URL that failed, without its query string; the unified route when the adapter named none.
    failed_url         text        not null,
    -- [{"endpoint": "GET /wms/orders", "preventing_sync": true}, ...]
    affected_endpoints jsonb       not null check (jsonb_typeof(affected_endpoints) = 'array'),
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    updated_at         timestamptz not null,
    primary key (connection_id, cause)
);

-- The sandbox's access rules (dev.switchboard.sandbox.wms, PUT /sandbox/simulate/credentials/revoke and
-- /permissions/{function_name}/deny|grant): what the simulated system refuses. 'revoked_credentials' holds a
-- fingerprint of the credentials it no longer accepts (a reinstall with other credentials is accepted again);
-- 'denied_function' a function it answers with 403.
create table sandbox_access (
    connection_id   text        not null,
    kind            text        not null check (kind in ('revoked_credentials', 'denied_function')),
    value           text        not null,
    organization_id text        not null,
    environment     text        not null check (environment in ('test', 'live')),
    created_at      timestamptz not null,
    primary key (connection_id, kind, value)
);
