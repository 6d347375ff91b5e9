-- Scenario 1's SQL, as the service sends it (Hibernate's log): the first page of GET /magic-links?limit=20.
select * from magic_link where organization_id = :org and environment = :env and status <> 'revoked' order by created_at desc, id desc limit :limit
