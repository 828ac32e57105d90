package io.claimstream.status;

/**
 * A request the API answers with an error: the HTTP status, a message for the JSON body and,
 * for a 503, how many seconds to wait before asking again.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What a client waits before retrying while state moves between instances. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final int status;

    private ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, null);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message, null);
    }

    static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "method " + method + " is not allowed; use GET", null);
    }

    /** The state cannot be read now (rebalancing, restoring, an instance not answering); retrying later may work. */
    static ApiException unavailable(String message, Throwable cause) {
        return new ApiException(503, message, cause);
    }

    int status() {
        return status;
    }

    /** Seconds for the Retry-After header, or 0 when retrying the same request cannot help. */
    int retryAfterSeconds() {
        return status == 503 ? RETRY_AFTER_SECONDS : 0;
    }
}
