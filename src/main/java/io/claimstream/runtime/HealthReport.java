package io.claimstream.runtime;

import java.util.Map;

/**
 * Whether this instance is ready to serve, and the checks that decided it.
 *
 * @param ready true when every check passed
 * @param checks each check's result in words, by name: {@code streams -> RUNNING}, {@code topics -> ok}
 */
public record HealthReport(boolean ready, Map<String, String> checks) {

    public HealthReport {
        checks = Map.copyOf(checks);
    }
}
