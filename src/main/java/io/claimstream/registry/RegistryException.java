package io.claimstream.registry;

/**
 * A schema registry answered with an error, or could not be reached.
 *
 * <p>Carries the HTTP status and Confluent's error code ({@code 40401} subject not found,
 * {@code 40403} schema not found, {@code 409} incompatible schema, {@code 42201} invalid schema,
 * ...), so callers can tell a schema problem from an outage. The embedded registry throws the
 * same exception to produce its error responses.
 */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status of a request that got no HTTP response at all (connect error, timeout). */
    public static final int NO_RESPONSE = -1;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    public static final int OPERATION_TIMEOUT = 50002;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's error code from the response body; the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry could not answer (no response, or a 5xx): retrying later may work. */
    public boolean isUnavailable() {
        return httpStatus == NO_RESPONSE || httpStatus >= 500;
    }

    @Override
    public String getMessage() {
        String where = httpStatus == NO_RESPONSE ? "no response" : "HTTP " + httpStatus;
        return super.getMessage() + " (error code " + errorCode + ", " + where + ")";
    }

    /** The registry's own message, without the code and status. */
    public String registryMessage() {
        return super.getMessage();
    }
}
