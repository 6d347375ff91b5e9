package dev.switchboard.common;

/** Opaque, unguessable ids for objects that leave the service: a type prefix and 24 base62 characters (~143 bits). */
public final class Ids {

    private Ids() {
    }

    public static String organization() {
        return "org_" + Base62.random(24);
    }

    public static String apiKey() {
        return "key_" + Base62.random(24);
    }
}
