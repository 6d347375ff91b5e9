package dev.switchboard.tenant;

/** Whose data a request may touch: one organization in one environment. Every tenant query takes one. */
public record Tenant(String organizationId, Environment environment) {
}
