package dev.switchboard.webhook;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pending} (due at next_attempt_at) -> {@code sending} (leased) -> {@code succeeded} or back, or {@code failed}.
 */
@RegisterForReflection
public enum DeliveryStatus implements WireValue {

    PENDING("pending"),
    SENDING("sending"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String value;

    DeliveryStatus(String value) {
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

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<DeliveryStatus> {

        public DbConverter() {
            super(DeliveryStatus.class);
        }
    }
}
