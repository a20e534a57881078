package io.chainplay.statefun.functions.trade;

/**
 * A message the daily-trade function sends itself: {@code STEP} to do the current stage's exchange
 * call (right after signing, and as the retry after a transient failure), {@code TIMEOUT} when the
 * fill wait ends. Stale ones (another request, an older attempt) are dropped.
 */
public record WorkflowTimer(String requestId, Kind kind, int attempt) {

    public enum Kind {
        STEP,
        TIMEOUT
    }
}
