package dev.switchboard.magiclink;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a magic link is in its life. {@code created}, {@code opened}, {@code completed} and {@code revoked} are stored;
 * {@code expired} is derived at read time: a link that is still {@code created} or {@code opened} once its
 * {@code expires_at} has passed.
 */
@RegisterForReflection
public enum LinkStatus implements WireValue {

    CREATED("created"),
    OPENED("opened"),
    COMPLETED("completed"),
    REVOKED("revoked"),
    EXPIRED("expired");

    private final String value;

    LinkStatus(String value) {
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

    /** Stored statuses a link can still be used in, before its expiry. */
    public boolean isOpenForUse() {
        return this == CREATED || this == OPENED;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<LinkStatus> {

        public DbConverter() {
            super(LinkStatus.class);
        }
    }
}
