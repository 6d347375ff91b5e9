package dev.switchboard.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The integration catalog: {@code src/main/resources/catalog/integrations.json}, read and checked once at start (a
 * bad file stops the service), then served from memory. The contract's responses are serialised here once, with
 * their ETags, since they only change with a release.
 */
@Startup
@ApplicationScoped
public class Catalog {

    static final String RESOURCE = "catalog/integrations.json";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");

    /** A response body serialised once, and its strong ETag. */
    public record Rendered(byte[] body, String etag) {
    }

    @RegisterForReflection
    record CatalogFile(@JsonProperty("_comment") String comment, String version, List<Integration> integrations) {
    }

    private final String version;
    private final Map<IntegrationType, Map<String, Integration>> byType = new EnumMap<>(IntegrationType.class);
    private final Map<IntegrationType, Rendered> typePages = new EnumMap<>(IntegrationType.class);
    private final Map<Integration, Rendered> singlePages = new LinkedHashMap<>();

    @Inject
    public Catalog(SwitchboardConfig config, ObjectMapper json, WriteSchemas writes) {
        CatalogFile file = read();
        this.version = file.version();
        for (IntegrationType type : IntegrationType.values()) {
            byType.put(type, new LinkedHashMap<>());
        }
        List<String> problems = new ArrayList<>();
        for (Integration integration : file.integrations()) {
            check(integration, problems);
            if (integration.integrationType() != null
                    && byType.get(integration.integrationType()).put(integration.integrationName(),
                            integration) != null) {
                problems.add(integration.integrationType() + "/" + integration.integrationName() + ": listed twice");
            }
        }
        byType.forEach((type, entries) -> {
            if (!entries.containsKey(Integration.SANDBOX)) {
                problems.add(type + ": no sandbox entry");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " is invalid: " + String.join("; ", problems));
        }
        String publicUrl = config.publicUrl().replaceAll("/+$", "");
        byType.forEach((type, entries) -> {
            List<IntegrationInfo> infos = entries.values().stream().map(i -> IntegrationInfo.of(i, publicUrl, writes))
                    .toList();
            typePages.put(type, render(json, new IntegrationInfo.Page(infos)));
            entries.values().forEach(i -> singlePages.put(i,
                    render(json, new IntegrationInfo.Page(List.of(IntegrationInfo.of(i, publicUrl, writes))))));
        });
    }

    public String version() {
        return version;
    }

    /** Every integration of a type, in catalog order (the sandbox last). */
    public Collection<Integration> ofType(IntegrationType type) {
        return byType.get(type).values();
    }

    public Optional<Integration> find(IntegrationType type, String name) {
        return Optional.ofNullable(byType.get(type).get(name));
    }

    public Rendered typePage(IntegrationType type) {
        return typePages.get(type);
    }

    public Rendered singlePage(Integration integration) {
        return singlePages.get(integration);
    }

    private static void check(Integration i, List<String> problems) {
        String where = i.integrationType() + "/" + i.integrationName() + ": ";
        if (i.integrationType() == null || i.integrationName() == null
                || !NAME.matcher(i.integrationName()).matches()) {
            problems.add(where + "needs an integration_type and a lowercase integration_name");
        }
        if (i.displayName() == null || i.displayName().isBlank() || i.description() == null) {
            problems.add(where + "needs a display_name and a description");
        }
        if (!"input".equals(i.installMethod()) && !"oauth".equals(i.installMethod())) {
            problems.add(where + "install_method must be input or oauth");
        }
        if (i.color() == null || !COLOR.matcher(i.color()).matches()) {
            problems.add(where + "color must be #RRGGBB");
        }
        if (i.availableActions().isEmpty()
                || new HashSet<>(i.availableActions()).size() != i.availableActions().size()) {
            problems.add(where + "available_actions must hold at least one action, each once");
        }
        Set<String> keys = new HashSet<>();
        for (CredentialField field : i.credentials()) {
            if (field.key() == null || !keys.add(field.key()) || field.label() == null || field.kind() == null) {
                problems.add(where + "every credential needs a unique key, a label and a kind");
            }
            if (field.kind() == CredentialField.Kind.SELECT && field.options().isEmpty()) {
                problems.add(where + field.key() + " is a select without options");
            }
            if (field.pattern() != null) {
                try {
                    Pattern.compile(field.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(where + field.key() + " has a bad pattern: " + e.getDescription());
                }
            }
        }
        if (i.credentials().isEmpty()) {
            problems.add(where + "needs at least one credential field");
        }
    }

    private static CatalogFile read() {
        ObjectMapper strict = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return strict.readValue(in, CatalogFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Rendered render(ObjectMapper json, Object page) {
        try {
            byte[] body = json.writeValueAsBytes(page);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Rendered(body, HexFormat.of().formatHex(digest, 0, 16));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot render the catalog", e);
        }
    }
}
