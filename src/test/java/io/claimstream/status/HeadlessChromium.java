package io.claimstream.status;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, as a test runs it: loads a page, lets its scripts run, and hands
 * back the DOM they left.
 *
 * <p>Where Chromium is missing, a test that needs it is skipped with the reason shown, except
 * under CI ({@code CI=true}), where .ci/run installs it and its absence is a broken build.
 */
final class HeadlessChromium {

    /** Overrides where the browser is; otherwise it is looked up on PATH. */
    static final String BINARY_PROPERTY = "claimstream.chromium";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    /**
     * Virtual milliseconds the page may run for before the DOM is taken. Virtual time stands
     * still while a request is open, so the page's fetches all complete within it.
     */
    private static final int VIRTUAL_TIME_BUDGET_MS = 5000;
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or a skipped test (a failed one under CI) when there is none. */
    static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return new HeadlessChromium(found.get());
        }
        String configured = System.getProperty(BINARY_PROPERTY);
        String missing = (configured == null || configured.isBlank()
            ? "Chromium not found (looked for " + NAMES + " on PATH)"
            : "-D" + BINARY_PROPERTY + "=" + configured + " is not an executable file")
            + "; install Debian's chromium package, as .ci/run does";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing + ": skipping the browser test");
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> find() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM, serialised, after its scripts ran; {@code workDir} holds the browser's profile and logs. */
    String dumpDom(String url, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        Path out = workDir.resolve("dom.html");
        Path log = workDir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
            // The flags this machine needs: no sandbox as root, and no calls home, which its
            // closed network would refuse.
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile,
            "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS, "--dump-dom", url));
        Process chromium = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor();
            fail("Chromium did not finish loading " + url + " within " + TIMEOUT_SECONDS + " s; its log:\n" + tail(log));
        }
        if (chromium.exitValue() != 0) {
            fail("Chromium exited with " + chromium.exitValue() + " loading " + url + "; its log:\n" + tail(log));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
