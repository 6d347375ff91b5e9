package dev.switchboard.common;

import java.security.SecureRandom;

/**
 * The service's one source of secure randomness (ids, keys, tokens, nonces, IVs, secrets), created on first use.
 * <p>
 * Never keep a {@code SecureRandom} (or any {@code Random}) in a {@code static final} field: the native image
 * initializes classes while it is built, so such an instance would be made on the build machine and its seed frozen
 * into every executable, and GraalVM refuses to build it ("Detected an instance of Random/SplittableRandom class in
 * the image heap"). A field that stays {@code null} until the first call at run time has no such problem, in the JVM
 * or natively (docs/native.md).
 */
public final class SecureRandoms {

    /** Set on first use, at run time; never from a static initializer. */
    private static volatile SecureRandom random;

    private SecureRandoms() {
    }

    public static SecureRandom get() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (SecureRandoms.class) {
                r = random;
                if (r == null) {
                    r = new SecureRandom();
                    random = r;
                }
            }
        }
        return r;
    }

    /** {@code length} random bytes. */
    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        get().nextBytes(bytes);
        return bytes;
    }
}
