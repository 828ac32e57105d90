package io.claimstream.runtime;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a service when the JVM is asked to stop (SIGTERM, Ctrl-C), within a bound: a part that
 * hangs on close must not keep a process that was told to stop alive, so past the bound the JVM
 * halts, and says why.
 */
public final class ShutdownHook {

    private static final Logger log = LoggerFactory.getLogger(ShutdownHook.class);

    private final Thread hook;

    private ShutdownHook(Thread hook) {
        this.hook = hook;
    }

    public static ShutdownHook install(AutoCloseable service, Duration bound) {
        Thread hook = new Thread(() -> closeWithin(service, bound), "claimstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ShutdownHook(hook);
    }

    /** Removes the hook, unless the JVM is already running it. */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
    }

    private static void closeWithin(AutoCloseable service, Duration bound) {
        log.info("Stopping (closing the parts in order, for at most {} s)", bound.toSeconds());
        Thread closing = new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                log.warn("Stopping failed: {}", e.toString());
            }
        }, "claimstream-shutdown-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.isAlive()) {
            log.error("Shutdown did not finish within {} s (claimstream.shutdown.timeout.ms); halting", bound.toSeconds());
            Runtime.getRuntime().halt(1);
        }
    }
}
