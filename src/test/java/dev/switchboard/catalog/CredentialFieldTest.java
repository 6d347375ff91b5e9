package dev.switchboard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CredentialFieldTest {

    private static final CredentialField DOMAIN = new CredentialField("shop_domain", "Store domain",
            CredentialField.Kind.TEXT, true, "^[a-z0-9-]+\\.myshopify\\.com$", "Such as your-store.myshopify.com.",
            null);

    @Test
    void a_required_field_must_be_filled() {
        assertEquals("Required.", DOMAIN.problemWith(" "));
    }

    @Test
    void a_pattern_must_match_the_whole_value_and_the_message_repeats_the_help() {
        assertEquals("Not in the expected format. Such as your-store.myshopify.com.",
                DOMAIN.problemWith("https://x.myshopify.com/admin"));
        assertNull(DOMAIN.problemWith("x-1.myshopify.com"));
    }

    @Test
    void a_select_takes_only_its_options() {
        CredentialField region = new CredentialField("region", "Region", CredentialField.Kind.SELECT, true, null, null,
                List.of("na", "eu"));
        assertEquals("Must be one of: na, eu.", region.problemWith("fe"));
        assertNull(region.problemWith("eu"));
    }

    @Test
    void an_optional_field_may_be_empty() {
        CredentialField channel = new CredentialField("channel_id", "Channel", CredentialField.Kind.TEXT, false,
                "^[0-9]+$", null, null);
        assertNull(channel.problemWith(""));
        assertEquals("Not in the expected format.", channel.problemWith("abc"));
    }

    @Test
    void monograms_come_from_words_or_camel_case() {
        assertEquals("SB", integration("ShipBob").monogram());
        assertEquals("S", integration("Shopify").monogram());
        assertEquals("UP", integration("UPS").monogram());
        assertEquals("AC", integration("Adobe Commerce (Magento)").monogram());
    }

    private static Integration integration(String displayName) {
        return new Integration("x", displayName, IntegrationType.WMS, "input", "#000000", "",
                List.of(Action.GET_ORDERS),
                List.of(DOMAIN));
    }
}
