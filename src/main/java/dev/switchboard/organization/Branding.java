package dev.switchboard.organization;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.common.StorableText;
import dev.switchboard.config.UrlPolicy;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Environment;

/**
 * A PATCH of one environment's branding (each environment has its own, V10), read field by field so that an absent
 * field stays as it is and {@code null}
 * clears it. Every field is checked before anything changes.
 */
final class Branding {

    static final int MAX_ORIGINS = 20;
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}$");
    private static final Set<String> FIELDS = Set.of("display_name", "logo_url", "brand_color", "support_email",
            "allowed_origins", "initial_sync_days");

    private Branding() {
    }

    /** Applies {@code patch} to {@code org}, or throws a 422 naming every bad field and changes nothing. */
    static void apply(JsonNode patch, Organization org, Environment environment, UrlPolicy urls) {
        boolean live = environment == Environment.LIVE;
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Missing request body.");
        }
        if (!patch.isObject()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY,
                    "Invalid input type: expected a JSON object.");
        }
        ValidationProblem problem = new ValidationProblem();
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) patch).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!FIELDS.contains(name)) {
                problem.add(ValidationProblem.JSON, name, "Unknown field.");
                continue;
            }
            if (name.equals("initial_sync_days")) {
                // How far back a new connection's initial sync reaches; null restores Trackstar's 30 days.
                if (value.isNull()) {
                    changes.put(name, 30);
                } else if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 1095) {
                    problem.add(ValidationProblem.JSON, name, value.isIntegralNumber()
                            ? "Must be between 1 and 1095."
                            : "Not a valid integer.");
                } else {
                    changes.put(name, value.asInt());
                }
                continue;
            }
            if (value.isNull()) {
                changes.put(name, name.equals("allowed_origins") ? List.of() : null);
                continue;
            }
            String error = switch (name) {
                case "display_name" -> text(value, 1, 100);
                case "brand_color" -> text(value, 7, 7) != null || !COLOR.matcher(value.asText()).matches()
                        ? "Not a valid colour (#RRGGBB)."
                        : null;
                case "support_email" -> text(value, 3, 254) != null || !EMAIL.matcher(value.asText()).matches()
                        ? "Not a valid email address."
                        : null;
                case "logo_url" ->
                    text(value, 1, 2048) != null ? text(value, 1, 2048) : httpsUrl(value.asText(), urls);
                default -> null;
            };
            if (name.equals("allowed_origins")) {
                List<String> origins = origins(value, problem, urls);
                if (origins != null) {
                    changes.put(name, origins);
                }
            } else if (error != null) {
                problem.add(ValidationProblem.JSON, name, error);
            } else {
                String text = value.asText();
                changes.put(name, name.equals("brand_color")
                        ? text.toLowerCase(Locale.ROOT)
                        : name.equals("display_name") ? text.strip() : text);
            }
        }
        problem.throwIfAny();
        changes.forEach((name, value) -> {
            switch (name) {
                case "display_name" -> {
                    if (live) {
                        org.displayName = (String) value;
                    } else {
                        org.testDisplayName = (String) value;
                    }
                }
                case "logo_url" -> {
                    if (live) {
                        org.logoUrl = (String) value;
                    } else {
                        org.testLogoUrl = (String) value;
                    }
                }
                case "brand_color" -> {
                    if (live) {
                        org.brandColor = (String) value;
                    } else {
                        org.testBrandColor = (String) value;
                    }
                }
                case "support_email" -> {
                    if (live) {
                        org.supportEmail = (String) value;
                    } else {
                        org.testSupportEmail = (String) value;
                    }
                }
                case "initial_sync_days" -> org.initialSyncDays = (Integer) value;
                case "allowed_origins" -> {
                    @SuppressWarnings("unchecked")
                    List<String> origins = (List<String>) value;
                    if (live) {
                        org.allowedOrigins = new ArrayList<>(origins);
                    } else {
                        org.testAllowedOrigins = new ArrayList<>(origins);
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        });
    }

    private static String text(JsonNode value, int min, int max) {
        if (!value.isTextual()) {
            return "Not a valid string.";
        }
        if (!StorableText.isStorable(value.asText())) {
            return StorableText.MESSAGE;
        }
        int length = value.asText().strip().length();
        if (length < min) {
            return min == 1 ? "Shorter than minimum length 1." : "Shorter than minimum length " + min + ".";
        }
        return value.asText().length() > max ? "Longer than maximum length " + max + "." : null;
    }

    private static String httpsUrl(String raw, UrlPolicy urls) {
        try {
            URI uri = new URI(raw);
            boolean local = urls.isAllowedLocal(uri.getScheme(), uri.getHost());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || local) || uri.getUserInfo() != null) {
                return "Must be an https URL.";
            }
            return null;
        } catch (URISyntaxException e) {
            return "Not a valid URL.";
        }
    }

    /** Origins as browsers send them: scheme, host and port only, lowercase, no path. */
    private static List<String> origins(JsonNode value, ValidationProblem problem, UrlPolicy urls) {
        if (!value.isArray()) {
            problem.add(ValidationProblem.JSON, "allowed_origins", "Not a valid list.");
            return null;
        }
        if (value.size() > MAX_ORIGINS) {
            problem.add(ValidationProblem.JSON, "allowed_origins", "At most " + MAX_ORIGINS + " origins.");
            return null;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String origin = item.isTextual() ? urls.origin(item.asText()).orElse(null) : null;
            if (origin == null) {
                problem.add(ValidationProblem.JSON, "allowed_origins." + i,
                        "Not a valid origin (https://host[:port], no path).");
            } else {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }
}
