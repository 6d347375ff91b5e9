package dev.switchboard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code .ci/run}) driven by Playwright for Java, which
 * never downloads a browser here. One browser per test class; a fresh context (no cookies, no cache) per page.
 * Screenshots go to {@code target/screenshots/}, desktop (1280 wide) and mobile (375 wide).
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target", "screenshots");

    public enum Viewport {

        DESKTOP(1280, 900, false),
        MOBILE(375, 740, true);

        final int width;
        final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        // A skip, not a failure: ./mvnw verify needs only a JDK (README). .ci/run installs Chromium, so CI runs these.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
                () -> "Browser tests skipped: "
                        + CHROMIUM + " is missing (run .ci/run once, apt-get install chromium, or set CHROMIUM)");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    public BrowserContext context(Viewport viewport) {
        return browser.newContext(new NewContextOptions()
                .setViewportSize(viewport.width, viewport.height)
                .setIsMobile(viewport.mobile)
                .setHasTouch(viewport.mobile)
                .setDeviceScaleFactor(viewport.mobile ? 2 : 1));
    }

    public Page page(Viewport viewport) {
        return context(viewport).newPage();
    }

    /** Saves the page as {@code target/screenshots/<name>-<viewport>.png}. */
    public static void screenshot(Page page, String name, Viewport viewport) {
        try {
            Files.createDirectories(SHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SHOTS.resolve(name + "-" + viewport.name().toLowerCase() + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
