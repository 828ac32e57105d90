package io.claimstream.status;

import java.util.Map;

/**
 * Whether the application is ready to serve, with the result of each check by name (for
 * example {@code "streams" -> "RUNNING"}); {@code /health} answers 200 when ready, else 503.
 */
public record Health(boolean ready, Map<String, String> checks) {

    public Health {
        checks = Map.copyOf(checks);
    }
}
