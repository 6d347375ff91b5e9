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
}
