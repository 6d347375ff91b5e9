package dev.switchboard.wms.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record's canonical JSON (object keys sorted at every level, no whitespace) and its SHA-256: two documents that
 * differ only in key order hash alike, so a system that reorders its fields does not make every record "updated".
 *
 * <p>
 * The bytes must never change for a given document: the store compares each synced record's hash with the one it
 * stored, so a different rendering (of a number, say) would make every stored record look updated at once and send an
 * {@code *.updated} webhook for each. {@code CanonicalJsonTest} pins them.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] sha256(byte[] canonical) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            int n = 0;
            boolean sorted = true;
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                sorted &= n == 0 || names[n - 1].compareTo(name) < 0;
                names[n++] = name;
            }
            if (!sorted) {
                Arrays.sort(names);
            }
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            // The same digits as the BigInteger's, without making one for the usual int or long.
            if (node.canConvertToLong()) {
                g.writeNumber(node.longValue());
            } else {
                g.writeNumber(node.bigIntegerValue());
            }
        } else if (node.isNumber()) {
            g.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else {
            g.writeString(node.asText());
        }
    }
}
