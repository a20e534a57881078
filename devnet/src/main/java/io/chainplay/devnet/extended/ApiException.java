package io.chainplay.devnet.extended;

/**
 * A refused request: answered as {@code {"status":"ERROR","error":{"code":..,"message":..}}} with
 * the code's HTTP status, the shape of Extended's {@code ResponseErrorModel}.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
