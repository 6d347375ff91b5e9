package dev.switchboard.wms.adapter;

import java.util.Map;

import dev.switchboard.tenant.Tenant;

/**
 * Whose system a call goes to: the connection, its tenant, and its credentials (opened from the sealed column, never
 * logged). {@code credentials} holds the install form's fields by key, plus what an adapter stored itself through
 * {@link CredentialUpdater} (refreshed tokens).
 * The sandbox derives its world from {@code connectionId}.
 */
public record AdapterContext(String connectionId, Tenant tenant, String integrationName,
        Map<String, String> credentials,
        CredentialUpdater credentialUpdater) {

    /** Saves credentials an adapter obtained itself, such as a refreshed OAuth token, sealed, for every instance. */
    @FunctionalInterface
    public interface CredentialUpdater {

        void update(Map<String, String> credentials);
    }
}
