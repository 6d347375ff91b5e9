package dev.switchboard.wms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The canonical bytes, and so the stored {@code doc_hash} of every record, must not change between versions: a record
 * the system did not change would otherwise look updated after an upgrade. The expected values were taken from the
 * first implementation (a sorted {@code Map.Entry} list, every integer through {@code BigInteger}).
 */
class CanonicalJsonTest {

    private static final String DOCUMENT = "{\"z\":1,\"a\":{\"y\":[3,2.50,{\"b\":true,\"a\":null}],\"x\":\"\u00e9\\u0000\"},"
            + "\"big\":123456789012345678901234567890,\"neg\":-7,\"d\":1.0E10,\"f\":0.1,\"m\":\"\",\"id\":\"ord_1\"}";
    private static final String CANONICAL = "{\"a\":{\"x\":\"\u00e9\\u0000\",\"y\":[3,2.5,{\"a\":null,\"b\":true}]},"
            + "\"big\":123456789012345678901234567890,\"d\":10000000000,\"f\":0.1,\"id\":\"ord_1\",\"m\":\"\",\"neg\":-7,"
            + "\"z\":1}";
    private static final String SHA256 = "b4ba850401a2c415b940c126420d8082242094636e62cf640fe1b32822a58222";

    @Test
    void bytesAndHashAreThoseOfTheFirstVersion() throws Exception {
        check(new ObjectMapper().readTree(DOCUMENT));
    }

    @Test
    void bigDecimalAndBigIntegerTreesRenderAlike() throws Exception {
        check(new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).readTree(DOCUMENT));
    }

    @Test
    void keyOrderDoesNotMatter() throws Exception {
        JsonNode reordered = new ObjectMapper()
                .readTree("{\"id\":\"ord_1\",\"m\":\"\",\"f\":0.1,\"d\":1.0E10,\"neg\":-7,"
                        + "\"big\":123456789012345678901234567890,\"a\":{\"x\":\"\u00e9\\u0000\",\"y\":[3,2.5,{\"a\":null,\"b\":true}]},"
                        + "\"z\":1}");
        check(reordered);
    }

    private static void check(JsonNode node) {
        byte[] canonical = CanonicalJson.bytes(node);
        assertEquals(CANONICAL, new String(canonical, StandardCharsets.UTF_8));
        assertEquals(SHA256, HexFormat.of().formatHex(CanonicalJson.sha256(canonical)));
    }
}
