package dev.switchboard.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The query of the next page's Link: the request's own, encoded as sent, with page_token replaced. */
class NextPageQueryTest {

    @Test
    void keeps_every_other_parameter_as_sent_and_replaces_the_page_token() {
        assertEquals("page_token=abc", MagicLinkResource.withPageToken(null, "abc"));
        assertEquals("page_token=abc", MagicLinkResource.withPageToken("", "abc"));
        assertEquals("limit=7&customer_id=a%26b%20c&page_token=abc",
                MagicLinkResource.withPageToken("limit=7&customer_id=a%26b%20c", "abc"));
        assertEquals("limit=7&status=opened&page_token=next",
                MagicLinkResource.withPageToken("page_token=old&limit=7&page_token&status=opened&page_token=", "next"));
        // Only the parameter named page_token: a longer name that starts with it stays.
        assertEquals("page_tokens=x&page_token=next", MagicLinkResource.withPageToken("page_tokens=x", "next"));
    }
}
