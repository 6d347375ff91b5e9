package dev.switchboard.integrations.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where each WMS vendor's API is and how Switchboard calls it ({@code switchboard.integrations.*}). Tests and staging
 * point an adapter at a stand-in by its base URL, such as {@code SWITCHBOARD_INTEGRATIONS_SHIPBOB_BASE_URL}.
 */
@ConfigMapping(prefix = "switchboard.integrations")
public interface IntegrationsConfig {

    Http http();

    Shipbob shipbob();

    Shiphero shiphero();

    @WithName("extensiv-3pl-central")
    Extensiv extensiv();

    /** The outbound HTTP stack, the same for every vendor. */
    interface Http {

        /** Whole-request timeout of one call; a call that takes longer is a transient failure. */
        @WithDefault("30S")
        Duration timeout();

        @WithDefault("5S")
        Duration connectTimeout();

        /** Retries of an idempotent call after a 5xx, a timeout or a broken connection (0 = none). */
        @WithDefault("2")
        int maxRetries();

        /** First backoff before a retry; it doubles on each retry, plus up to half of it as random jitter. */
        @WithDefault("300ms")
        Duration retryDelay();

        /** Calls the circuit of a vendor looks at; when half of them failed transiently, it opens. */
        @WithDefault("20")
        int circuitVolume();

        /** How long an open circuit refuses calls before it lets one through again. */
        @WithDefault("30S")
        Duration circuitDelay();
    }

    interface Shipbob {

        @WithDefault("https://api.shipbob.com")
        String baseUrl();

        /** The merchant app, for {@code external_system_url}. */
        @WithDefault("https://web.shipbob.com")
        String appUrl();

        /**
         * Requests per minute one personal access token may make, shared by every instance. ShipBob allows 150 per
         * user and application on a sliding window; the budget keeps a margin under it.
         */
        @WithDefault("140")
        int requestsPerMinute();

        /** How far back the creation-date windows of WROs and returns reach, to see later changes to older ones. */
        @WithDefault("90D")
        Duration lookback();
    }

    interface Shiphero {

        @WithDefault("https://public-api.shiphero.com")
        String baseUrl();

        @WithDefault("https://app.shiphero.com")
        String appUrl();

        /** Requests per minute per account (ShipHero caps requests at 7,000 per 5 minutes on top of credits). */
        @WithDefault("1000")
        int requestsPerMinute();

        /** How long before its expiry an access token is refreshed (tokens live 28 days). */
        @WithDefault("P1D")
        Duration refreshMargin();

        @WithDefault("90D")
        Duration lookback();

        /**
         * The longest wait for credits a write sits out (ShipHero's code 30 says how long); a longer one answers 429
         * with that wait. Syncs never wait: they yield.
         */
        @WithDefault("5S")
        Duration throttleWait();
    }

    interface Extensiv {

        @WithDefault("https://secure-wms.com")
        String baseUrl();

        @WithDefault("https://app.3plcentral.com")
        String appUrl();

        /** Extensiv publishes no number; 300 a minute stays under what its own connectors use (400). */
        @WithDefault("300")
        int requestsPerMinute();

        /** How long before its expiry a new access token is requested (tokens live about an hour). */
        @WithDefault("5M")
        Duration refreshMargin();
    }
}
