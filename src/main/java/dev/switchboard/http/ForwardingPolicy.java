package dev.switchboard.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;

/**
 * The client address is the TCP peer, or the client a trusted proxy names in {@code X-Forwarded-For}/{@code Forwarded}
 * (deploy/README.md). Quarkus trusts every peer when forwarding is on and {@code quarkus.http.proxy.trusted-proxies} is
 * empty; then any client could pick the address the invalid-key throttle counts and the access log shows (issue 14).
 * So the service does not start that way: an operator who means "every peer" writes {@code 0.0.0.0/0,::/0}.
 */
@ApplicationScoped
public class ForwardingPolicy {

    static final String UNTRUSTED = "quarkus.http.proxy.proxy-address-forwarding is on, but "
            + "quarkus.http.proxy.trusted-proxies is empty, so every client could choose its own address with "
            + "X-Forwarded-For or Forwarded. Set QUARKUS_HTTP_PROXY_TRUSTED_PROXIES to the proxies' addresses "
            + "(deploy/README.md).";

    void check(@Observes StartupEvent start) {
        Config config = ConfigProvider.getConfig();
        boolean forwarded = flag(config, "allow-forwarded");
        // As Quarkus reads it: X-Forwarded-* is honoured unless set off, or Forwarded is allowed instead.
        boolean xForwarded = config.getOptionalValue("quarkus.http.proxy.allow-x-forwarded", Boolean.class)
                .orElse(!forwarded);
        Optional<String> problem = problem(flag(config, "proxy-address-forwarding"), forwarded || xForwarded,
                config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class).orElse(List.of()));
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
    }

    /** Why the forwarding settings are refused, if they are. */
    static Optional<String> problem(boolean forwarding, boolean headersAllowed, List<String> trustedProxies) {
        boolean trustsSomeone = trustedProxies.stream().anyMatch(p -> p != null && !p.isBlank());
        return forwarding && headersAllowed && !trustsSomeone ? Optional.of(UNTRUSTED) : Optional.empty();
    }

    private static boolean flag(Config config, String name) {
        return config.getOptionalValue("quarkus.http.proxy." + name, Boolean.class).orElse(false);
    }
}
