-- Scenario 1's SQL, as the service sends it (dev.switchboard.magiclink.MagicLinkSql): the first page of
-- GET /magic-links?limit=20, the columns of the contract's MagicLink.
select id, created_at, expires_at, integration_type, integration_allow_list, integration_block_list, integrations_with_endpoints, customer_id from magic_link where organization_id = :org and environment = :env and status <> 'revoked' order by created_at desc, id desc limit :limit
