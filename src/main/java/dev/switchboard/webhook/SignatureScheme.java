package dev.switchboard.webhook;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How deliveries are signed. {@code standard-webhooks}: Standard Webhooks v1 ({@code webhook-*} headers, repeated as
 * {@code svix-*}). {@code hmac-sha256-hex}: {@code X-Switchboard-Signature: sha256=<hex>} over
 * {@code "{timestamp}.{body}"}, the shape of the M2M partner webhooks (seed 001).
 */
@RegisterForReflection
public enum SignatureScheme implements WireValue {

    STANDARD_WEBHOOKS("standard-webhooks"),
    HMAC_SHA256_HEX("hmac-sha256-hex");

    private final String value;

    SignatureScheme(String value) {
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
    public static class DbConverter extends WireValue.DbConverter<SignatureScheme> {

        public DbConverter() {
            super(SignatureScheme.class);
        }
    }
}
