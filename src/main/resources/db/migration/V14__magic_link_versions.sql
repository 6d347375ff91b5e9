-- Issue 16: magic links can be edited (PATCH /magic-links/{id}), and every edit keeps the state it replaced.

-- The number of the link's current state: 1 as created, one more per edit. The hosted page's forms carry it, so a
-- form rendered before an edit is recognised when it is posted.
alter table magic_link add column version integer not null default 1 check (version >= 1);

-- The states links had before their edits, kept forever (also after revocation): row n is the link's state n, as it
-- was until the edit that made state n + 1. created_at is when that edit was made, api_key_id the key that made it
-- (its id, never its secret). state is the full editable state as the API writes it: integration_allow_list,
-- integration_block_list, integrations_with_endpoints, customer_id, redirect_url, metadata, disabled_functions,
-- expires_at.
create table magic_link_version (
    id              text        primary key check (id ~ '^mlv_[A-Za-z0-9]{24}$'),
    magic_link_id   text        not null references magic_link (id),
    version         integer     not null check (version >= 1),
    created_at      timestamptz not null,
    api_key_id      text        not null references api_key (id),
    state           jsonb       not null check (jsonb_typeof(state) = 'object'),
    -- Two edits can never both keep the same state: a lost update would be a constraint violation, not a lost row.
    unique (magic_link_id, version)
);
-- GET /magic-links/{id}/versions: newest first, keyset-paged on (created_at, version).
create index magic_link_version_page_idx on magic_link_version (magic_link_id, created_at desc, version desc);

-- The audit trail learns the edit.
alter table magic_link_activity drop constraint magic_link_activity_event_check;
alter table magic_link_activity add constraint magic_link_activity_event_check
    check (event in ('created', 'opened', 'integration_selected', 'completed', 'failed', 'revoked', 'expired',
                     'edited'));
