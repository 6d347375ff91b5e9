package dev.switchboard.organization;

import dev.switchboard.tenant.OrganizationStatus;

/**
 * Fired (synchronously, inside the transaction) when an operator suspends or reactivates an organization, so that
 * packages above this one that cache the status (the API keys' resolver) forget it.
 */
public record OrganizationStatusChanged(String organizationId, OrganizationStatus status) {
}
