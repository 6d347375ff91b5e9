package dev.switchboard.wms.api;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The read API's settings ({@code switchboard.wms.*}). */
@ConfigMapping(prefix = "switchboard.wms")
public interface WmsReadConfig {

    /**
     * The longest a list page may take to send: a full page of 1,000 orders (~3 MB) to a client reading 50 kB/s.
     * A page holds its pooled database connection meanwhile; past this the response is cut and the connection
     * released ({@link WmsReadResource}).
     */
    @WithDefault("60S")
    Duration pageSendTimeout();

    /**
     * List pages this instance streams at once. A page holds a pooled database connection while it is sent, so
     * without a cap a few clients reading full pages over slow links could hold the whole pool (20) and starve every
     * other tenant's requests, the sync engine and the webhook dispatcher. Half the pool by default.
     */
    @WithDefault("10")
    int maxConcurrentPages();

    /** How long a list request waits for one of those slots before a 503 with {@code Retry-After}. */
    @WithDefault("10S")
    Duration pageSlotWait();
}
