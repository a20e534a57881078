package io.chainplay.connectors.exchange.rest;

import java.io.IOException;

/**
 * Extended answered with its error envelope ({@code {"status":"ERROR","error":{"code","message"}}})
 * or with something that is not its envelope at all. Not retried: the request itself is wrong (a
 * bad or revoked API key answers 401), so asking again gives the same answer.
 */
public class ExtendedApiException extends IOException {

    private final int httpStatus;
    private final int code;

    public ExtendedApiException(int httpStatus, int code, String message) {
        super(
                "Extended API error: HTTP "
                        + httpStatus
                        + (code != 0 ? ", code " + code : "")
                        + ": "
                        + message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** The HTTP status of the answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Extended's numeric error code, 0 when the answer carried none. */
    public int code() {
        return code;
    }
}
