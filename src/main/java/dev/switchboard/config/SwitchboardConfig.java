package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code switchboard.*} setting ({@code SWITCHBOARD_*} in the environment); README.md lists them. */
@ConfigMapping(prefix = "switchboard")
public interface SwitchboardConfig {

    /** Base URL the service is reached at from outside, used in the URLs it hands out. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Enables the /admin operator API when set (at least 32 characters). */
    Optional<String> adminToken();

    /**
     * Whether {@code http://localhost} URLs are accepted where https is otherwise required (organization logos,
     * Connect modal origins). On in dev and test, off in prod.
     */
    @WithDefault("false")
    boolean allowInsecureLocalhost();

    Auth auth();

    ApiKeys apiKeys();

    Demo demo();

    MagicLinks magicLinks();

    interface Auth {
        /** How long a resolved key stays cached on one instance; revocation takes effect everywhere within it. */
        @WithDefault("4S")
        Duration keyCacheTtl();

        /** Invalid-key attempts a client address may make per minute (per instance) before it gets 429. */
        @WithDefault("30")
        int failedAttemptsPerMinute();
    }

    interface ApiKeys {
        @WithDefault("10000")
        int defaultRateLimitPerHour();
    }

    interface MagicLinks {
        /** How often each instance records the "expired" event of links that passed their expiry unused. */
        @WithDefault("30S")
        Duration expirySweepInterval();

        /** Links one sweep handles at most (the next sweep takes the rest). */
        @WithDefault("500")
        int expirySweepBatch();
    }

    interface Demo {
        /** Seeds a "Demo" organization on first start and logs its test key (dev profile). */
        @WithDefault("false")
        boolean enabled();
    }
}
