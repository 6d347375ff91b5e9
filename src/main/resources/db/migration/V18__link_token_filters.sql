-- Issue 14 (hardening): the Connect modal's filters come from the link token, created server-side by
-- POST /link/token, never from the embedding page, so a customer cannot widen their offer by editing the page.
-- Same meaning and rules as the magic link's columns (V2). A token created before this migration (30 minutes at
-- most) offers every integration of the type but the Sandbox, as a magic link without filters does.
alter table link_token
    add column integration_type            text    not null default 'wms'
        check (integration_type in ('wms', 'freight', 'cart', 'carrier', 'erp')),
    add column integration_allow_list      text[]  not null default '{}',
    add column integration_block_list      text[]  not null default '{}',
    add column integrations_with_endpoints text[]  not null default '{}',
    add column sandbox                     boolean not null default false,
    add column disabled_functions          text[]  not null default '{}';
