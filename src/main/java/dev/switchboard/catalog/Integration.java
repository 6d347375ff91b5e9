package dev.switchboard.catalog;

import java.util.Collection;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One catalog entry: an integration of one type, what it can do, and what its install form asks for. Identified by
 * {@code (integration_type, integration_name)}; every type has its own {@code sandbox}.
 */
@RegisterForReflection
public record Integration(String integrationName, String displayName, IntegrationType integrationType,
        String installMethod, String color, String description, List<Action> availableActions,
        List<CredentialField> credentials) {

    public static final String SANDBOX = "sandbox";

    public Integration {
        availableActions = List.copyOf(availableActions);
        credentials = List.copyOf(credentials);
    }

    public boolean isSandbox() {
        return SANDBOX.equals(integrationName);
    }

    public boolean supportsAll(Collection<Action> actions) {
        return availableActions.containsAll(actions);
    }

    /** The path of the lettermark this service draws for it. */
    public String logoPath() {
        return "/static/logos/" + integrationType.value() + "/" + integrationName + ".svg";
    }

    /** Up to two characters for the lettermark: word initials, or the capitals of a single camel-case word. */
    public String monogram() {
        String[] words = displayName.split("[\\s\\-()]+");
        StringBuilder letters = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && Character.isLetterOrDigit(word.charAt(0)) && letters.length() < 2) {
                letters.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        if (letters.length() == 1) {
            displayName.chars().skip(1).filter(Character::isUpperCase).findFirst()
                    .ifPresent(c -> letters.append((char) c));
        }
        return letters.toString();
    }
}
