-- Issue 13 (writes and passthrough feed connection health): a write the system refuses for a missing permission is
-- an error of its own, cause 'permission:<write action>' (such as 'permission:cancel_order'), next to a sync's
-- 'permission:get_<function>'. It blocks no sync (affected_endpoints names the write's route, preventing_sync false)
-- and goes when a write of that action succeeds or the connection is reinstalled. Refused credentials, whether a
-- sync, a write or a passthrough met them, stay the one 'credentials' row.
alter table connection_error drop constraint connection_error_cause_check;
alter table connection_error add constraint connection_error_cause_check
    check (cause = 'credentials' or cause like 'permission:get\_%' or cause like 'failing:get\_%'
           or cause in ('permission:create_order', 'permission:update_order', 'permission:cancel_order',
                        'permission:create_order_shipment', 'permission:create_product', 'permission:update_product',
                        'permission:create_kit', 'permission:update_kit', 'permission:create_inbound_shipment',
                        'permission:update_inbound_shipment', 'permission:receive_inbound_shipment',
                        'permission:create_return', 'permission:update_return', 'permission:adjust_inventory'));
