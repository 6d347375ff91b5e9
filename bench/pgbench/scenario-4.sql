-- Scenario 4's SQL, as the service sends it (bench/run.sh sql prints Hibernate's log): POST /magic-links is one
-- transaction with these two inserts and the look-up of the webhook endpoints the "magic_link.created" event goes to
-- (none: the bench organization has no webhooks, so no outbox row). The service's JDBC driver sends its BEGIN with the
-- first insert; pgbench sends it alone, one round trip more. The link id: 32 digits (valid lowercase hex) from
-- pgbench's random(); the customer id: a random number. Values the service binds but that never change here are
-- literals.
\set id random(1, 9223372036854775807)
\set customer random(1, 9223372036854775807)
begin;
insert into magic_link (completed_at,completed_connection_id,connection_id,created_at,customer_id,disabled_functions,environment,expired_event_at,expires_at,integration_allow_list,integration_block_list,integration_type,integrations_with_endpoints,metadata,opened_at,organization_id,redirect_url,revoke_reason,revoked_at,sandbox,selected_integration,status,id) values (null,null,null,now(),:customer,'{}','test',null,date_trunc('second', now() + interval '7 days'),'{shipbob,shiphero,deposco}','{}','wms','{}',null,null,:org,null,null,null,false,null,'created',lpad(:id, 32, '0'));
insert into magic_link_activity (details,event,magic_link_id,occurred_at) values ('{"integration_type":"wms","customer_id":"pgbench","expires_at":"2030-01-01T00:00:00Z","connection_id": null}','created',lpad(:id, 32, '0'),now()) returning *;
select id from webhook_endpoint where organization_id = :org and environment = :env and enabled and (cardinality(events) = 0 or 'magic_link.created' = any(events)) order by created_at, id;
commit;
