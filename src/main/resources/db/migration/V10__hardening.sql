-- Issue 14 (hardening). Fair webhook claims look for due work endpoint by endpoint (DeliveryStore.CLAIM).
create index webhook_delivery_endpoint_due_idx on webhook_delivery (endpoint_id, next_attempt_at) where status = 'pending';
