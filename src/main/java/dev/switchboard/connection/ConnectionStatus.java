package dev.switchboard.connection;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A deleted connection keeps its row (for the record) but loses its credentials and access token. */
@RegisterForReflection
public enum ConnectionStatus implements WireValue {

    ACTIVE("active"),
    DELETED("deleted");

    private final String value;

    ConnectionStatus(String value) {
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
    public static class DbConverter extends WireValue.DbConverter<ConnectionStatus> {

        public DbConverter() {
            super(ConnectionStatus.class);
        }
    }
}
