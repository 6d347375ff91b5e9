package dev.switchboard.tenant;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.Converter;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.switchboard.common.WireValue;

@RegisterForReflection
public enum OrganizationStatus implements WireValue {
    ACTIVE("active"),
    SUSPENDED("suspended");

    private final String value;

    OrganizationStatus(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<OrganizationStatus> {
        public DbConverter() {
            super(OrganizationStatus.class);
        }
    }
}
