package io.chainplay.api;

import org.springframework.http.HttpStatus;

/**
 * An error a controller answers on purpose, with the status, code and message the client sees.
 *
 * <p>Thrown rather than returned so that controllers keep their happy-path return types; {@link
 * ApiExceptionHandler} turns it into an {@link ApiError} body. Not logged as a failure: these are
 * the client's mistakes.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, 0);
    }

    /** With a {@code Retry-After} header of {@code retryAfterSeconds} when it is positive. */
    public ApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false); // no stack trace: it is an answer, not a bug
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    /** Echoes client input in a message, cut short so a huge parameter cannot bloat the reply. */
    public static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown + "'";
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for the {@code Retry-After} header; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
