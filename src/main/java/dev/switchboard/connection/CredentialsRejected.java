package dev.switchboard.connection;

import dev.switchboard.error.ApiException;

/**
 * The integration refused the credentials the customer entered (the sandbox does for the password {@code fail}). The
 * hosted page shows the message and lets the customer try again; nothing was stored.
 */
public class CredentialsRejected extends ApiException {

    public static final String CODE = "CREDENTIALS_REJECTED";

    public CredentialsRejected(String message) {
        super(400, CODE, message);
    }
}
