package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages a customer's page would load ({@code src/test/browser/package.json}: the official
 * {@code @trackstar/react-trackstar-link} and React 18), installed once into {@code target/browser/} with
 * {@code npm ci}
 * from the npm registry.
 */
public final class BrowserPackages {

    private static final Path SOURCE = Path.of("src", "test", "browser");
    private static final Path TARGET = Path.of("target", "browser");

    private BrowserPackages() {
    }

    /** The {@code node_modules} folder, installing it first when needed. */
    public static synchronized Path nodeModules() {
        Path modules = TARGET.resolve("node_modules");
        try {
            if (Files.isDirectory(modules.resolve("@trackstar/react-trackstar-link"))) {
                return modules;
            }
            Files.createDirectories(TARGET);
            for (String file : new String[]{ "package.json", "package-lock.json" }) {
                Files.copy(SOURCE.resolve(file), TARGET.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(TARGET.toFile()).redirectErrorStream(true)
                    .redirectOutput(TARGET.resolve("npm.log").toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed; see " + TARGET.resolve("npm.log"));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException("npm is needed for the browser tests (.ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
