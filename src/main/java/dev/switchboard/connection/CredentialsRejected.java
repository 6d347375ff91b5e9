package dev.switchboard.connection;

import dev.switchboard.error.ApiException;

/**
 * The integration refused the credentials the customer entered (the sandbox does for the password {@code fail}; a
 * vendor does when its API refuses them at install). The hosted page shows the message, beside {@link #field()} when
 * one is named, and lets the customer try again; nothing was stored.
 */
public class CredentialsRejected extends ApiException {

    public static final String CODE = "CREDENTIALS_REJECTED";

    private final String field;

    public CredentialsRejected(String message) {
        this(message, null);
    }

    /** @param field the credential field the reason belongs beside, or null for the form as a whole */
    public CredentialsRejected(String message, String field) {
        super(400, CODE, message);
        this.field = field;
    }

    /** The credential field (its catalog key) the message belongs beside; null for the whole form. */
    public String field() {
        return field;
    }
}
