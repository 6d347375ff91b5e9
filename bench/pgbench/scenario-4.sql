-- Scenario 4's SQL, as the service sends it (dev.switchboard.magiclink.MagicLinkSql and webhook.WebhookOutbox):
-- POST /magic-links is one transaction with one statement inserting the link and its "created" activity, the look-up
-- of the webhook endpoints the "magic_link.created" event goes to (none: the bench organization has no webhooks, so
-- no outbox row), and the commit. The service's JDBC driver sends its BEGIN with the insert; pgbench sends it alone,
-- one round trip more. The link id: 32 digits (valid lowercase hex) from pgbench's random(); the customer id: a random
-- number. Values the service binds but that never change here are literals.
\set id random(1, 9223372036854775807)
\set customer random(1, 9223372036854775807)
begin;
with link as (insert into magic_link (id, organization_id, environment, integration_type, integration_allow_list, integration_block_list, integrations_with_endpoints, customer_id, connection_id, redirect_url, metadata, sandbox, disabled_functions, status, created_at, expires_at) values (lpad(:id, 32, '0'), :org, 'test', 'wms', '{shipbob,shiphero,deposco}', '{}', '{}', :customer, null, null, null::jsonb, false, '{}', 'created', now(), date_trunc('second', now() + interval '7 days')) returning id, created_at) insert into magic_link_activity (magic_link_id, event, occurred_at, details) select id, 'created', created_at, '{"integration_type":"wms","customer_id":"pgbench","expires_at":"2030-01-01T00:00:00Z","connection_id": null}'::jsonb from link;
select id from webhook_endpoint where organization_id = :org and environment = :env and enabled and (cardinality(events) = 0 or 'magic_link.created' = any(events)) order by created_at, id;
commit;
