package dev.switchboard.config;

import java.time.Duration;
import java.util.List;
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
     * The one localhost switch of {@link UrlPolicy}: whether {@code http(s)://localhost}, {@code 127.0.0.1} and
     * {@code [::1]} are accepted where https is otherwise required (magic links' redirect URLs, logos, allowed origins
     * and framing of the Connect modal, webhook endpoints). On in dev and test, off in prod.
     */
    @WithDefault("false")
    boolean allowInsecureLocalhost();

    Auth auth();

    ApiKeys apiKeys();

    Demo demo();

    MagicLinks magicLinks();
    Webhooks webhooks();
    Encryption encryption();

    Sandbox sandbox();

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

    /** What is kept of spent or finished rows, and how often each instance deletes the rest (issue 14). */
    Retention retention();

    interface Retention {

        /** How often each instance purges; instances share the work ({@code FOR UPDATE SKIP LOCKED}). */
        @WithDefault("10M")
        Duration interval();

        /** Rows one purge statement deletes at most (a purge repeats until less is left). */
        @WithDefault("1000")
        int batch();

        /** How long expired or used link tokens and auth codes are kept (to tell "expired" from "unknown"). */
        @WithDefault("24H")
        Duration tokens();

        /** How long finished (succeeded or failed) webhook deliveries are kept for GET /webhooks/{id}/deliveries. */
        @WithDefault("30D")
        Duration deliveries();
    }

    interface Demo {

        /** Seeds a "Demo" organization on first start and logs its test key (dev profile). */
        @WithDefault("false")
        boolean enabled();
    }

    interface Webhooks {

        /** Delay before each retry after a failed attempt; the attempt after the last one is final ({@code failed}). */
        @WithDefault("5S,5M,30M,2H,5H,10H,10H")
        List<Duration> retrySchedule();

        /** Longest {@code Retry-After} (on 429 and 503) that is honoured; longer ones are cut to this. */
        @WithDefault("24H")
        Duration maxRetryAfter();

        /** Whole-request timeout of one delivery attempt. */
        @WithDefault("15S")
        Duration timeout();

        /** How long a claimed delivery stays leased to a dispatcher; after that another instance may retry it. */
        @WithDefault("60S")
        Duration lease();

        /** How often each instance looks for due deliveries (commits also wake it at once). */
        @WithDefault("1S")
        Duration pollInterval();

        /** Deliveries one instance sends at the same time. */
        @WithDefault("16")
        int concurrency();

        /** Runs the dispatcher on this instance. Off: this instance only queues (another one sends). */
        @WithDefault("true")
        boolean dispatcherEnabled();

        /** How long the previous secret keeps signing after a rotation. */
        @WithDefault("24H")
        Duration rotationGrace();

        /** Endpoints per organization and environment. */
        @WithDefault("10")
        int maxEndpoints();

        /** Deliveries of one endpoint in flight at once, across all instances (fairness, docs/webhooks.md). */
        @WithDefault("4")
        int maxInFlightPerEndpoint();

        /** Deliveries of one organization in flight at once, across all instances (fairness, docs/webhooks.md). */
        @WithDefault("8")
        int maxInFlightPerOrganization();
    }

    /** Secrets at rest (dev.switchboard.crypto): customer credentials and access tokens. */
    interface Encryption {

        /**
         * The current key: 32 random bytes in base64. Required by the packaged app; dev mode generates one into
         * {@link #devKeyFile()}, tests set a fixed one.
         */
        Optional<String> key();

        /** Earlier keys, still used to open what they sealed (rotation); comma-separated base64. */
        Optional<List<String>> oldKeys();

        /** Dev mode only: where the generated key is kept when no key is set. */
        @WithDefault(".switchboard/encryption.key")
        String devKeyFile();
    }
    /** The simulated WMS behind sandbox connections (dev.switchboard.sandbox.wms, docs/sandbox.md). */
    interface Sandbox {

        /** New orders per simulated day (on average; arrival times are jittered). */
        @WithDefault("40")
        int ordersPerDay();

        /** Days of history a sandbox already holds when its connection is created. */
        @WithDefault("90")
        int historyDays();

        /** Simple products (each one inventory item); kits come on top. */
        @WithDefault("40")
        int products();

        /** Kit products, each made of 2 or 3 simple products' inventory items. */
        @WithDefault("6")
        int kits();

        @WithDefault("3")
        int warehouses();

        @WithDefault("12")
        int locationsPerWarehouse();

        /** Merchants (warehouse customers) whose products, orders and inbound shipments the world holds. */
        @WithDefault("2")
        int warehouseCustomers();

        /** Percentage of fulfilled orders that come back as a return. */
        @WithDefault("5")
        int returnPercent();

        /**
         * Records per page the adapter hands the sync engine: ShipBob's page, the largest a vendor adapter asks for.
         * A sync holds up to four pages at once (two runs, each committing one and fetching the next), and at 500 the
         * service's RSS grew 50-54 MB during an initial sync instead of 42 (bench/README.md, "Sync").
         */
        @WithDefault("250")
        int pageSize();
    }
}
