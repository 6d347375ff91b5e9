package dev.switchboard.hosted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.switchboard.catalog.CredentialField;
import dev.switchboard.catalog.Integration;

/** The credential form of one integration: reading what was posted, and showing it again with errors beside fields. */
final class InstallForm {

    static final String PREFIX = "cred.";

    private InstallForm() {
    }

    /** The posted credentials by field key; only the integration's own fields, first value of each. */
    static Map<String, String> credentials(Integration integration, MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (CredentialField field : integration.credentials()) {
            String value = form.getFirst(PREFIX + field.key());
            if (value != null && !value.isEmpty()) {
                values.put(field.key(), field.isSecret() ? value : value.strip());
            }
        }
        return values;
    }

    /** The fields to render: non-secret values kept, secrets always blank, each with its first error. */
    static List<View.Field> fields(Integration integration, Map<String, String> submitted,
            Map<String, List<String>> errors) {
        List<View.Field> fields = new ArrayList<>();
        for (CredentialField field : integration.credentials()) {
            List<String> messages = errors.get(field.key());
            String error = messages == null || messages.isEmpty() ? null : messages.get(0);
            if (error != null && field.help() != null && error.endsWith(" " + field.help())) {
                // The help is printed beside the field already.
                error = error.substring(0, error.length() - field.help().length() - 1);
            }
            fields.add(View.Field.of(field, submitted.get(field.key()), error));
        }
        return fields;
    }
}
