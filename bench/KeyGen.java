import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Makes API keys for the benchmark the way dev.switchboard.apikey.ApiKeyFormat does: "sb_test_", 32 random base62
 * characters, then a 6-character base62 CRC32 of everything before. Run with `java bench/KeyGen.java N`; prints N
 * lines "key sha256-hex". The harness stores the first key's hash in api_key and keeps the second one unstored, as
 * the well-formed wrong key of scenario 5.
 */
public class KeyGen {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int n = 0; n < count; n++) {
            StringBuilder body = new StringBuilder("sb_test_");
            for (int i = 0; i < 32; i++) {
                body.append(ALPHABET.charAt(RANDOM.nextInt(62)));
            }
            CRC32 crc = new CRC32();
            crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
            String key = body + fixedWidth(crc.getValue(), 6);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            System.out.println(key + " " + HexFormat.of().formatHex(hash));
        }
    }

    private static String fixedWidth(long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
