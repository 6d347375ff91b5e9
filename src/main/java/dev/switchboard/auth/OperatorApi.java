package dev.switchboard.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the platform operator's resources: authenticated by {@code SWITCHBOARD_ADMIN_TOKEN}, not by API keys, and
 * absent (404) when no token is configured.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OperatorApi {
}
