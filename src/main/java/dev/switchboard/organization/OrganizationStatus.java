package dev.switchboard.organization;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

public enum OrganizationStatus {
    ACTIVE("active"),
    SUSPENDED("suspended");

    private final String value;

    OrganizationStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<OrganizationStatus, String> {
        @Override
        public String convertToDatabaseColumn(OrganizationStatus s) {
            return s == null ? null : s.value;
        }

        @Override
        public OrganizationStatus convertToEntityAttribute(String s) {
            for (OrganizationStatus status : values()) {
                if (status.value.equals(s)) {
                    return status;
                }
            }
            return null;
        }
    }
}
