package dev.switchboard.magiclink;

import dev.switchboard.common.WireValue;

/** The {@code visibility} list filter: {@code active} = neither expired nor revoked; {@code expired}. */
public enum Visibility implements WireValue {

    ACTIVE("active"),
    EXPIRED("expired");

    private final String value;

    Visibility(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
