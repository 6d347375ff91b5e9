package dev.switchboard.hosted;

import java.util.List;
import java.util.Locale;

import dev.switchboard.catalog.CredentialField;
import dev.switchboard.catalog.Integration;
import dev.switchboard.organization.Organization;

/** What the hosted-page templates show. Plain data; Qute escapes every value it prints. */
final class View {

    private View() {
    }

    /** The organization as its customers see it. */
    record Brand(String name, String logoUrl, String accent, String onAccent, String supportEmail) {

        static final String DEFAULT_ACCENT = "#2f5bea";

        static Brand of(Organization org) {
            String accent = org.brandColor == null ? DEFAULT_ACCENT : org.brandColor;
            return new Brand(org.publicName(), org.logoUrl, accent, onAccent(accent), org.supportEmail);
        }

        /** Nothing about the organization is known: an unknown link shows no one's name. */
        static Brand anonymous() {
            return new Brand("Switchboard", null, DEFAULT_ACCENT, "#ffffff", null);
        }

        /** White or near-black text on the accent, whichever contrasts more (WCAG relative luminance). */
        static String onAccent(String hex) {
            double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
            double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
            double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
            double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            return (1.05) / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#14161a";
        }

        private static double channel(int value) {
            double c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    /**
     * Every page: the brand, the CSP nonce of its one {@code <style>}, the form token, where the page reports that a
     * person opened it ({@code null}: not reported), and inside the Connect modal the embedding page's origin.
     */
    record Page(Brand brand, String nonce, String csrf, String openedUrl, String frameOrigin) {
    }

    /** One integration in the picker. */
    record Choice(String name, String displayName, String description, String logoPath) {

        static Choice of(Integration integration) {
            return new Choice(integration.integrationName(), integration.displayName(), integration.description(),
                    integration.logoPath());
        }

        public String searchName() {
            return (displayName + " " + name).toLowerCase(Locale.ROOT);
        }
    }

    /** One credential input. {@code value} is never a secret: secret fields are always shown empty. */
    record Field(String key, String label, String inputType, boolean required, String pattern, String help,
            List<String> options, String value, String error) {

        static Field of(CredentialField field, String submitted, String error) {
            String type = switch (field.kind()) {
                case SECRET -> "password";
                case URL -> "url";
                case SELECT -> "select";
                case TEXT -> "text";
            };
            String shown = field.isSecret() || submitted == null ? "" : submitted;
            return new Field(field.key(), field.label(), type, field.required(), field.pattern(), field.help(),
                    field.options(), shown, error);
        }

        public boolean select() {
            return "select".equals(inputType);
        }

        public String autocomplete() {
            return "password".equals(inputType) ? "new-password" : "off";
        }

        public String describedBy() {
            String ids = (help == null ? "" : "f-" + key + "-help ") + (error == null ? "" : "f-" + key + "-error");
            return ids.isBlank() ? null : ids.strip();
        }
    }

    /** State a form carries to its next step (the Connect modal's token, origin and filters). */
    record Hidden(String name, String value) {
    }

    /**
     * What the Connect modal tells its parent page, and to which origin. {@code json} is printed unescaped inside a
     * script element, so it must come escaped for one ({@code <}, {@code >} and {@code &} as {@code \u003c} ...).
     */
    record Result(String origin, String json) {
    }
}
