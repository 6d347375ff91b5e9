package dev.switchboard.tenant;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

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
