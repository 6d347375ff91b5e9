package dev.switchboard.hosted;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.switchboard.catalog.Integration;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.CredentialsRejected;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.ratelimit.RateLimiter;

/**
 * One credential submission, the same for a magic link and for the Connect modal: the install runs in a transaction of
 * its own, and a submission refused by the form's checks or by the integration counts against its bucket (the link, or
 * the link token), at most {@link #FAILED_INSTALLS_PER_HOUR} an hour.
 */
@ApplicationScoped
class Installs {

    static final int FAILED_INSTALLS_PER_HOUR = 10;
    private static final String FAILURES = "install-failures";

    /** A refused submission: the errors by field, what to say above the form, and whether the integration said no. */
    static final class Refused extends RuntimeException {

        private final transient Map<String, List<String>> errors;
        private final boolean credentialsRejected;

        private Refused(Map<String, List<String>> errors, String alert, boolean credentialsRejected) {
            super(alert, null, false, false);
            this.errors = errors;
            this.credentialsRejected = credentialsRejected;
        }

        Map<String, List<String>> errors() {
            return errors;
        }

        String alert() {
            return getMessage();
        }

        boolean credentialsRejected() {
            return credentialsRejected;
        }
    }

    @Inject
    RateLimiter limiter;

    /** Whether the bucket may still try (it has not used up its failures for this hour). */
    boolean mayTry(String bucket) {
        return limiter.hasCapacity(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
    }

    /**
     * Runs {@code install} in a new transaction.
     *
     * @throws Refused when the credentials fail the form's checks or the integration refuses them (counted)
     */
    ConnectionService.Installed attempt(String bucket, Integration integration,
            Callable<ConnectionService.Installed> install) {
        try {
            return QuarkusTransaction.requiringNew().call(install);
        } catch (ValidationProblem problem) {
            limiter.consume(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
            throw new Refused(problem.body().detail().getOrDefault(ValidationProblem.JSON, Map.of()),
                    "Some details need another look.", false);
        } catch (CredentialsRejected rejected) {
            limiter.consume(FAILURES, bucket, FAILED_INSTALLS_PER_HOUR);
            // The integration's own reason goes beside the field it concerns (a vendor's refusal at install).
            Map<String, List<String>> beside = rejected.field() == null ? Map.of()
                    : Map.of(rejected.field(), List.of(rejected.getMessage()));
            throw new Refused(beside, integration.displayName()
                    + " did not accept these details. Check them and try again.", true);
        }
    }
}
