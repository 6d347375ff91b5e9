-- Issue 14 (hardening). Fair webhook claims look for due work endpoint by endpoint (DeliveryStore.CLAIM).
create index webhook_delivery_endpoint_due_idx on webhook_delivery (endpoint_id, next_attempt_at) where status = 'pending';

-- Branding and allowed origins per environment: a test key's PATCH /organization must not change what the live
-- environment's customers see, nor which origins may embed the live Connect modal. The existing columns are the live
-- environment's; these are the test environment's, starting as a copy.
alter table organization
    add column test_display_name    text check (length(test_display_name) between 1 and 100),
    add column test_logo_url        text check (length(test_logo_url) <= 2048),
    add column test_brand_color     text check (test_brand_color ~ '^#[0-9a-f]{6}$'),
    add column test_support_email   text check (length(test_support_email) <= 254),
    add column test_allowed_origins text[] not null default '{}';
update organization
   set test_display_name = display_name, test_logo_url = logo_url, test_brand_color = brand_color,
       test_support_email = support_email, test_allowed_origins = allowed_origins;
