package dev.switchboard.catalog;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One input of an integration's credential form. {@code secret} fields are masked, never echoed back into a page and
 * stored only encrypted; {@code pattern} is a full-match regular expression checked on the server (and as a hint in the
 * browser).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialField(String key, String label, Kind kind, boolean required, String pattern, String help,
        List<String> options) {

    public enum Kind implements WireValue {

        TEXT("text"),
        SECRET("secret"),
        URL("url"),
        SELECT("select");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        @Override
        @JsonValue
        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public CredentialField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    @JsonIgnore
    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    /** Why {@code value} is not acceptable, or {@code null} when it is. */
    public String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return required ? "Required." : null;
        }
        if (value.length() > 4096) {
            return "Longer than maximum length 4096.";
        }
        if (kind == Kind.SELECT && !options.contains(value)) {
            return "Must be one of: " + String.join(", ", options) + ".";
        }
        if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            return help == null ? "Not in the expected format." : "Not in the expected format. " + help;
        }
        return null;
    }
}
