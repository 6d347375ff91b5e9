package dev.switchboard.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import dev.switchboard.common.SecureRandoms;
import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Where {@code switchboard.encryption.key} comes from when {@code SWITCHBOARD_ENCRYPTION_KEY} is not set:
 * <ul>
 * <li>dev mode: a key generated once and kept in {@code .switchboard/encryption.key} (git-ignored, next to the dev
 * database, whose secrets it opens);</li>
 * <li>tests: {@code %test.switchboard.encryption.key} in application.properties;</li>
 * <li>the packaged app: nowhere. It exits at once with one line saying what to set, as it does without a database,
 * and likewise when the key or an old key is not 32 bytes of base64.</li>
 * </ul>
 */
public class EncryptionKeyConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EncryptionKeyConfigSourceFactory.class);

    static final String KEY = "switchboard.encryption.key";
    static final String OLD_KEYS = "switchboard.encryption.old-keys";
    static final String DEV_KEY_FILE = "switchboard.encryption.dev-key-file";
    static final String DEFAULT_DEV_KEY_FILE = ".switchboard/encryption.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        String key = value(context.getValue(KEY));
        if (key == null && profiles.contains("dev")) {
            String file = value(context.getValue(DEV_KEY_FILE));
            return List.of(
                    new PropertiesConfigSource(Map.of(KEY, devKey(Path.of(file == null ? DEFAULT_DEV_KEY_FILE : file))),
                            "switchboard-dev-encryption-key", 100));
        }
        // The build also reads configuration (ExecutionMode UNSET); only a starting application must have a key.
        if (!profiles.contains("dev") && !profiles.contains("test")
                && ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            problem(key, value(context.getValue(OLD_KEYS))).ifPresent(message -> {
                System.err.println(message);
                System.err.flush();
                // As in DatasourceConfigSourceFactory: nothing is open yet, and exit() would wait on Quarkus's hook.
                Runtime.getRuntime().halt(1);
            });
        }
        return List.of();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    /** The one line the packaged app prints before it exits, or empty when the keys are usable. */
    static Optional<String> problem(String key, String oldKeys) {
        if (key == null) {
            return Optional
                    .of("Switchboard needs an encryption key for the secrets it stores: set SWITCHBOARD_ENCRYPTION_KEY "
                            + "to 32 random bytes in base64 (openssl rand -base64 32) and keep it safe.");
        }
        Optional<String> bad = EncryptionKey.problemWith(key).map(p -> "SWITCHBOARD_ENCRYPTION_KEY " + p
                + "; it must be 32 random bytes in base64 (openssl rand -base64 32).");
        if (bad.isPresent() || oldKeys == null) {
            return bad;
        }
        for (String old : oldKeys.split(",")) {
            Optional<String> oldProblem = EncryptionKey.problemWith(old)
                    .map(p -> "An entry of SWITCHBOARD_ENCRYPTION_OLD_KEYS "
                            + p + "; it must be a comma-separated list of 32-byte base64 keys.");
            if (oldProblem.isPresent()) {
                return oldProblem;
            }
        }
        return Optional.empty();
    }

    /** The dev key in {@code file}, created (owner-only) on first use. */
    static String devKey(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path.getParent());
                byte[] raw = SecureRandoms.bytes(EncryptionKey.LENGTH);
                String generated = Base64.getEncoder().encodeToString(raw);
                try {
                    Files.createFile(path,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(path);
                } catch (FileAlreadyExistsException e) {
                    return Files.readString(path, StandardCharsets.US_ASCII).strip();
                }
                Files.writeString(path, generated + "\n", StandardCharsets.US_ASCII);
                LOG.infof("Generated a development encryption key in %s. It opens the secrets in the dev database: "
                        + "delete both together, or neither.", path);
                return generated;
            }
            return Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the dev encryption key " + path, e);
        }
    }

    private static String value(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
