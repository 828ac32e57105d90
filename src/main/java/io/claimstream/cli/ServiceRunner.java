package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.runtime.ClaimstreamService;
import io.claimstream.runtime.Endpoints;
import io.claimstream.runtime.ShutdownHook;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.runtime.SubjectPrinter;
import io.claimstream.topology.ClaimsTopics;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a {@link ClaimstreamService} for a long-running command until it is stopped: by a signal
 * (a bounded graceful shutdown), or by processing failing for good.
 */
final class ServiceRunner {

    private ServiceRunner() {
    }

    /**
     * Starts the parts, tells the user where they are, and waits.
     *
     * @param running the line to print once started against a cluster; null for embedded mode's lines
     * @return the exit code
     */
    static int run(CommandSpec spec, Configuration config, Set<ClaimstreamService.Part> parts, boolean embedded,
                   String running) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ClaimstreamService service = ClaimstreamService.create(config);
        // Installed before anything starts, so that a signal during start-up stops what has started.
        ShutdownHook hook = ShutdownHook.install(service, config.claimstream().shutdownTimeout());
        try {
            try {
                service.start(parts, embedded);
            } catch (ClaimstreamService.StoppedWhileStarting signalled) {
                return ExitCodes.OK; // the JVM is exiting on the signal, with its own status
            }
            if (embedded) {
                Endpoints endpoints = service.endpoints().orElseThrow();
                endpoints.lines().forEach(out::println);
                out.println(inspectHint(config.claimstream().dataDir()));
                out.flush();
                service.closeFirst("subject printer", SubjectPrinter.start(service.configuration().values(),
                    KafkaClients.genericSerde(service.registryClient(), service.configuration().parsed().serdes()), out));
            } else {
                if (service.processing() != null) {
                    service.processing().awaitRunning(Duration.ofMinutes(2));
                }
                String where = service.processing() != null ? " (status at %s)"
                    : " (metrics at %1$s/metrics, health at %1$s/health/live and %1$s/health/ready)";
                out.println(running + service.statusUrl().map(url -> String.format(where, url)).orElse(""));
                out.flush();
                if (service.servesSampleFeeds()) {
                    // A demo on a cluster (docker compose): its subjects are printed as they land, as embedded mode's are.
                    service.closeFirst("subject printer", SubjectPrinter.start(service.configuration().values(),
                        KafkaClients.genericSerde(service.registryClient(), service.configuration().parsed().serdes()), out));
                }
            }
            return service.awaitStopped();
        } finally {
            service.close();
            hook.remove();
        }
    }

    /** The line that tells the user how to look at the topics from another terminal. */
    static String inspectHint(Path dataDir) {
        String command = System.getProperty("claimstream.command", "claimstream");
        String dir = dataDir.equals(Path.of(ClaimstreamSettings.DEFAULT_DATA_DIR)) ? "" : " --data-dir " + dataDir;
        return "Inspect the topics from another terminal: " + command + " inspect " + ClaimsTopics.SUBJECT_CLAIMS + dir
            + "   (also news.articles, news.claims, news.dlq, news.feeds; --follow, --json, --help)";
    }
}
