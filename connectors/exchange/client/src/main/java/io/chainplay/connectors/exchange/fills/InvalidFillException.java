package io.chainplay.connectors.exchange.fills;

/**
 * A trade the exchange sent that cannot become an {@code ExchangeFill}: a missing or non-numeric
 * field, an unknown side, a fill of another account. The fills source turns it into a dead letter
 * with the raw bytes; it never stops the source.
 */
public final class InvalidFillException extends Exception {

    private final Long fillId;

    public InvalidFillException(String reason, Long fillId) {
        super(reason);
        this.fillId = fillId;
    }

    /** The trade's id when it could be read (so the cursor can move past it), else null. */
    public Long fillId() {
        return fillId;
    }
}
