package io.chainplay.statefun.functions.exchange;

/**
 * A call to the exchange failed. {@link #isTransient()}: the exchange was unreachable, slow or
 * answered 5xx, so the same call may succeed later; otherwise it refused (bad signature, limits,
 * unknown market, no account) and asking again gives the same answer.
 */
public final class ExchangeException extends Exception {

    private final boolean transientFailure;
    private final int code;

    private ExchangeException(boolean transientFailure, int code, String message, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.code = code;
    }

    public static ExchangeException transientFailure(String message, Throwable cause) {
        return new ExchangeException(true, 0, message, cause);
    }

    /**
     * @param code the exchange's error code, 0 if it gave none (or the refusal is ours)
     */
    public static ExchangeException refused(int code, String message, Throwable cause) {
        return new ExchangeException(false, code, message, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public int code() {
        return code;
    }
}
