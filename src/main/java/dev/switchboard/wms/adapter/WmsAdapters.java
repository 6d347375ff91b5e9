package dev.switchboard.wms.adapter;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** Every {@link WmsAdapter} bean, by the catalog's {@code integration_name}. */
@ApplicationScoped
public class WmsAdapters {

    private final Map<String, WmsAdapter> byName;

    WmsAdapters(@Any Instance<WmsAdapter> adapters) {
        this.byName = adapters.stream().collect(Collectors.toUnmodifiableMap(WmsAdapter::integrationName,
                Function.identity()));
    }

    public Optional<WmsAdapter> find(String integrationName) {
        return Optional.ofNullable(byName.get(integrationName));
    }
}
