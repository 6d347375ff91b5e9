package dev.switchboard.organization;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.tenant.Environment;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode's first start: a "Demo" organization whose test key is logged once, so a new user can call the API at
 * once (README.md, "Try it"). Never runs outside the dev profile (switchboard.demo.enabled).
 */
@ApplicationScoped
public class DemoSeed {

    private static final Logger LOG = Logger.getLogger(DemoSeed.class);
    static final String NAME = "Demo";

    @Inject
    OrganizationService organizations;
    @Inject
    SwitchboardConfig config;

    void seed(@Observes StartupEvent start) {
        if (!config.demo().enabled() || organizations.exists(NAME)) {
            return;
        }
        OrganizationService.Created created = organizations.create(NAME);
        String testKey = created.keys().stream().filter(k -> k.environment() == Environment.TEST).findFirst()
                .orElseThrow().secret();
        LOG.infof("Created the Demo organization. Its test admin key, shown only now: %s "
                + "(try: curl -H 'x-trackstar-api-key: %s' http://localhost:8080/api-keys)", testKey, testKey);
    }
}
