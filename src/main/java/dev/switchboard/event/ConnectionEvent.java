package dev.switchboard.event;

import java.time.Instant;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.tenant.Tenant;

/**
 * A connection was created (a first install, not a reinstall) or deleted. {@code accessToken} is set only on
 * {@code connection.created}, whose webhook carries it (the contract's {@code ConnectionCreatedSchema}); observers must
 * keep it encrypted at rest and out of logs. Connections with {@code webhooksDisabled} still fire events; the webhook
 * module decides not to send them.
 */
public record ConnectionEvent(Tenant tenant, String eventType, String connectionId, String integrationName,
        IntegrationType integrationType, String customerId, Instant occurredAt, boolean webhooksDisabled,
        String accessToken) {

    public static final String CREATED = "connection.created";
    public static final String DELETED = "connection.deleted";
}
